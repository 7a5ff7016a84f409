package socialdesk.postsapi;

import java.time.Clock;
import socialdesk.aws.AwsClients;
import socialdesk.aws.Env;
import socialdesk.aws.dynamo.DynamoCadenceStore;
import socialdesk.aws.dynamo.DynamoDb;
import socialdesk.aws.dynamo.DynamoPostStore;
import socialdesk.aws.priming.Priming;
import socialdesk.core.platform.PlatformRules;
import socialdesk.core.post.PostQueue;

/** Builds the service from the function's environment, once per container. */
final class PostsApiWiring {
    private PostsApiWiring() {
    }

    /** The service and the client's SnapStart steps; the handler adds its own and registers them. */
    record Wired(PostsService service, Priming.Builder priming) {
    }

    static Wired fromEnvironment() {
        String table = Env.required("TABLE_NAME");
        DynamoDb dynamo = AwsClients.fromEnvironment().dynamoDb();
        PostsService service = create(new DynamoPostStore(dynamo, table), new DynamoCadenceStore(dynamo, table), Clock.systemUTC());
        return new Wired(service, Priming.forFunction("posts-api").json().dynamoRead(dynamo, table));
    }

    /** The content rules are the publisher's, at each platform's stock limits. */
    static PostsService create(DynamoPostStore posts, DynamoCadenceStore cadences, Clock clock) {
        PostQueue queue = new PostQueue(posts, PlatformRules.standard(), clock);
        return new PostsService(posts, cadences, queue, clock);
    }
}
