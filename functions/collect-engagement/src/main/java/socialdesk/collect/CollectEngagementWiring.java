package socialdesk.collect;

import java.time.Clock;
import socialdesk.aws.AwsClients;
import socialdesk.aws.Env;
import socialdesk.aws.dynamo.DynamoEngagementStore;
import socialdesk.aws.dynamo.DynamoPollCursorStore;
import socialdesk.aws.events.EventBridgePublisher;
import socialdesk.aws.secrets.SecretsManagerSecrets;
import socialdesk.core.engagement.EngagementIngestion;
import socialdesk.core.engagement.Triage;
import socialdesk.core.engagement.polling.EngagementPolling;
import socialdesk.platforms.PlatformHttp;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Builds the poller from the function's environment, once per container: SDK clients and triage at
 * init; platform secrets on the first run and through a short-lived cache afterwards (never in a
 * SnapStart snapshot).
 */
final class CollectEngagementWiring {
    private CollectEngagementWiring() {
    }

    static CollectEngagementHandler.Wiring fromEnvironment() {
        String table = Env.required("TABLE_NAME");
        String bus = Env.required("EVENT_BUS_NAME");
        String secretsPrefix = Env.required("PLATFORM_SECRETS_PREFIX");
        AwsClients clients = AwsClients.fromEnvironment();
        DynamoDbClient dynamo = clients.dynamoDb();
        Clock clock = Clock.systemUTC();
        EngagementIngestion ingestion = new EngagementIngestion(new DynamoEngagementStore(dynamo, table, clock),
                Triage.standard(), new EventBridgePublisher(clients.eventBridge(), bus), clock);
        EngagementPolling polling = new EngagementPolling(ingestion, new DynamoPollCursorStore(dynamo, table, clock));
        SecretsManagerSecrets secrets = new SecretsManagerSecrets(clients.secretsManager());
        return new CollectEngagementHandler.Wiring(polling,
                new ConfiguredSources(secretsPrefix, secrets::find, PlatformHttp.sharedClient(), clock));
    }
}
