package socialdesk.postsapi;

import java.time.Clock;
import java.time.Duration;
import socialdesk.aws.AwsCallBudget;
import socialdesk.aws.AwsClients;
import socialdesk.aws.Env;
import socialdesk.aws.dynamo.DynamoCadenceStore;
import socialdesk.aws.dynamo.DynamoPostStore;
import socialdesk.aws.priming.Priming;
import socialdesk.core.platform.PlatformRules;
import socialdesk.core.post.PostQueue;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Builds the service from the function's environment, once per container. */
public final class PostsApiWiring {
    /**
     * The function's 15 s timeout (template.yaml) holds its longest request's calls, one after
     * another: a revision of a post on every platform reads the post and its deliveries, updates it,
     * and deletes or puts a delivery and an evergreen entry per platform changed (ten in all).
     */
    public static final AwsCallBudget AWS_CALLS = new AwsCallBudget(Duration.ofSeconds(15), 10);

    private PostsApiWiring() {
    }

    /** The service and the client's SnapStart steps; the handler adds its own and registers them. */
    record Wired(PostsService service, Priming.Builder priming) {
    }

    static Wired fromEnvironment() {
        String table = Env.required("TABLE_NAME");
        AwsClients clients = AwsClients.fromEnvironment(AWS_CALLS);
        DynamoDbClient dynamo = clients.dynamoDb();
        PostsService service = create(new DynamoPostStore(dynamo, table), new DynamoCadenceStore(dynamo, table), Clock.systemUTC());
        return new Wired(service, priming(clients, table));
    }

    /**
     * Before the snapshot: the JSON paths, a DynamoDB read of a key that never exists and the writes
     * the stores make, each refused; the handler adds its own step.
     */
    static Priming.Builder priming(AwsClients clients, String table) {
        return Priming.forFunction("posts-api").renewCredentials(clients).json()
                .functionUrlRuntimeJson()
                .dynamoRead(clients.dynamoDb(), table)
                .dynamoWritesRefused(clients.dynamoDb(), table);
    }

    /** The content rules are the publisher's, at each platform's stock limits. */
    static PostsService create(DynamoPostStore posts, DynamoCadenceStore cadences, Clock clock) {
        PostQueue queue = new PostQueue(posts, PlatformRules.standard(), clock);
        return new PostsService(posts, cadences, queue, clock);
    }
}
