package socialdesk.collect;

import java.time.Clock;
import socialdesk.aws.AwsClients;
import socialdesk.aws.Env;
import socialdesk.aws.bedrock.BedrockTriage;
import socialdesk.aws.dynamo.DynamoDb;
import socialdesk.aws.dynamo.DynamoEngagementStore;
import socialdesk.aws.dynamo.DynamoPollCursorStore;
import socialdesk.aws.events.EventBridge;
import socialdesk.aws.events.EventBridgePublisher;
import socialdesk.aws.priming.Priming;
import socialdesk.aws.secrets.SecretsManager;
import socialdesk.aws.secrets.SecretsManagerSecrets;
import socialdesk.core.engagement.CommentTriager;
import socialdesk.core.engagement.EngagementIngestion;
import socialdesk.core.engagement.Triage;
import socialdesk.core.engagement.polling.EngagementPolling;
import socialdesk.platforms.PlatformHttp;

/**
 * Builds the poller from the function's environment, once per container: AWS clients and triage at
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
        DynamoDb dynamo = clients.dynamoDb();
        EventBridge events = clients.eventBridge();
        SecretsManager secretsClient = clients.secretsManager();
        Clock clock = Clock.systemUTC();
        CommentTriager local = Triage.standard();
        // Empty (the default) is the local triage alone; a model id puts Bedrock in front of it. The
        // snapshot is primed with the local triage only: priming never calls the model.
        CommentTriager triager = BedrockTriage.forModel(Env.optional("BEDROCK_MODEL_ID", ""), local);
        EngagementIngestion ingestion = new EngagementIngestion(new DynamoEngagementStore(dynamo, table, clock),
                triager, new EventBridgePublisher(events, bus), clock);
        EngagementPolling polling = new EngagementPolling(ingestion, new DynamoPollCursorStore(dynamo, table, clock));
        SecretsManagerSecrets secrets = new SecretsManagerSecrets(secretsClient);
        return new CollectEngagementHandler.Wiring(polling,
                new ConfiguredSources(secretsPrefix, secrets::find, PlatformHttp.sharedClient(), clock),
                priming(dynamo, events, secretsClient, table, local));
    }

    /**
     * Before the snapshot: the JSON paths, the triage on a sample reply, a DynamoDB read of a key
     * that never exists, an empty PutEvents, a lookup of a secret that is never created, and the
     * platform HTTP client: every path a run takes, with no data written and no secret read.
     */
    static Priming priming(DynamoDb dynamo, EventBridge events, SecretsManager secrets, String table,
                           CommentTriager triager) {
        return Priming.forFunction("collect-engagement")
                .json()
                .prime("triage", () -> triager.triage("Your app logged me out again and my order vanished", "en"))
                .dynamoRead(dynamo, table)
                .eventsNothing(events)
                .secretsMiss(secrets)
                .prime("platform http client", PlatformHttp::warmSharedClient)
                .build();
    }
}
