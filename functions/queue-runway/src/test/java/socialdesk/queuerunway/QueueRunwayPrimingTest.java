package socialdesk.queuerunway;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import socialdesk.aws.AwsClients;
import socialdesk.aws.dynamo.DynamoDb;
import socialdesk.aws.priming.Priming;
import socialdesk.aws.testing.Dynalite;
import socialdesk.aws.testing.PrimingChecks;

/** The SnapStart hooks of queue-runway, called directly as Lambda would: no data changed, no throw. */
class QueueRunwayPrimingTest {

    @Test
    void primingAgainstDynaliteChangesNoData() {
        String table = Dynalite.shared().createTable();
        DynamoDb dynamo = Dynalite.shared().client();
        PrimingChecks.seed(dynamo, table);
        int before = PrimingChecks.itemCount(dynamo, table);
        Priming priming = QueueRunwayWiring.priming(dynamo, PrimingChecks.unreachable().eventBridge(), table);

        priming.beforeCheckpoint(null);
        priming.afterRestore(null);

        assertEquals(before, PrimingChecks.itemCount(dynamo, table));
    }

    @Test
    void primingToleratesEndpointsThatAreDown() {
        AwsClients down = PrimingChecks.unreachable();
        Priming priming = QueueRunwayWiring.priming(down.dynamoDb(), down.eventBridge(), "t");

        assertDoesNotThrow(() -> priming.beforeCheckpoint(null));
        assertDoesNotThrow(() -> priming.afterRestore(null));
    }
}
