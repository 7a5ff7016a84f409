package socialdesk.aws.priming;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.http.HttpClient;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import socialdesk.aws.AwsClients;
import socialdesk.aws.testing.Dynalite;
import socialdesk.aws.testing.PrimingChecks;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The priming steps that go beyond a read, on a real DynamoDB-compatible server: each refused write
 * is sent, refused for its condition (not for a malformed request) and leaves the table as it was;
 * the HTTP round trip is answered on loopback. Another tier runs the DynamoDB test on its own server
 * by overriding {@link #clients} and {@link #createTable} (tests/moto).
 */
class PrimingStepsTest {

    /** The outcome of every request, by operation: "ok" or the exception's simple name. */
    static final class Outcomes implements ExecutionInterceptor {
        final Map<String, String> byOperation = new ConcurrentHashMap<>();

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            byOperation.put(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), "ok");
        }

        @Override
        public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
            byOperation.put(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), context.exception().getClass().getSimpleName());
        }
    }

    AwsClients clients(Outcomes outcomes) {
        return Dynalite.shared().clients(outcomes);
    }

    String createTable() {
        return Dynalite.shared().createTable();
    }

    @Test
    void refusedWritesAreSentAndRefusedForTheirConditionAndChangeNothing() {
        Outcomes outcomes = new Outcomes();
        DynamoDbClient dynamo = clients(outcomes).dynamoDb();
        String table = createTable();
        PrimingChecks.seed(dynamo, table);
        int before = PrimingChecks.itemCount(dynamo, table);
        outcomes.byOperation.clear();

        Priming.forFunction("priming-test").dynamoWritesRefused(dynamo, table).build().beforeCheckpoint(null);

        assertEquals(Map.of("Query", "ok", "PutItem", "ConditionalCheckFailedException", "UpdateItem", "ConditionalCheckFailedException",
                "DeleteItem", "ConditionalCheckFailedException"), new TreeMap<>(outcomes.byOperation));
        assertEquals(before, PrimingChecks.itemCount(dynamo, table));
        assertFalse(dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(Map.of(
                "PK", AttributeValue.fromS(Priming.NEVER_WRITTEN_KEY), "SK", AttributeValue.fromS(Priming.NEVER_WRITTEN_KEY)))).hasItem());
    }

    @Test
    void theHttpRoundTripIsAnsweredOnLoopback() {
        try (HttpClient client = HttpClient.newHttpClient()) {
            assertDoesNotThrow(() -> LoopbackHttp.roundTrip(client));
        }
    }
}
