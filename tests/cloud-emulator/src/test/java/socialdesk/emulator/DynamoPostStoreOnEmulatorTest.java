package socialdesk.emulator;

import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import socialdesk.aws.dynamo.PostStoreContract;
import socialdesk.aws.dynamo.TableDefinition;
import socialdesk.aws.testing.Tables;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The post-store contract (the same tests as against dynalite) against the DynamoDB of the emulator
 * container, through the project's client factory, each table created from
 * {@link TableDefinition#createTableRequest}. Tables are not dropped: each test has its own, and the
 * container goes away with the test JVM.
 */
@RequiresDocker
class DynamoPostStoreOnEmulatorTest extends PostStoreContract {
    private static final Duration ACTIVE_WITHIN = Duration.ofSeconds(30);

    private static DynamoDbClient client;

    @BeforeAll
    static void client() {
        client = Emulator.shared().clients().dynamoDb();
    }

    @Override
    protected DynamoDbClient dynamo() {
        return client;
    }

    @Override
    protected String createTable() {
        return Tables.createActive(client, "social-desk-emulator-", ACTIVE_WITHIN, Duration.ofMillis(100));
    }
}
