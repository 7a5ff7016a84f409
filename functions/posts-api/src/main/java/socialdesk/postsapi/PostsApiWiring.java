package socialdesk.postsapi;

import java.time.Clock;
import java.util.Map;
import socialdesk.aws.AwsClients;
import socialdesk.aws.Env;
import socialdesk.aws.dynamo.DynamoCadenceStore;
import socialdesk.aws.dynamo.DynamoPostStore;
import socialdesk.core.platform.BlueskyRules;
import socialdesk.core.platform.MastodonRules;
import socialdesk.core.post.Platform;
import socialdesk.core.post.PostQueue;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Builds the service from the function's environment, once per container. */
final class PostsApiWiring {
    private PostsApiWiring() {
    }

    static PostsService fromEnvironment() {
        String table = Env.required("TABLE_NAME");
        DynamoDbClient dynamo = AwsClients.fromEnvironment().dynamoDb();
        return create(new DynamoPostStore(dynamo, table), new DynamoCadenceStore(dynamo, table), Clock.systemUTC());
    }

    /** The content rules are the publisher's: a stock Mastodon instance's 500 characters, Bluesky's 300 graphemes. */
    static PostsService create(DynamoPostStore posts, DynamoCadenceStore cadences, Clock clock) {
        PostQueue queue = new PostQueue(posts, Map.of(
                Platform.MASTODON, new MastodonRules(),
                Platform.BLUESKY, new BlueskyRules()), clock);
        return new PostsService(posts, cadences, queue, clock);
    }
}
