package socialdesk.aws.secrets;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import socialdesk.core.metrics.DeskMetrics;
import socialdesk.core.metrics.Metric;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParametersByPathResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;

/**
 * Credentials from SSM Parameter Store: SecureString parameters directly under one path
 * ({@code /social-desk/platforms/mastodon}, {@code /social-desk/platforms/x}, ...), all read at once
 * with {@code GetParametersByPath} (decrypted) and kept in memory for a while (fifteen minutes by
 * default). A container therefore asks once per path every fifteen minutes however many platforms it
 * reads, and a changed value is picked up without a deployment. Each read decrypts every value with
 * KMS, a billed request, hence the long default: refreshed tokens do not wait for it (the token
 * renewal reads the stored tokens past this cache), only a credential changed by hand does. Read on first use, not at init, so no
 * credential is part of a SnapStart snapshot. A name with no parameter is simply absent: the platform
 * is not configured.
 */
public final class ParameterStoreCredentials {
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(15);

    private final SsmClient client;
    private final String path;
    private final Clock clock;
    private final Duration ttl;
    private final DeskMetrics metrics;
    private Snapshot snapshot;

    private record Snapshot(Map<String, String> values, Instant readAt) {
    }

    /**
     * @param path    the parent of the parameters, {@code /social-desk/platforms}: a leading slash, none at the end
     * @param metrics where each read that misses the cache is counted
     */
    public ParameterStoreCredentials(SsmClient client, String path, DeskMetrics metrics) {
        this(client, path, Clock.systemUTC(), DEFAULT_TTL, metrics);
    }

    public ParameterStoreCredentials(SsmClient client, String path, Clock clock, Duration ttl, DeskMetrics metrics) {
        if (path == null || !path.startsWith("/") || path.endsWith("/")) {
            throw new IllegalArgumentException("a parameter path starts with / and does not end with one: " + path);
        }
        this.client = client;
        this.path = path;
        this.clock = clock;
        this.ttl = ttl;
        this.metrics = metrics;
    }

    /** The full name of the parameter {@code leaf} under this path: {@code <path>/<leaf>}. */
    public String nameOf(String leaf) {
        return path + "/" + leaf;
    }

    /**
     * The decrypted value of the parameter of that full name, or empty when there is none.
     *
     * @throws IllegalArgumentException when the name is not directly under this path (a wiring mistake: it is never read)
     */
    public Optional<String> find(String name) {
        int slash = name.lastIndexOf('/');
        if (slash != path.length() || !name.startsWith(path)) {
            throw new IllegalArgumentException(name + " is not a parameter directly under " + path);
        }
        return Optional.ofNullable(current().values().get(name));
    }

    private synchronized Snapshot current() {
        Instant now = clock.instant();
        if (snapshot == null || snapshot.readAt().plus(ttl).isBefore(now)) {
            metrics.count(Metric.SECRETS_CACHE_MISSES);
            snapshot = new Snapshot(readAll(), now);
        }
        return snapshot;
    }

    /** Every parameter directly under the path, page by page (Parameter Store answers ten at most per page). */
    private Map<String, String> readAll() {
        Map<String, String> values = new HashMap<>();
        String next = null;
        do {
            String token = next;
            GetParametersByPathResponse page = client.getParametersByPath(b -> b.path(path).recursive(false)
                    .withDecryption(true).nextToken(token));
            for (Parameter parameter : page.parameters()) {
                values.put(parameter.name(), parameter.value());
            }
            next = page.nextToken();
        } while (next != null && !next.isEmpty());
        return Map.copyOf(values);
    }
}
