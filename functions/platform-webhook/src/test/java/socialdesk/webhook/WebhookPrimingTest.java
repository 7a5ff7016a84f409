package socialdesk.webhook;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import org.junit.jupiter.api.Test;
import socialdesk.aws.AwsClients;
import socialdesk.aws.dynamo.DynamoEngagementStore;
import socialdesk.aws.dynamo.DynamoEventOutbox;
import socialdesk.aws.events.EventBridgePublisher;
import socialdesk.aws.priming.Priming;
import socialdesk.aws.testing.Dynalite;
import socialdesk.aws.testing.PrimingChecks;
import socialdesk.core.engagement.CommentTriager;
import socialdesk.core.engagement.EngagementIngestion;
import socialdesk.core.engagement.Triage;
import socialdesk.core.events.OutboxRelay;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The SnapStart hooks of platform-webhook, called directly as Lambda would: no data changed, no throw. */
class WebhookPrimingTest {

    private static Priming priming(AwsClients clients, String table) {
        Clock clock = Clock.systemUTC();
        CommentTriager triager = Triage.standard();
        EngagementIngestion ingestion = new EngagementIngestion(new DynamoEngagementStore(clients.dynamoDb(), table), triager,
                new OutboxRelay(new EventBridgePublisher(clients.eventBridge(), "bus"), new DynamoEventOutbox(clients.dynamoDb(), table)), clock);
        PlatformWebhookHandler handler = new PlatformWebhookHandler(
                new PlatformWebhooks(WebhookTestKit.allSecrets(), ingestion, clock));
        return PlatformWebhookHandler.withHandlerStep(
                WebhookWiring.priming(clients, table, triager, clock), handler).build();
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
    }

    @Test
    void primingToleratesEndpointsThatAreDown() {
        AwsClients down = PrimingChecks.unreachable();
        Priming priming = priming(down, "t");

        assertDoesNotThrow(() -> priming.beforeCheckpoint(null));
        assertDoesNotThrow(() -> priming.afterRestore(null));
        // First after a restore: keys fetched while priming belong to the snapshot, not to this copy.
        assertEquals("renew credentials", priming.restoreSteps().getFirst());
    }
}
