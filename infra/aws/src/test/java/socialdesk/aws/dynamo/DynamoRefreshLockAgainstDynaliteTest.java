package socialdesk.aws.dynamo;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import socialdesk.aws.testing.Dynalite;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The refresh lease against dynalite, a DynamoDB-compatible server on loopback. */
class DynamoRefreshLockAgainstDynaliteTest {
    private static final Instant NOW = Instant.parse("2026-12-06T09:00:00Z");
    private static final DynamoDbClient CLIENT = Dynalite.shared().client();
    private static final String TABLE = Dynalite.shared().createTable();

    private static DynamoRefreshLock at(Instant now) {
        return new DynamoRefreshLock(CLIENT, TABLE, Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void oneHolderAtATime() {
        String name = "token-refresh#one-holder";
        assertTrue(at(NOW).tryAcquire(name, "a", NOW.plus(Duration.ofMinutes(2))));

        assertFalse(at(NOW).tryAcquire(name, "b", NOW.plus(Duration.ofMinutes(2))));
        assertFalse(at(NOW.plusSeconds(119)).tryAcquire(name, "b", NOW.plus(Duration.ofMinutes(4))));
    }

    @Test
    void aReleasedLeaseIsFreeAndOnlyItsHolderReleasesIt() {
        String name = "token-refresh#release";
        assertTrue(at(NOW).tryAcquire(name, "a", NOW.plus(Duration.ofMinutes(2))));

        at(NOW).release(name, "b");
        assertFalse(at(NOW).tryAcquire(name, "b", NOW.plus(Duration.ofMinutes(2))));
        at(NOW).release(name, "a");
        assertTrue(at(NOW).tryAcquire(name, "b", NOW.plus(Duration.ofMinutes(2))));
    }

    @Test
    void anExpiredLeaseOfACrashedHolderCanBeTaken() {
        String name = "token-refresh#crashed";
        assertTrue(at(NOW).tryAcquire(name, "crashed", NOW.plus(Duration.ofMinutes(2))));

        assertTrue(at(NOW.plus(Duration.ofMinutes(3))).tryAcquire(name, "next", NOW.plus(Duration.ofMinutes(5))));
        at(NOW.plus(Duration.ofMinutes(3))).release(name, "crashed");
        assertFalse(at(NOW.plus(Duration.ofMinutes(3))).tryAcquire(name, "third", NOW.plus(Duration.ofMinutes(5))));
    }
}
