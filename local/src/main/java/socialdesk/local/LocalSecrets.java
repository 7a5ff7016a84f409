package socialdesk.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import socialdesk.core.json.Json;

/**
 * The local stand-in for Secrets Manager: {@code .local/secrets.json}, one entry per secret name
 * (platform secrets {@code social-desk/platforms/mastodon}, {@code .../facebook}, ... under the
 * template's {@code PlatformSecretsPrefix}; webhook secrets {@code social-desk/meta-webhook}, ...),
 * each value the secret's JSON object or {@code null} (not configured: GetSecretValue answers
 * ResourceNotFoundException, as Secrets Manager does for a secret that does not exist). Created with
 * sandbox credentials on first start; edit it to use real ones. In a value, the text
 * {@code {{sandbox}}} stands for the sandbox platform's URL of this run.
 */
public final class LocalSecrets {
    public static final String PREFIX = "social-desk/";
    public static final String SANDBOX_PLACEHOLDER = "{{sandbox}}";
    private static final String ARN_PREFIX = "arn:aws:secretsmanager:us-east-1:000000000000:secret:";

    private final Path file;
    private final String sandboxUrl;

    public LocalSecrets(Path file, String sandboxUrl) {
        this.file = file;
        this.sandboxUrl = sandboxUrl;
    }

    public Path file() {
        return file;
    }

    /** Writes the file with {@code defaults} if it does not exist yet; entries missing from an existing file are added. */
    public void createIfMissing(Map<String, Object> defaults) {
        Map<String, Object> current = new LinkedHashMap<>(defaults);
        if (Files.exists(file)) {
            current.putAll(read());
            if (current.keySet().equals(read().keySet())) {
                return;
            }
        }
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, pretty(current));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The local ARN of a secret name. */
    public static String arn(String name) {
        return ARN_PREFIX + name;
    }

    /** The secret name a {@code SecretId} names: the name itself, or the local ARN of it. */
    public static String nameOf(String idOrArn) {
        return idOrArn.startsWith(ARN_PREFIX) ? idOrArn.substring(ARN_PREFIX.length()) : idOrArn;
    }

    /** Every secret name in the file, configured or not. */
    public java.util.Set<String> names() {
        return read().keySet();
    }

    /** Whether a secret of that name is configured (present and not null). */
    public boolean configured(String name) {
        return read().get(name) != null;
    }

    /** The secret string for an ARN or a name, with the sandbox URL filled in; empty when not configured. */
    public Optional<String> secretString(String idOrArn) {
        String name = nameOf(idOrArn);
        Object value = read().get(name);
        if (value == null) {
            return Optional.empty();
        }
        String text = value instanceof String s ? s : Json.write(value);
        return Optional.of(text.replace(SANDBOX_PLACEHOLDER, sandboxUrl));
    }

    /**
     * Stores a new value of an existing secret, as {@code PutSecretValue} does (refreshed platform
     * tokens written back). The sandbox URL goes back to its placeholder, so the file stays valid on
     * the next start's ports; a JSON value is kept as JSON, so the file stays easy to read.
     *
     * @return the secret's name, or empty when there is no such secret
     */
    public synchronized Optional<String> put(String idOrArn, String secretString) {
        String name = nameOf(idOrArn);
        Map<String, Object> current = new LinkedHashMap<>(read());
        if (!current.containsKey(name)) {
            return Optional.empty();
        }
        String stored = secretString.replace(sandboxUrl, SANDBOX_PLACEHOLDER);
        Object value;
        try {
            value = Json.parse(stored);
        } catch (RuntimeException notJson) {
            value = stored;
        }
        current.put(name, value);
        try {
            Files.writeString(file, pretty(current));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return Optional.of(name);
    }

    /** Whether the secret still points at the sandbox (not real credentials). */
    public boolean usesSandbox(String name) {
        Object value = read().get(name);
        return value != null && Json.write(value).contains(SANDBOX_PLACEHOLDER);
    }

    private Map<String, Object> read() {
        try {
            return Json.parseObject(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** One entry per line, so the file is easy to edit by hand. */
    private static String pretty(Map<String, Object> secrets) {
        StringBuilder out = new StringBuilder("{\n");
        int i = 0;
        for (Map.Entry<String, Object> e : secrets.entrySet()) {
            out.append("  ").append(Json.write(e.getKey())).append(": ").append(Json.write(e.getValue()))
                    .append(++i < secrets.size() ? ",\n" : "\n");
        }
        return out.append("}\n").toString();
    }
}
