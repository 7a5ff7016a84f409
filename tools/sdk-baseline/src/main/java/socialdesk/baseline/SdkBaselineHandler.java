package socialdesk.baseline;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import socialdesk.aws.AwsCallBudget;
import socialdesk.aws.AwsClients;
import socialdesk.aws.Env;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The cold-start baseline with the SDK: what every function pays at least, a DynamoDbClient built
 * once per container by {@link AwsClients} as the functions build theirs, and one GetItem per
 * invoke. Answers whether the item was there (it never is: nothing writes its key).
 */
public final class SdkBaselineHandler implements RequestStreamHandler {
    /** The simplest function's shape: one call in a 10 s timeout. */
    static final AwsCallBudget AWS_CALLS = new AwsCallBudget(Duration.ofSeconds(10), 1);

    private static final Map<String, AttributeValue> KEY = Map.of("PK", AttributeValue.fromS("BASELINE#"),
            "SK", AttributeValue.fromS("BASELINE#"));

    private final DynamoDbClient dynamo;
    private final String table;

    public SdkBaselineHandler() {
        this(AwsClients.fromEnvironment(AWS_CALLS).dynamoDb(), Env.required("TABLE_NAME"));
    }

    SdkBaselineHandler(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        input.readAllBytes();
        boolean found = dynamo.getItem(b -> b.tableName(table).key(KEY)).hasItem();
        output.write(("{\"found\":" + found + "}").getBytes(StandardCharsets.UTF_8));
    }
}
