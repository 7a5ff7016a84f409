package socialdesk.aws.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import socialdesk.aws.client.AwsCredentials;
import socialdesk.aws.client.CredentialsProvider;
import socialdesk.aws.client.ServiceEndpoint;
import socialdesk.aws.client.Transport;
import socialdesk.aws.testing.EmfCapture;
import socialdesk.core.metrics.Metric;

/** Each read that the cache cannot answer is counted, as CloudWatch would read the EMF line. */
class SecretsCacheMissesTest {
    private static final Instant START = Instant.parse("2026-12-06T03:00:00Z");

    private final AtomicInteger calls = new AtomicInteger();
    /** Secrets Manager's answer to GetSecretValue, counted; nothing leaves the process. */
    private final Transport secretsManager = request -> {
        calls.incrementAndGet();
        return new Transport.Response(200, "{\"SecretString\":\"s3cret\"}".getBytes(StandardCharsets.UTF_8));
    };

    @Test
    void readsThatMissTheCacheAreCountedAndCachedReadsAreNot() {
        AdjustableClock clock = new AdjustableClock(START);
        EmfCapture emf = new EmfCapture(clock);
        SecretsManager client = new SecretsManager(new ServiceEndpoint("SECRETS_MANAGER", URI.create("http://127.0.0.1:9/"),
                "us-east-1", "secretsmanager"), CredentialsProvider.fixed(AwsCredentials.of("AKID", "secret")), secretsManager);
        SecretsManagerSecrets secrets = new SecretsManagerSecrets(client, clock, Duration.ofMinutes(5), emf.metrics());

        secrets.find("social-desk/platforms/mastodon");
        secrets.find("social-desk/platforms/mastodon");
        secrets.find("social-desk/platforms/bluesky");
        clock.now = START.plus(Duration.ofMinutes(6));
        secrets.find("social-desk/platforms/mastodon");
        emf.metrics().flush();

        assertEquals(3, calls.get());
        assertEquals(List.of(3.0), emf.valuesOf(Metric.SECRETS_CACHE_MISSES.metricName(), Map.of()));
    }

    private static final class AdjustableClock extends Clock {
        volatile Instant now;

        AdjustableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
