package socialdesk.postsapi;

import java.time.Clock;
import java.time.Duration;
import socialdesk.aws.AwsCallBudget;
import socialdesk.aws.AwsClients;
import socialdesk.aws.Env;
import socialdesk.aws.dynamo.DynamoAccountHealthStore;
import socialdesk.aws.dynamo.DynamoCadenceStore;
import socialdesk.aws.dynamo.DynamoEngagementStore;
import socialdesk.aws.dynamo.DynamoPostStore;
import socialdesk.aws.dynamo.DynamoReplyStore;
import socialdesk.aws.events.EventBridgePublisher;
import socialdesk.aws.media.S3MediaBucket;
import socialdesk.aws.metrics.EmfMetrics;
import socialdesk.aws.secrets.ParameterStoreCredentials;
import socialdesk.core.engagement.Triage;
import socialdesk.core.events.EventPublisher;
import socialdesk.core.metrics.DeskMetrics;
import socialdesk.core.reply.CommentReplies;
import socialdesk.core.reply.Responders;
import socialdesk.platforms.PlatformHttp;
import socialdesk.aws.priming.Priming;
import socialdesk.core.platform.PlatformRules;
import socialdesk.core.post.PostQueue;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Builds the service from the function's environment, once per container. */
public final class PostsApiWiring {
    /**
     * The function's AWS calls get the first 24 s of its 60 s timeout (template.yaml), one after
     * another: a revision of a post on every platform reads the post and its deliveries, updates it,
     * and deletes or puts a delivery and an evergreen entry per platform changed (ten in all), after a
     * HeadObject per uploaded image (four at most); a
     * reply reads the platform's secret, queries the comment index, reads the comment and the reply, claims the
     * reply, records it sent, records the comment answered and puts CommentAnswered (eight). The
     * other 36 s hold a reply's platform requests ({@link ConfiguredResponders#REQUEST_TIMEOUT} each:
     * Threads' container, its status reads within {@link ConfiguredResponders#THREADS_WAIT}, the
     * publish and the permalink).
     */
    public static final AwsCallBudget AWS_CALLS = new AwsCallBudget(Duration.ofSeconds(24), 10);

    private PostsApiWiring() {
    }

    /** The service and the client's SnapStart steps; the handler adds its own and registers them. */
    record Wired(PostsService service, CommentRoutes comments, EngagementRoutes engagement, AccountsRoutes accounts, DeskMetrics metrics,
                 Priming.Builder priming) {
    }

    static Wired fromEnvironment() {
        String table = Env.required("TABLE_NAME");
        String bus = Env.required("EVENT_BUS_NAME");
        String credentialsPath = Env.required("PLATFORM_CREDENTIALS_PATH");
        AwsClients clients = AwsClients.fromEnvironment(AWS_CALLS);
        DynamoDbClient dynamo = clients.dynamoDb();
        Clock clock = Clock.systemUTC();
        DeskMetrics metrics = EmfMetrics.toStandardOutput();
        S3MediaBucket media = clients.mediaBucket(Env.required("MEDIA_BUCKET_NAME"), clock);
        DynamoPostStore posts = new DynamoPostStore(dynamo, table);
        PostsService service = create(posts, new DynamoCadenceStore(dynamo, table), clock, media);
        EngagementRoutes engagement = new EngagementRoutes(posts, new DynamoEngagementStore(dynamo, table), clock);
        ParameterStoreCredentials credentials = new ParameterStoreCredentials(clients.ssm(), credentialsPath, metrics);
        CommentRoutes comments = comments(new DynamoReplyStore(dynamo, table),
                new ConfiguredResponders(credentialsPath + "/", credentials::find, PlatformHttp.sharedClient(), clock),
                new EventBridgePublisher(clients.eventBridge(), bus), clock, metrics);
        AccountsRoutes accounts = new AccountsRoutes(platform -> credentials.find(credentialsPath + "/" + platform.id()),
                new DynamoAccountHealthStore(dynamo, table), posts);
        return new Wired(service, comments, engagement, accounts, metrics, priming(clients, table, media));
    }

    /** The comment routes: replies checked by the desk's own triage (the lash-out guard). */
    static CommentRoutes comments(DynamoReplyStore store, Responders responders, EventPublisher events, Clock clock,
                                  DeskMetrics metrics) {
        return new CommentRoutes(new CommentReplies(store, responders, Triage.standard(), events, clock, metrics), store);
    }

    /**
     * Before the snapshot: the JSON paths, a DynamoDB read of a key that never exists and the writes
     * the stores make, each refused, an empty PutEvents, a read of a credentials path that is never created,
     * a media bucket URL signed and not sent, the platform HTTP client and the metrics' EMF lines; the
     * handler adds its own step.
     */
    static Priming.Builder priming(AwsClients clients, String table, S3MediaBucket media) {
        return Priming.forFunction("posts-api").renewCredentials(clients).json()
                .functionUrlRuntimeJson()
                .dynamoRead(clients.dynamoDb(), table)
                .dynamoWritesRefused(clients.dynamoDb(), table)
                .eventsNothing(clients.eventBridge())
                .parametersMiss(clients.ssm())
                .mediaBucketSigning(media)
                .prime("platform http client", PlatformHttp::warmSharedClient)
                .prime("metrics", EmfMetrics::primeWithoutWriting);
    }

    /** Without a media bucket: images by URL only. */
    static PostsService create(DynamoPostStore posts, DynamoCadenceStore cadences, Clock clock) {
        return create(posts, cadences, clock, null);
    }

    /** The content rules are the publisher's, at each platform's stock limits; {@code media} holds uploaded images (null: none taken). */
    static PostsService create(DynamoPostStore posts, DynamoCadenceStore cadences, Clock clock, S3MediaBucket media) {
        PostQueue queue = new PostQueue(posts, PlatformRules.standard(), clock);
        return new PostsService(posts, cadences, queue, clock, new Uploads(media));
    }
}
