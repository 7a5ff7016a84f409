package socialdesk.postsapi;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import socialdesk.aws.dynamo.DynamoCadenceStore;
import socialdesk.aws.dynamo.DynamoPostStore;
import socialdesk.aws.media.S3MediaBucket;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The real posts API handler over a given table, as a bytes-in, bytes-out function (for a loopback function URL). */
public final class PostsApiForTests {
    private static final PojoSerializer<APIGatewayV2HTTPEvent> EVENTS =
            LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, PostsApiForTests.class.getClassLoader());
    private static final PojoSerializer<APIGatewayV2HTTPResponse> RESPONSES =
            LambdaEventSerializers.serializerFor(APIGatewayV2HTTPResponse.class, PostsApiForTests.class.getClassLoader());

    private final PostsApiHandler handler;

    public PostsApiForTests(DynamoDbClient dynamo, String table, Clock clock) {
        handler = new PostsApiHandler(PostsApiWiring.create(new DynamoPostStore(dynamo, table),
                new DynamoCadenceStore(dynamo, table), clock));
    }

    /** With uploaded images: {@code POST /media} and {@code media://} references checked in {@code media}. */
    public PostsApiForTests(DynamoDbClient dynamo, String table, Clock clock, S3MediaBucket media) {
        handler = new PostsApiHandler(PostsApiWiring.create(new DynamoPostStore(dynamo, table),
                new DynamoCadenceStore(dynamo, table), clock, media));
    }

    /** Reads the event and writes the response with the serializer Lambda's Java runtime uses. */
    public byte[] invoke(byte[] event) {
        APIGatewayV2HTTPEvent request = EVENTS.fromJson(new ByteArrayInputStream(event));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RESPONSES.toJson(handler.handleRequest(request, null), out);
        return out.toByteArray();
    }
}
