package socialdesk.aws.dynamo;

import socialdesk.aws.testing.Dynalite;

/** The post-store contract against dynalite (a real DynamoDB-compatible server on loopback). */
class DynamoPostStoreTest extends PostStoreContract {

    @Override
    protected DynamoDb dynamo() {
        return Dynalite.shared().client();
    }

    @Override
    protected String createTable() {
        return Dynalite.shared().createTable();
    }
}
