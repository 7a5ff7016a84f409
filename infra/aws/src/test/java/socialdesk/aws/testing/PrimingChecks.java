package socialdesk.aws.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import socialdesk.aws.AwsClients;
import socialdesk.aws.client.AwsCredentials;
import socialdesk.aws.client.CredentialsProvider;
import socialdesk.aws.client.UrlConnectionTransport;
import socialdesk.aws.dynamo.AttributeValue;
import socialdesk.aws.dynamo.DynamoDb;

/** What the SnapStart priming tests of every function share: counting a table, and clients with no server. */
public final class PrimingChecks {
    private PrimingChecks() {
    }

    /** Every item of the table, counted with a consistent Scan (tests only; the functions never scan). */
    public static int itemCount(DynamoDb dynamo, String table) {
        int count = 0;
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            var page = dynamo.scan(b -> b.tableName(table).select("COUNT").consistentRead(true).exclusiveStartKey(from));
            count += page.count();
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return count;
    }

    /** An item that is not the function's, so the table is never empty when counted. */
    public static void seed(DynamoDb dynamo, String table) {
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
        return new AwsClients(Map.of("AWS_REGION", "us-east-1", "AWS_ENDPOINT_URL", "http://127.0.0.1:" + port),
                UrlConnectionTransport.standard(),
                CredentialsProvider.fixed(AwsCredentials.of("test", "test")));
    }
}
