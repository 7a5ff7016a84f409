package socialdesk.emulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import socialdesk.aws.dynamo.PostStoreContract;
import socialdesk.aws.dynamo.TableDefinition;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The post-store contract (the same tests as against dynalite) against the DynamoDB of the emulator
 * container, each table created from {@link TableDefinition#createTableRequest} and dropped after.
 */
@RequiresDocker
class DynamoPostStoreOnEmulatorTest extends PostStoreContract {
    private static DynamoDbClient client;
    private final List<String> tables = new ArrayList<>();

    @BeforeAll
    static void client() {
        client = Emulator.shared().clients().dynamoDb();
    }

    @AfterAll
    static void closeClient() {
        if (client != null) {
            client.close();
        }
    }

    @Override
    protected DynamoDbClient dynamo() {
        return client;
    }

    @Override
    protected String createTable() {
        String table = "social-desk-emulator-" + UUID.randomUUID();
        client.createTable(TableDefinition.createTableRequest(table));
        // The SDK waiter's default is 20 s between looks; a new table here is active in well under a second.
        client.waiter().waitUntilTableExists(b -> b.tableName(table), w -> w
                .backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(100)))
                .waitTimeout(Duration.ofSeconds(30)));
        tables.add(table);
        return table;
    }

    @AfterEach
    void dropTables() {
        tables.forEach(table -> client.deleteTable(b -> b.tableName(table)));
        tables.clear();
    }
}
