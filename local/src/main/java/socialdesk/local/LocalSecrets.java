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
 * The local stand-in for Parameter Store: {@code .local/secrets.json}, one entry per SecureString
 * parameter (platform credentials {@code /social-desk/platforms/mastodon}, {@code .../facebook}, ...
 * and webhook signing secrets {@code /social-desk/webhooks/meta}, ... under the template's
 * {@code CredentialsPath}), each value the parameter's JSON object or {@code null} (not configured:
 * GetParameter answers ParameterNotFound and GetParametersByPath leaves it out, as Parameter Store
 * does for a parameter that does not exist). Created with sandbox credentials on first start; edit it
 * to use real ones. In a value, the text {@code {{sandbox}}} stands for the sandbox platform's URL of
 * this run. Versions are counted from 1 per run of the stack (the file keeps values only).
 */
public final class LocalSecrets {
    public static final String SANDBOX_PLACEHOLDER = "{{sandbox}}";
    private static final String ARN_PREFIX = "arn:aws:ssm:us-east-1:000000000000:parameter";

    private final Path file;
    private final String sandboxUrl;
    private final Map<String, Long> versions = new java.util.concurrent.ConcurrentHashMap<>();

    /** One parameter's current state, as GetParameter and GetParametersByPath describe it. */
    public record Parameter(String name, String value, long version) {
    }

    /** The outcome of a {@link #put}: the new version, or why there is none. */
    public sealed interface PutOutcome {
        record Stored(long version) implements PutOutcome {
        }

        /** The parameter exists and {@code Overwrite} was not asked for. */
        record AlreadyExists() implements PutOutcome {
        }
    }

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

    /** The local ARN of a parameter name ({@code /a/b} -> {@code arn:...:parameter/a/b}). */
    public static String arn(String name) {
        return ARN_PREFIX + (name.startsWith("/") ? name : "/" + name);
    }

    /** The parameter name a {@code Name} field gives: the name itself, or the local ARN of it. */
    public static String nameOf(String nameOrArn) {
        return nameOrArn.startsWith(ARN_PREFIX) ? nameOrArn.substring(ARN_PREFIX.length()) : nameOrArn;
    }

    /** Every parameter name in the file, configured or not. */
    public java.util.Set<String> names() {
        return read().keySet();
    }

    /** Whether a parameter of that name is configured (present and not null). */
    public boolean configured(String name) {
        return read().get(name) != null;
    }

    /** The value for an ARN or a name, with the sandbox URL filled in; empty when not configured. */
    public Optional<String> secretString(String nameOrArn) {
        return parameter(nameOrArn).map(Parameter::value);
    }

    /** The configured parameter of that name or ARN, with its version; empty when there is none. */
    public Optional<Parameter> parameter(String nameOrArn) {
        String name = nameOf(nameOrArn);
        Object value = read().get(name);
        return value == null ? Optional.empty() : Optional.of(describe(name, value));
    }

    /**
     * The configured parameters under {@code path}, by name: those one level below it, or every
     * level when {@code recursive}, as GetParametersByPath selects them.
     */
    public java.util.List<Parameter> under(String path, boolean recursive) {
        String parent = path.endsWith("/") ? path : path + "/";
        java.util.List<Parameter> found = new java.util.ArrayList<>();
        new java.util.TreeMap<>(read()).forEach((name, value) -> {
            if (value != null && name.startsWith(parent) && name.length() > parent.length()
                    && (recursive || name.indexOf('/', parent.length()) < 0)) {
                found.add(describe(name, value));
            }
        });
        return found;
    }

    /**
     * Stores a value, as {@code PutParameter} does: a new parameter, or with {@code overwrite} a new
     * version of an existing one (refreshed platform tokens written back). The sandbox URL goes back
     * to its placeholder, so the file stays valid on the next start's ports; a JSON value is kept as
     * JSON, so the file stays easy to read.
     */
    public synchronized PutOutcome put(String nameOrArn, String value, boolean overwrite) {
        String name = nameOf(nameOrArn);
        Map<String, Object> current = new LinkedHashMap<>(read());
        boolean exists = current.get(name) != null;
        if (exists && !overwrite) {
            return new PutOutcome.AlreadyExists();
        }
        String stored = value.replace(sandboxUrl, SANDBOX_PLACEHOLDER);
        Object json;
        try {
            json = Json.parse(stored);
        } catch (RuntimeException notJson) {
            json = stored;
        }
        current.put(name, json);
        try {
            Files.writeString(file, pretty(current));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        long version = exists ? versions.getOrDefault(name, 1L) + 1 : 1L;
        versions.put(name, version);
        return new PutOutcome.Stored(version);
    }

    private Parameter describe(String name, Object value) {
        String text = value instanceof String s ? s : Json.write(value);
        return new Parameter(name, text.replace(SANDBOX_PLACEHOLDER, sandboxUrl), versions.getOrDefault(name, 1L));
    }

    /** Whether the parameter still points at the sandbox (not real credentials). */
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
