package socialdesk.aws.dynamo;

import socialdesk.aws.testing.MotoServer;
import socialdesk.aws.testing.RequiresMoto;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The engagement store's tests (the same as against dynalite: conditional puts, markers, counters
 * counted from items, the remote index, the outbox) on moto's DynamoDB. The store reads previous
 * values with {@code ReturnValues: ALL_OLD}: moto answers {@code UPDATED_OLD} with the changed
 * attributes only, unlike the API reference and dynalite.
 */
@RequiresMoto
class DynamoEngagementStoreOnMotoTest extends DynamoEngagementStoreTest {

    @Override
    DynamoDbClient dynamo() {
        return MotoServer.shared().dynamoDb();
    }

    @Override
    String createTable() {
        return MotoServer.shared().createTable();
    }
}
