package socialdesk.aws.dynamo;

import socialdesk.aws.testing.Dynalite;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The post-store contract against dynalite (a real DynamoDB-compatible server on loopback). */
class DynamoPostStoreTest extends PostStoreContract {

    @Override
    protected DynamoDbClient dynamo() {
        return Dynalite.shared().client();
    }

    @Override
    protected String createTable() {
        return Dynalite.shared().createTable();
    }
}
