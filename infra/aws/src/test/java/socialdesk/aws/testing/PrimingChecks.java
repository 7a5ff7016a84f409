package socialdesk.aws.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import socialdesk.aws.AwsCallBudget;
import socialdesk.aws.AwsClients;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Select;

/** What the SnapStart priming tests of every function share: counting a table, and clients with no server. */
public final class PrimingChecks {
    private PrimingChecks() {
    }

    /** Every item of the table, counted with a consistent Scan (tests only; the functions never scan). */
    public static int itemCount(DynamoDbClient dynamo, String table) {
        int count = 0;
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            var page = dynamo.scan(b -> b.tableName(table).select(Select.COUNT).consistentRead(true).exclusiveStartKey(from));
            count += page.count();
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return count;
    }

    /** An item that is not the function's, so the table is never empty when counted. */
    public static void seed(DynamoDbClient dynamo, String table) {
        dynamo.putItem(b -> b.tableName(table).item(Map.of("PK", AttributeValue.fromS("SEED#priming-test"),
                "SK", AttributeValue.fromS("SEED"), "note", AttributeValue.fromS("counted before and after priming"))));
    }

    /** Clients whose every endpoint is a loopback port nobody listens on: calls fail fast with connection refused. */
    public static AwsClients unreachable() {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return AwsClients.of(Map.of("AWS_REGION", "us-east-1"), new AwsCallBudget(Duration.ofSeconds(10), 1),
                URI.create("http://127.0.0.1:" + port), StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")),
                List.of());
    }
}
