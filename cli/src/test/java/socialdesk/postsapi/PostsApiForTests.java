package socialdesk.postsapi;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import socialdesk.aws.dynamo.DynamoCadenceStore;
import socialdesk.aws.dynamo.DynamoPostStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The real posts API handler over a given table, as a bytes-in, bytes-out function (for a loopback function URL). */
public final class PostsApiForTests {
    private final PostsApiHandler handler;

    public PostsApiForTests(DynamoDbClient dynamo, String table, Clock clock) {
        handler = new PostsApiHandler(PostsApiWiring.create(new DynamoPostStore(dynamo, table),
                new DynamoCadenceStore(dynamo, table), clock));
    }

    public byte[] invoke(byte[] event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(event), out, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
