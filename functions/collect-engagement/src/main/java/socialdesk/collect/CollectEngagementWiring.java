package socialdesk.collect;

import java.time.Clock;
import java.time.Duration;
import socialdesk.aws.AwsCallBudget;
import socialdesk.aws.AwsClients;
import socialdesk.aws.Env;
import socialdesk.aws.bedrock.BedrockTriage;
import socialdesk.aws.dynamo.DynamoEngagementStore;
import socialdesk.aws.dynamo.DynamoPollCursorStore;
import socialdesk.aws.events.EventBridgePublisher;
import socialdesk.aws.metrics.EmfMetrics;
import socialdesk.aws.priming.Priming;
import socialdesk.aws.secrets.ParameterStoreCredentials;
import socialdesk.core.engagement.CommentTriager;
import socialdesk.core.engagement.EngagementIngestion;
import socialdesk.core.engagement.Triage;
import socialdesk.core.engagement.polling.EngagementPolling;
import socialdesk.core.metrics.DeskMetrics;
import socialdesk.platforms.PlatformHttp;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Builds the poller from the function's environment, once per container: AWS clients and triage at
 * init; platform credentials (Parameter Store) on the first run and through a short-lived cache afterwards (never in a
 * SnapStart snapshot).
 */
public final class CollectEngagementWiring {
    /**
     * The polling stops starting pages when less than its reserve (20 s) of the invocation is left,
     * so that reserve must hold what follows the last check, one call after another: GetParametersByPath,
     * then for a notification GetItem (seen?), GetItem (the post), PutItem (the comment), UpdateItem
     * (the counters), PutItem (remembered), PutEvents twice (refused entries), and PutItem (the cursor).
     */
    public static final AwsCallBudget AWS_CALLS = new AwsCallBudget(Duration.ofMillis(EngagementPolling.DEFAULT_RESERVE_MILLIS), 9);

    private CollectEngagementWiring() {
    }

    static CollectEngagementHandler.Wiring fromEnvironment() {
        String table = Env.required("TABLE_NAME");
        String bus = Env.required("EVENT_BUS_NAME");
        // The publisher's credentials path, /social-desk/platforms: the same accounts are polled.
        String credentialsPath = Env.required("PLATFORM_CREDENTIALS_PATH");
        AwsClients clients = AwsClients.fromEnvironment(AWS_CALLS);
        DynamoDbClient dynamo = clients.dynamoDb();
        Clock clock = Clock.systemUTC();
        CommentTriager local = Triage.standard();
        // Empty (the default) is the local triage alone; a model id puts Bedrock in front of it. The
        // snapshot is primed with the local triage only: priming never calls the model.
        CommentTriager triager = BedrockTriage.forModel(Env.optional("BEDROCK_MODEL_ID", ""), local);
        DeskMetrics metrics = EmfMetrics.toStandardOutput();
        EngagementIngestion ingestion = new EngagementIngestion(new DynamoEngagementStore(dynamo, table, clock),
                triager, new EventBridgePublisher(clients.eventBridge(), bus), clock, metrics);
        EngagementPolling polling = new EngagementPolling(ingestion, new DynamoPollCursorStore(dynamo, table, clock));
        ParameterStoreCredentials credentials = new ParameterStoreCredentials(clients.ssm(), credentialsPath, metrics);
        return new CollectEngagementHandler.Wiring(polling,
                new ConfiguredSources(credentialsPath + "/", credentials::find, PlatformHttp.sharedClient(), clock),
                priming(clients, table, local), metrics);
    }

    /**
     * Before the snapshot: the JSON paths, the triage on a sample reply, a DynamoDB read of a key
     * that never exists and the writes the stores make, each refused, an empty PutEvents, reads of a
     * parameter path that is never created, the platform HTTP client with one request to a loopback
     * server, and the metrics' EMF lines built and written nowhere: every path a run takes, with no
     * data written, no credential read and no metric recorded.
     */
    static Priming priming(AwsClients clients, String table, CommentTriager triager) {
        return Priming.forFunction("collect-engagement")
                .renewCredentials(clients)
                .json()
                .scheduledEventRuntimeJson()
                .prime("triage", () -> triager.triage("Your app logged me out again and my order vanished", "en"))
                .dynamoRead(clients.dynamoDb(), table)
                .dynamoWritesRefused(clients.dynamoDb(), table)
                .eventsNothing(clients.eventBridge())
                .parametersMiss(clients.ssm())
                .prime("platform http client", PlatformHttp::warmSharedClient)
                .httpRoundTrip(PlatformHttp.sharedClient())
                .prime("metrics", EmfMetrics::primeWithoutWriting)
                .build();
    }
}
