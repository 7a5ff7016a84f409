package socialdesk.aws.testing;

import java.time.Duration;
import java.util.UUID;
import socialdesk.aws.client.AwsServiceException;
import socialdesk.aws.dynamo.DynamoDb;
import socialdesk.aws.dynamo.TableDefinition;

/** Fresh tables of the project's shape for tests, on dynalite or an emulator container. */
public final class Tables {
    private Tables() {
    }

    /**
     * Creates a table named {@code prefix} plus a random suffix from {@link TableDefinition} and
     * answers its name once it is active (both servers create tables asynchronously, and a table may
     * not be found at all at first); fails after {@code within}.
     */
    public static String createActive(DynamoDb client, String prefix, Duration within, Duration pollEvery) {
        String table = prefix + UUID.randomUUID();
        client.createTable(TableDefinition.createTableRequest(table));
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if ("ACTIVE".equals(client.tableStatus(table))) {
                    return table;
                }
            } catch (AwsServiceException e) {
                if (!"ResourceNotFoundException".equals(e.code())) {
                    throw e;
                }
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
