package socialdesk.queuerunway;

import java.time.Clock;
import java.time.Duration;
import socialdesk.aws.AwsCallBudget;
import socialdesk.aws.AwsClients;
import socialdesk.aws.Env;
import socialdesk.aws.dynamo.DynamoCadenceStore;
import socialdesk.aws.dynamo.DynamoPostStore;
import socialdesk.aws.events.EventBridgePublisher;
import socialdesk.aws.metrics.EmfMetrics;
import socialdesk.aws.priming.Priming;
import socialdesk.core.metrics.DeskMetrics;
import socialdesk.core.schedule.QueueRunway;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Builds the runway service from the function's environment, once per container. */
public final class QueueRunwayWiring {
    /**
     * The function's 60 s timeout (template.yaml) holds one run's calls, one after another: the
     * cadences and each platform's queued posts and evergreen entries read (a Query each, a page or
     * two), the repeats put, and QueueRunningLow put: sixteen at most for the platforms there are.
     */
    public static final AwsCallBudget AWS_CALLS = new AwsCallBudget(Duration.ofSeconds(60), 16);

    private QueueRunwayWiring() {
    }

    /** The service, its SnapStart hooks and the metrics it records, built over the same clients. */
    record Wired(QueueRunway runway, Priming priming, DeskMetrics metrics) {
    }

    static Wired fromEnvironment() {
        String table = Env.required("TABLE_NAME");
        String bus = Env.required("EVENT_BUS_NAME");
        AwsClients clients = AwsClients.fromEnvironment(AWS_CALLS);
        DynamoDbClient dynamo = clients.dynamoDb();
        DeskMetrics metrics = EmfMetrics.toStandardOutput();
        QueueRunway runway = new QueueRunway(new DynamoPostStore(dynamo, table), new DynamoCadenceStore(dynamo, table),
                new EventBridgePublisher(clients.eventBridge(), bus), Clock.systemUTC(), metrics);
        return new Wired(runway, priming(clients, table), metrics);
    }

    /**
     * Before the snapshot: the JSON paths, a DynamoDB read of a key that never exists and the writes
     * the stores make, each refused, an empty PutEvents, and the metrics' EMF lines built and written
     * nowhere. Not the runway itself: it may put
     * QueueRunningLow and repeat evergreen posts.
     */
    static Priming priming(AwsClients clients, String table) {
        return Priming.forFunction("queue-runway").renewCredentials(clients).json()
                .scheduledEventRuntimeJson()
                .dynamoRead(clients.dynamoDb(), table)
                .dynamoWritesRefused(clients.dynamoDb(), table)
                .eventsNothing(clients.eventBridge())
                .prime("metrics", EmfMetrics::primeWithoutWriting).build();
    }
}
