package socialdesk.aws.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import socialdesk.aws.testing.LoopbackAws;
import socialdesk.core.json.Json;

/** The secrets reader through the SDK's Secrets Manager client, against a loopback service that answers as GetSecretValue does. */
class SecretsManagerSecretsTest {
    private static final Instant NOW = Instant.parse("2026-12-06T09:00:00Z");

    private static LoopbackAws secretsManager() {
        return new LoopbackAws("application/x-amz-json-1.1", request -> "social-desk/platforms/mastodon".equals(request.get("SecretId"))
                ? new LoopbackAws.Answer(200, Json.write(Map.of("Name", "social-desk/platforms/mastodon",
                        "SecretString", "{\"token\":\"t\"}", "VersionId", "v1")))
                : new LoopbackAws.Answer(400, "{\"__type\":\"ResourceNotFoundException\","
                        + "\"message\":\"Secrets Manager can't find the specified secret.\"}"));
    }

    @Test
    void readsASecretOnceAndAgainOnlyAfterItsTimeInMemory() {
        try (LoopbackAws service = secretsManager()) {
            MutableClock clock = new MutableClock(NOW);
            SecretsManagerSecrets secrets = new SecretsManagerSecrets(service.clients().secretsManager(), clock, Duration.ofMinutes(5));

            assertEquals("{\"token\":\"t\"}", secrets.secretString("social-desk/platforms/mastodon"));
            clock.now = NOW.plus(Duration.ofMinutes(4));
            assertEquals("{\"token\":\"t\"}", secrets.secretString("social-desk/platforms/mastodon"));
            assertEquals(1, service.requests().size());
            clock.now = NOW.plus(Duration.ofMinutes(6));
            secrets.secretString("social-desk/platforms/mastodon");
            assertEquals(2, service.requests().size());
        }
    }

    @Test
    void aSecretThatDoesNotExistIsEmpty_andAnErrorWhenRequired() {
        try (LoopbackAws service = secretsManager()) {
            SecretsManagerSecrets secrets = new SecretsManagerSecrets(service.clients().secretsManager());

            assertEquals(Optional.empty(), secrets.find("social-desk/platforms/bluesky"));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> secrets.secretString("social-desk/platforms/bluesky"));
            assertEquals("secret social-desk/platforms/bluesky does not exist", e.getMessage());
            // The miss is cached too: one request, not retried (a 400 is final).
            assertEquals(1, service.requests().size());
        }
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
