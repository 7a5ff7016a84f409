package socialdesk.queuerunway;

import java.time.Clock;
import socialdesk.aws.AwsClients;
import socialdesk.aws.Env;
import socialdesk.aws.dynamo.DynamoCadenceStore;
import socialdesk.aws.dynamo.DynamoPostStore;
import socialdesk.aws.events.EventBridgePublisher;
import socialdesk.core.schedule.QueueRunway;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Builds the runway service from the function's environment, once per container. */
final class QueueRunwayWiring {
    private QueueRunwayWiring() {
    }

    static QueueRunway fromEnvironment() {
        String table = Env.required("TABLE_NAME");
        String bus = Env.required("EVENT_BUS_NAME");
        AwsClients clients = AwsClients.fromEnvironment();
        DynamoDbClient dynamo = clients.dynamoDb();
        return new QueueRunway(new DynamoPostStore(dynamo, table), new DynamoCadenceStore(dynamo, table),
                new EventBridgePublisher(clients.eventBridge(), bus), Clock.systemUTC());
    }
}
