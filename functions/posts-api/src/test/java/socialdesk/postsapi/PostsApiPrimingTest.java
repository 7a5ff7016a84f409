package socialdesk.postsapi;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import org.junit.jupiter.api.Test;
import socialdesk.aws.AwsClients;
import socialdesk.aws.dynamo.DynamoCadenceStore;
import socialdesk.aws.dynamo.DynamoPostStore;
import socialdesk.aws.priming.Priming;
import socialdesk.aws.testing.Dynalite;
import socialdesk.aws.testing.PrimingChecks;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The SnapStart hooks of posts-api, called directly as Lambda would: no data changed, no throw. */
class PostsApiPrimingTest {

    private static Priming priming(AwsClients clients, String table) {
        DynamoDbClient dynamo = clients.dynamoDb();
        PostsApiHandler handler = new PostsApiHandler(PostsApiWiring.create(new DynamoPostStore(dynamo, table),
                new DynamoCadenceStore(dynamo, table), Clock.systemUTC()));
        return PostsApiHandler.withHandlerStep(PostsApiWiring.priming(clients, table,
                clients.mediaBucket("media", Clock.systemUTC())), handler).build();
    }

    @Test
    void primingAgainstDynaliteChangesNoData() {
        String table = Dynalite.shared().createTable();
        DynamoDbClient dynamo = Dynalite.shared().client();
        PrimingChecks.seed(dynamo, table);
        int before = PrimingChecks.itemCount(dynamo, table);
        Priming priming = priming(Dynalite.shared().clients(), table);

        priming.beforeCheckpoint(null);
        priming.afterRestore(null);

        assertEquals(before, PrimingChecks.itemCount(dynamo, table));
        assertTrue(priming.primingSteps().contains("media bucket signing"), priming.primingSteps().toString());
    }

    @Test
    void primingToleratesADynamoDbThatIsDown() {
        Priming priming = priming(PrimingChecks.unreachable(), "t");

        assertDoesNotThrow(() -> priming.beforeCheckpoint(null));
        assertDoesNotThrow(() -> priming.afterRestore(null));
        // First after a restore: keys fetched while priming belong to the snapshot, not to this copy.
        assertEquals("renew credentials", priming.restoreSteps().getFirst());
    }
}
