package socialdesk.collect;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import socialdesk.aws.AwsClients;
import socialdesk.aws.priming.Priming;
import socialdesk.aws.testing.Dynalite;
import socialdesk.aws.testing.PrimingChecks;
import socialdesk.core.engagement.Triage;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The SnapStart hooks of collect-engagement, called directly as Lambda would: no data changed, no throw. */
class CollectPrimingTest {

    @Test
    void primingAgainstDynaliteChangesNoData() {
        String table = Dynalite.shared().createTable();
        DynamoDbClient dynamo = Dynalite.shared().client();
        PrimingChecks.seed(dynamo, table);
        int before = PrimingChecks.itemCount(dynamo, table);
        Priming priming = CollectEngagementWiring.priming(Dynalite.shared().clients(), table, Triage.standard());

        priming.beforeCheckpoint(null);
        priming.afterRestore(null);

        assertEquals(before, PrimingChecks.itemCount(dynamo, table));
    }

    @Test
    void primingToleratesEndpointsThatAreDown() {
        AwsClients down = PrimingChecks.unreachable();
        Priming priming = CollectEngagementWiring.priming(down, "t", Triage.standard());

        assertDoesNotThrow(() -> priming.beforeCheckpoint(null));
        assertDoesNotThrow(() -> priming.afterRestore(null));
        // First after a restore: keys fetched while priming belong to the snapshot, not to this copy.
        assertEquals("renew credentials", priming.restoreSteps().getFirst());
    }
}
