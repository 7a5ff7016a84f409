package socialdesk.queuerunway;

import java.time.Clock;
import socialdesk.aws.AwsClients;
import socialdesk.aws.Env;
import socialdesk.aws.dynamo.DynamoCadenceStore;
import socialdesk.aws.dynamo.DynamoDb;
import socialdesk.aws.dynamo.DynamoPostStore;
import socialdesk.aws.events.EventBridge;
import socialdesk.aws.events.EventBridgePublisher;
import socialdesk.aws.metrics.EmfMetrics;
import socialdesk.aws.priming.Priming;
import socialdesk.core.metrics.DeskMetrics;
import socialdesk.core.schedule.QueueRunway;

/** Builds the runway service from the function's environment, once per container. */
final class QueueRunwayWiring {
    private QueueRunwayWiring() {
    }

    /** The service and its SnapStart hooks, built over the same clients. */
    record Wired(QueueRunway runway, Priming priming, DeskMetrics metrics) {
    }

    static Wired fromEnvironment() {
        String table = Env.required("TABLE_NAME");
        String bus = Env.required("EVENT_BUS_NAME");
        AwsClients clients = AwsClients.fromEnvironment();
        DynamoDb dynamo = clients.dynamoDb();
        EventBridge events = clients.eventBridge();
        DeskMetrics metrics = EmfMetrics.toStandardOutput();
        QueueRunway runway = new QueueRunway(new DynamoPostStore(dynamo, table), new DynamoCadenceStore(dynamo, table),
                new EventBridgePublisher(events, bus), Clock.systemUTC(), metrics);
        return new Wired(runway, priming(dynamo, events, table), metrics);
    }

    /**
     * Before the snapshot: the JSON paths, a DynamoDB read of a key that never exists and an empty
     * PutEvents. Not the runway itself: it may put QueueRunningLow and repeat evergreen posts.
     */
    static Priming priming(DynamoDb dynamo, EventBridge events, String table) {
        return Priming.forFunction("queue-runway").json().dynamoRead(dynamo, table).eventsNothing(events).build();
    }
}
