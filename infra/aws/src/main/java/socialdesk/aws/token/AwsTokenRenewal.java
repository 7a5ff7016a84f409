package socialdesk.aws.token;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import socialdesk.core.platform.token.RefreshLock;
import socialdesk.core.platform.token.TokenRenewal;
import socialdesk.core.platform.token.TokenStore;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Token renewal over Secrets Manager and the desk's table. The SDK clients (region and credentials
 * from the Lambda environment, {@code AWS_ENDPOINT_URL_*} overrides honoured by the SDK, the
 * URLConnection HTTP client) are built on the first refresh, not at init: most ticks refresh nothing,
 * and a desk without expiring tokens never pays for them.
 */
public final class AwsTokenRenewal {
    private AwsTokenRenewal() {
    }

    public static TokenRenewal forTable(String table, Clock clock) {
        Clients clients = new Clients(table, clock);
        return new TokenRenewal(clients, clients, clock);
    }

    private static final class Clients implements TokenStore, RefreshLock {
        private final String table;
        private final Clock clock;
        private SecretsManagerTokenStore store; // guarded by this
        private DynamoRefreshLock lock;         // guarded by this

        Clients(String table, Clock clock) {
            this.table = table;
            this.clock = clock;
        }

        private synchronized SecretsManagerTokenStore store() {
            if (store == null) {
                store = new SecretsManagerTokenStore(SecretsManagerClient.builder().httpClient(UrlConnectionHttpClient.create()).build());
            }
            return store;
        }

        private synchronized DynamoRefreshLock lock() {
            if (lock == null) {
                lock = new DynamoRefreshLock(DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build(), table, clock);
            }
            return lock;
        }

        @Override
        public Optional<String> read(String secretName) {
            return store().read(secretName);
        }

        @Override
        public void write(String secretName, String secretJson) {
            store().write(secretName, secretJson);
        }

        @Override
        public boolean tryAcquire(String name, String holder, Instant until) {
            return lock().tryAcquire(name, holder, until);
        }

        @Override
        public void release(String name, String holder) {
            lock().release(name, holder);
        }
    }
}
