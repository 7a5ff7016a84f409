package socialdesk.aws.secrets;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import socialdesk.core.metrics.DeskMetrics;
import socialdesk.core.metrics.Metric;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * Credentials from Secrets Manager, kept in memory for a while (five minutes by default) so a
 * container reads each secret a few times an hour, and a rotated secret is picked up without a
 * deployment. Read on first use, not at init, so no secret is part of a SnapStart snapshot.
 */
public final class SecretsManagerSecrets {
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(5);

    private final SecretsManagerClient client;
    private final Clock clock;
    private final Duration ttl;
    private final DeskMetrics metrics;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(Optional<String> value, Instant readAt) {
    }

    public SecretsManagerSecrets(SecretsManagerClient client) {
        this(client, DeskMetrics.NONE);
    }

    /** @param metrics where each read that misses the cache is counted */
    public SecretsManagerSecrets(SecretsManagerClient client, DeskMetrics metrics) {
        this(client, Clock.systemUTC(), DEFAULT_TTL, metrics);
    }

    public SecretsManagerSecrets(SecretsManagerClient client, Clock clock, Duration ttl) {
        this(client, clock, ttl, DeskMetrics.NONE);
    }

    public SecretsManagerSecrets(SecretsManagerClient client, Clock clock, Duration ttl, DeskMetrics metrics) {
        this.client = client;
        this.clock = clock;
        this.ttl = ttl;
        this.metrics = metrics;
    }

    /** The secret's string value; the id is its ARN or name. A missing secret is an error. */
    public String secretString(String secretId) {
        return find(secretId).orElseThrow(() -> new IllegalStateException("secret " + secretId + " does not exist"));
    }

    /** The secret's string value, or empty when no such secret exists (that answer is cached too). */
    public Optional<String> find(String secretId) {
        Instant now = clock.instant();
        Cached cached = cache.get(secretId);
        if (cached == null || cached.readAt().plus(ttl).isBefore(now)) {
            metrics.count(Metric.SECRETS_CACHE_MISSES);
            cached = new Cached(read(secretId), now);
            cache.put(secretId, cached);
        }
        return cached.value();
    }

    private Optional<String> read(String secretId) {
        try {
            return Optional.ofNullable(client.getSecretValue(b -> b.secretId(secretId)).secretString());
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }
}
