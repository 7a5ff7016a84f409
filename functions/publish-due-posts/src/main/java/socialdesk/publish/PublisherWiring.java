package socialdesk.publish;

import java.time.Clock;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import socialdesk.aws.AwsCallBudget;
import socialdesk.aws.AwsClients;
import socialdesk.aws.Env;
import socialdesk.aws.dynamo.DynamoAccountHealthStore;
import socialdesk.aws.dynamo.DynamoEventOutbox;
import socialdesk.aws.dynamo.DynamoPostStore;
import socialdesk.aws.events.EventBridgePublisher;
import socialdesk.aws.media.S3MediaBucket;
import socialdesk.aws.metrics.EmfMetrics;
import socialdesk.aws.priming.Priming;
import socialdesk.aws.secrets.ParameterStoreCredentials;
import socialdesk.aws.token.AwsTokenRenewal;
import socialdesk.core.events.OutboxRelay;
import socialdesk.core.metrics.DeskMetrics;
import socialdesk.core.platform.PlatformRules;
import socialdesk.core.post.PostContent;
import socialdesk.core.publish.DuePostPublisher;
import socialdesk.core.publish.PlatformAccounts;
import socialdesk.core.publish.PublishSettings;
import socialdesk.platforms.ImageFiles;
import socialdesk.platforms.PlatformHttp;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Builds the publisher from the function's environment, once per container. The AWS clients are
 * made at init; platform credentials (Parameter Store) are read on the first tick and then through a
 * short-lived cache, so none is read at init or captured in a SnapStart snapshot.
 */
public final class PublisherWiring {
    /**
     * The publisher stops claiming when less than its reserve (20 s) of the invocation is left, so
     * that reserve must hold one claimed post's calls after the last check, one after another:
     * UpdateItem (claim), Query (deliveries), GetItem (account health), GetParametersByPath (the
     * platform credentials), PutItem (the delivery), UpdateItem (account health), UpdateItem (the
     * post), PutEvents twice (refused entries), and UpdateItem (the lease released): ten; and when
     * the account's token is due for renewal, PutItem (the refresh lock), PutParameter (the new
     * tokens) and UpdateItem (the lock released): thirteen.
     */
    public static final AwsCallBudget AWS_CALLS = new AwsCallBudget(PublishSettings.DEFAULT.reserve(), 13);

    private PublisherWiring() {
    }

    /** The publisher, its SnapStart hooks and the metrics it records, built over the same clients. */
    record Wired(DuePostPublisher publisher, Priming priming, DeskMetrics metrics) {
    }

    static Wired fromEnvironment() {
        String table = Env.required("TABLE_NAME");
        String bus = Env.required("EVENT_BUS_NAME");
        // The parent of the platform credentials' parameters, /social-desk/platforms: one per platform.
        String credentialsPath = Env.required("PLATFORM_CREDENTIALS_PATH");
        AwsClients clients = AwsClients.fromEnvironment(AWS_CALLS);
        DynamoDbClient dynamo = clients.dynamoDb();
        DeskMetrics metrics = EmfMetrics.toStandardOutput();
        ParameterStoreCredentials credentials = new ParameterStoreCredentials(clients.ssm(), credentialsPath, metrics);
        Clock clock = Clock.systemUTC();
        Supplier<PlatformAccounts> configured =
                new ConfiguredAccounts(credentialsPath + "/", credentials::find, PlatformHttp.sharedClient(), clock,
                        AwsTokenRenewal.forTable(dynamo, clients.ssm(), table, clock));
        // Uploaded images (media://): read from the private bucket, or handed to a platform as a presigned GET.
        S3MediaBucket media = clients.mediaBucket(Env.required("MEDIA_BUCKET_NAME"), clock);
        StoredImages storedImages = new StoredImages(media);
        Supplier<PlatformAccounts> accounts = () -> storedImages.wrap(configured.get());
        Random random = new Random();
        DuePostPublisher publisher = new DuePostPublisher(new DynamoPostStore(dynamo, table),
                new DynamoAccountHealthStore(dynamo, table), accounts,
                new OutboxRelay(new EventBridgePublisher(clients.eventBridge(), bus), new DynamoEventOutbox(dynamo, table)), clock,
                settings(Env.optional("PUBLISH_LEASE_SECONDS", "180"), Env.optional("PUBLISH_SETTLE_SECONDS", "60")), random, metrics);
        return new Wired(publisher, priming(clients, table, media, random), metrics);
    }

    /** The default settings with the template's lease and settle delay (whole seconds, at least 1). */
    static PublishSettings settings(String leaseSeconds, String settleSeconds) {
        PublishSettings d = PublishSettings.DEFAULT;
        return new PublishSettings(d.batchSize(), d.concurrency(), seconds("PUBLISH_LEASE_SECONDS", leaseSeconds), d.reserve(),
                d.retry(), d.probeInterval(), d.expiryWarning(), seconds("PUBLISH_SETTLE_SECONDS", settleSeconds), d.doubtLimit());
    }

    private static java.time.Duration seconds(String name, String value) {
        try {
            long seconds = Long.parseLong(value.strip());
            if (seconds >= 1) {
                return java.time.Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // Reported below with the name.
        }
        throw new IllegalStateException("environment variable " + name + " must be a whole number of seconds, at least 1");
    }

    /**
     * Before the snapshot: the JSON paths, a DynamoDB read of a key that never exists and the writes
     * the store makes, each refused, an empty PutEvents and reads of a parameter path that is never created
     * (every path of a tick's clients, no data written, no credential read), a media bucket URL signed
     * and not sent, every platform's text rules on a sample post, the platform HTTP client
     * with one request to a loopback server, and the metrics' EMF lines built and written nowhere.
     * After restore: a fresh
     * seed for the retry jitter, which restored copies would otherwise share.
     */
    /**
     * Every platform's text rules checked on a sample post (their patterns, twitter-text's included,
     * compiled and run) and the public-only image fetcher built: each send checks the post against its
     * platform's rules first, and the accounts themselves are built only once credentials are read.
     */
    private static void primePlatformRules() {
        PostContent sample = new PostContent("Priming the rules: https://example.com/a?b=1 #tag @someone 🌿", null, List.of());
        PlatformRules.standard().values().forEach(rules -> rules.problems(sample));
        ImageFiles.sharedFetcher();
    }

    static Priming priming(AwsClients clients, String table, S3MediaBucket media, Random random) {
        return Priming.forFunction("publish-due-posts")
                .renewCredentials(clients)
                .json()
                .scheduledEventRuntimeJson()
                .dynamoRead(clients.dynamoDb(), table)
                .dynamoWritesRefused(clients.dynamoDb(), table)
                .eventsNothing(clients.eventBridge())
                .parametersMiss(clients.ssm())
                .mediaBucketSigning(media)
                .prime("platform rules and image fetcher", PublisherWiring::primePlatformRules)
                .prime("platform http client", PlatformHttp::warmSharedClient)
                .httpRoundTrip(PlatformHttp.sharedClient())
                .prime("metrics", EmfMetrics::primeWithoutWriting)
                .reseed(random)
                .build();
    }
}
