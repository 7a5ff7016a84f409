package socialdesk.aws.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import socialdesk.aws.testing.EmfCapture;
import socialdesk.aws.testing.LoopbackAws;
import socialdesk.core.json.Json;
import socialdesk.core.metrics.Metric;

/** Each read that the cache cannot answer is counted, as CloudWatch would read the EMF line. */
class SecretsCacheMissesTest {
    private static final Instant START = Instant.parse("2026-12-06T03:00:00Z");

    @Test
    void readsThatMissTheCacheAreCountedAndCachedReadsAreNot() {
        // Secrets Manager's answer to GetSecretValue on loopback; every request is kept, so the misses can be checked against them.
        try (LoopbackAws secretsManager = new LoopbackAws("application/x-amz-json-1.1", request -> new LoopbackAws.Answer(200,
                Json.write(Map.of("Name", request.get("SecretId"), "SecretString", "s3cret", "VersionId", "v1"))))) {
            AdjustableClock clock = new AdjustableClock(START);
            EmfCapture emf = new EmfCapture(clock);
            SecretsManagerSecrets secrets = new SecretsManagerSecrets(secretsManager.clients().secretsManager(), clock,
                    Duration.ofMinutes(5), emf.metrics());

            secrets.find("social-desk/platforms/mastodon");
            secrets.find("social-desk/platforms/mastodon");
            secrets.find("social-desk/platforms/bluesky");
            clock.now = START.plus(Duration.ofMinutes(6));
            secrets.find("social-desk/platforms/mastodon");
            emf.metrics().flush();

            assertEquals(3, secretsManager.requests().size());
            assertEquals(List.of(3.0), emf.valuesOf(Metric.SECRETS_CACHE_MISSES.metricName(), Map.of()));
        }
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
