package socialdesk.aws.testing;

import java.time.Duration;
import java.util.UUID;
import socialdesk.aws.dynamo.TableDefinition;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/** Fresh tables of the project's shape for tests, on dynalite or an emulator container. */
public final class Tables {
    private Tables() {
    }

    /**
     * Creates a table named {@code prefix} plus a random suffix from {@link TableDefinition} and
     * answers its name once it is active (both servers create tables asynchronously, and a table may
     * not be found at all at first); fails after {@code within}. Polls itself: the SDK's waiter
     * sleeps 20 s between checks.
     */
    public static String createActive(DynamoDbClient client, String prefix, Duration within, Duration pollEvery) {
        String table = prefix + UUID.randomUUID();
        client.createTable(TableDefinition.createTableRequest(table));
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (client.describeTable(b -> b.tableName(table)).table().tableStatus() == TableStatus.ACTIVE) {
                    return table;
                }
            } catch (ResourceNotFoundException e) {
                // Not visible yet.
            }
            try {
                Thread.sleep(pollEvery.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("table " + table + " was not active within " + within.toSeconds() + " s");
    }
}
