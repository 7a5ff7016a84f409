package socialdesk.queuerunway;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import socialdesk.aws.AwsClients;
import socialdesk.aws.priming.Priming;
import socialdesk.aws.testing.Dynalite;
import socialdesk.aws.testing.PrimingChecks;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The SnapStart hooks of queue-runway, called directly as Lambda would: no data changed, no throw. */
class QueueRunwayPrimingTest {

    @Test
    void primingAgainstDynaliteChangesNoData() {
        String table = Dynalite.shared().createTable();
        DynamoDbClient dynamo = Dynalite.shared().client();
        PrimingChecks.seed(dynamo, table);
        int before = PrimingChecks.itemCount(dynamo, table);
        Priming priming = QueueRunwayWiring.priming(Dynalite.shared().clients(), table);

        priming.beforeCheckpoint(null);
        priming.afterRestore(null);

        assertEquals(before, PrimingChecks.itemCount(dynamo, table));
    }

    @Test
    void primingToleratesEndpointsThatAreDown() {
        AwsClients down = PrimingChecks.unreachable();
        Priming priming = QueueRunwayWiring.priming(down, "t");

        assertDoesNotThrow(() -> priming.beforeCheckpoint(null));
        assertDoesNotThrow(() -> priming.afterRestore(null));
        // First after a restore: keys fetched while priming belong to the snapshot, not to this copy.
        assertEquals("renew credentials", priming.restoreSteps().getFirst());
    }
}
