package socialdesk.aws.token;

import java.time.Clock;
import socialdesk.aws.dynamo.DynamoRefreshLock;
import socialdesk.core.platform.token.TokenRenewal;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * Token renewal over the function's own clients: the platform credentials in Parameter Store (the
 * client that reads them writes refreshed tokens back) and the refresh lease in the desk's table.
 */
public final class AwsTokenRenewal {
    private AwsTokenRenewal() {
    }

    public static TokenRenewal forTable(DynamoDbClient dynamo, SsmClient parameters, String table, Clock clock) {
        return new TokenRenewal(new ParameterStoreTokenStore(parameters), new DynamoRefreshLock(dynamo, table, clock), clock);
    }
}
