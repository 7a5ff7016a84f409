package socialdesk.emulator;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import socialdesk.aws.client.AwsServiceException;
import socialdesk.aws.dynamo.DynamoDb;
import socialdesk.aws.dynamo.PostStoreContract;
import socialdesk.aws.dynamo.TableDefinition;

/**
 * The post-store contract (the same tests as against dynalite) against the DynamoDB of the emulator
 * container, through the project's own client, each table created from
 * {@link TableDefinition#createTableRequest}. Tables are not dropped: each test has its own, and the
 * container goes away with the test JVM.
 */
@RequiresDocker
class DynamoPostStoreOnEmulatorTest extends PostStoreContract {
    private static final Duration ACTIVE_WITHIN = Duration.ofSeconds(30);

    private static DynamoDb client;

    @BeforeAll
    static void client() {
        client = Emulator.shared().clients().dynamoDb();
    }

    @Override
    protected DynamoDb dynamo() {
        return client;
    }

    @Override
    protected String createTable() {
        String table = "social-desk-emulator-" + UUID.randomUUID();
        client.createTable(TableDefinition.createTableRequest(table));
        awaitActive(table);
        return table;
    }

    /** A new table here is active in well under a second; until then it may not be found at all. */
    private static void awaitActive(String table) {
        long deadline = System.nanoTime() + ACTIVE_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if ("ACTIVE".equals(client.tableStatus(table))) {
                    return;
                }
            } catch (AwsServiceException e) {
                if (!"ResourceNotFoundException".equals(e.code())) {
                    throw e;
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("table " + table + " was not active within " + ACTIVE_WITHIN.toSeconds() + " s");
    }
}
