package socialdesk.moto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import socialdesk.aws.secrets.SecretsManagerSecrets;
import socialdesk.aws.testing.MotoServer;
import socialdesk.aws.testing.RequiresMoto;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The secrets reader the functions use ({@link SecretsManagerSecrets}, over the SDK client the
 * project's factory builds) against moto's Secrets Manager: by name and by ARN, a missing secret,
 * and a rotated value picked up once the cached one is older than its time to live.
 */
@RequiresMoto
class SecretsOnMotoTest {
    private static final Duration TTL = Duration.ofMinutes(5);
    private static SecretsManagerClient client;

    @BeforeAll
    static void client() {
        client = MotoServer.shared().clients().secretsManager();
    }

    private static String uniqueName() {
        return "social-desk/test-" + UUID.randomUUID() + "/meta";
    }

    @Test
    void readsASecretStringByNameAndByArn() {
        String name = uniqueName();
        String value = "{\"appSecret\":\"s3cr\u00eat\",\"verifyToken\":\"v\"}";
        String arn = client.createSecret(b -> b.name(name).secretString(value)).arn();
        SecretsManagerSecrets secrets = new SecretsManagerSecrets(client);

        assertEquals(value, secrets.secretString(name));
        assertEquals(value, secrets.secretString(arn));
    }

    @Test
    void aMissingSecretIsEmptyAndAnErrorWhenRequired() {
        SecretsManagerSecrets secrets = new SecretsManagerSecrets(client);
        String name = uniqueName();

        assertEquals(Optional.empty(), secrets.find(name));
        IllegalStateException missing = assertThrows(IllegalStateException.class, () -> secrets.secretString(name));
        assertEquals("secret " + name + " does not exist", missing.getMessage());
    }

    @Test
    void aRotatedValueIsReadOnceTheCachedOneHasLived() {
        String name = uniqueName();
        client.createSecret(b -> b.name(name).secretString("first"));
        Instant start = Instant.parse("2026-12-06T08:00:00Z");
        SettableClock clock = new SettableClock(start);
        SecretsManagerSecrets secrets = new SecretsManagerSecrets(client, clock, TTL);
        assertEquals("first", secrets.secretString(name));

        client.putSecretValue(b -> b.secretId(name).secretString("second"));
        String beforeExpiry = secrets.secretString(name);
        clock.now.set(start.plus(TTL).plusSeconds(1));
        String afterExpiry = secrets.secretString(name);

        assertEquals("first", beforeExpiry);
        assertEquals("second", afterExpiry);
    }

    /** A clock the test moves by hand. */
    private static final class SettableClock extends Clock {
        final AtomicReference<Instant> now;

        SettableClock(Instant start) {
            now = new AtomicReference<>(start);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the test reads instants only");
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }
}
