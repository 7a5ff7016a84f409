package socialdesk.aws.reply;

import socialdesk.aws.testing.MotoServer;
import socialdesk.aws.testing.RequiresMoto;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The reply flow's tests (the conditional claim, the state index, the lost answers) on moto's
 * DynamoDB: a second implementation of the condition expressions the exactly-once guarantee rests on.
 */
@RequiresMoto
class CommentRepliesOnMotoTest extends CommentRepliesAgainstDynaliteTest {

    @Override
    DynamoDbClient dynamo() {
        return MotoServer.shared().dynamoDb();
    }

    @Override
    String createTable() {
        return MotoServer.shared().createTable();
    }
}
