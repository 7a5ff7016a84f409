package socialdesk.publish;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import socialdesk.aws.AwsClients;
import socialdesk.aws.priming.Priming;
import socialdesk.aws.testing.Dynalite;
import socialdesk.aws.testing.PrimingChecks;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The SnapStart hooks of publish-due-posts, called directly as Lambda would: no data changed, no throw. */
class PublishPrimingTest {

    @Test
    void primingAgainstDynaliteChangesNoData() {
        String table = Dynalite.shared().createTable();
        DynamoDbClient dynamo = Dynalite.shared().client();
        PrimingChecks.seed(dynamo, table);
        int before = PrimingChecks.itemCount(dynamo, table);
        Priming priming = PublisherWiring.priming(Dynalite.shared().clients(), table,
                Dynalite.shared().clients().mediaBucket("media", java.time.Clock.systemUTC()), new Random(1));

        priming.beforeCheckpoint(null);
        priming.afterRestore(null);

        assertEquals(before, PrimingChecks.itemCount(dynamo, table));
        assertTrue(priming.primingSteps().contains("media bucket signing"), priming.primingSteps().toString());
    }

    @Test
    void primingToleratesEndpointsThatAreDown() {
        AwsClients down = PrimingChecks.unreachable();
        Priming priming = PublisherWiring.priming(down, "t", down.mediaBucket("media", java.time.Clock.systemUTC()), new Random(1));

        assertDoesNotThrow(() -> priming.beforeCheckpoint(null));
        assertDoesNotThrow(() -> priming.afterRestore(null));
        // First after a restore: keys fetched while priming belong to the snapshot, not to this copy.
        assertEquals("renew credentials", priming.restoreSteps().getFirst());
    }

    @Test
    void afterRestoreReseedsTheJitter() {
        Random random = new Random(42);
        long expected = new Random(42).nextLong();
        AwsClients down = PrimingChecks.unreachable();

        PublisherWiring.priming(down, "t", down.mediaBucket("media", java.time.Clock.systemUTC()), random).afterRestore(null);

        // A fresh seed: the sequence no longer follows the one captured in the snapshot.
        org.junit.jupiter.api.Assertions.assertNotEquals(expected, random.nextLong());
    }
}
