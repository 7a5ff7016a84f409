package socialdesk.aws.token;

import java.time.Clock;
import java.util.Optional;
import socialdesk.aws.dynamo.DynamoDb;
import socialdesk.aws.dynamo.DynamoRefreshLock;
import socialdesk.core.platform.token.TokenRenewal;
import socialdesk.core.platform.token.TokenStore;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Token renewal over Secrets Manager and the desk's table. The Secrets Manager SDK client (region
 * and credentials from the Lambda environment, {@code AWS_ENDPOINT_URL_SECRETS_MANAGER} honoured by
 * the SDK, the URLConnection HTTP client) is built on the first refresh, not at init: most ticks
 * refresh nothing, and a desk without expiring tokens never pays for it. The lease uses the
 * function's DynamoDB client.
 */
public final class AwsTokenRenewal {
    private AwsTokenRenewal() {
    }

    public static TokenRenewal forTable(DynamoDb dynamo, String table, Clock clock) {
        return new TokenRenewal(new LazySecretsStore(), new DynamoRefreshLock(dynamo, table, clock), clock);
    }

    private static final class LazySecretsStore implements TokenStore {
        private SecretsManagerTokenStore store; // guarded by this

        private synchronized SecretsManagerTokenStore store() {
            if (store == null) {
                store = new SecretsManagerTokenStore(SecretsManagerClient.builder().httpClient(UrlConnectionHttpClient.create()).build());
            }
            return store;
        }

        @Override
        public Optional<String> read(String secretName) {
            return store().read(secretName);
        }

        @Override
        public void write(String secretName, String secretJson) {
            store().write(secretName, secretJson);
        }
    }
}
