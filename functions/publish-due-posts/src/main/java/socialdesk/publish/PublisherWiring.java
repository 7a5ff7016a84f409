package socialdesk.publish;

import java.time.Clock;
import java.util.Random;
import java.util.function.Supplier;
import socialdesk.aws.AwsClients;
import socialdesk.aws.Env;
import socialdesk.aws.dynamo.DynamoAccountHealthStore;
import socialdesk.aws.dynamo.DynamoDb;
import socialdesk.aws.dynamo.DynamoPostStore;
import socialdesk.aws.events.EventBridge;
import socialdesk.aws.events.EventBridgePublisher;
import socialdesk.aws.priming.Priming;
import socialdesk.aws.secrets.SecretsManager;
import socialdesk.aws.secrets.SecretsManagerSecrets;
import socialdesk.aws.token.AwsTokenRenewal;
import socialdesk.core.publish.DuePostPublisher;
import socialdesk.core.publish.PlatformAccounts;
import socialdesk.core.publish.PublishSettings;
import socialdesk.platforms.PlatformHttp;

/**
 * Builds the publisher from the function's environment, once per container. The AWS clients are
 * made at init; platform secrets are read on the first tick and then through a short-lived cache,
 * so no secret is read at init or captured in a SnapStart snapshot.
 */
final class PublisherWiring {
    private PublisherWiring() {
    }

    /** The publisher and its SnapStart hooks, built over the same clients. */
    record Wired(DuePostPublisher publisher, Priming priming) {
    }

    static Wired fromEnvironment() {
        String table = Env.required("TABLE_NAME");
        String bus = Env.required("EVENT_BUS_NAME");
        String secretsPrefix = Env.required("PLATFORM_SECRETS_PREFIX");
        AwsClients clients = AwsClients.fromEnvironment();
        DynamoDb dynamo = clients.dynamoDb();
        EventBridge events = clients.eventBridge();
        SecretsManager secretsClient = clients.secretsManager();
        SecretsManagerSecrets secrets = new SecretsManagerSecrets(secretsClient);
        Clock clock = Clock.systemUTC();
        Supplier<PlatformAccounts> accounts =
                new ConfiguredAccounts(secretsPrefix, secrets::find, PlatformHttp.sharedClient(), clock,
                        AwsTokenRenewal.forTable(dynamo, table, clock));
        Random random = new Random();
        DuePostPublisher publisher = new DuePostPublisher(new DynamoPostStore(dynamo, table),
                new DynamoAccountHealthStore(dynamo, table), accounts, new EventBridgePublisher(events, bus), clock,
                PublishSettings.DEFAULT, random);
        return new Wired(publisher, priming(dynamo, events, secretsClient, table, random));
    }

    /**
     * Before the snapshot: the JSON paths, a DynamoDB read of a key that never exists, an empty
     * PutEvents and a lookup of a secret that is never created (every path of a tick's clients, no
     * data written, no secret read), and the platform HTTP client's classes. After restore: a fresh
     * seed for the retry jitter, which restored copies would otherwise share.
     */
    static Priming priming(DynamoDb dynamo, EventBridge events, SecretsManager secrets, String table,
                           Random random) {
        return Priming.forFunction("publish-due-posts")
                .json()
                .dynamoRead(dynamo, table)
                .eventsNothing(events)
                .secretsMiss(secrets)
                .prime("platform http client", PlatformHttp::warmSharedClient)
                .reseed(random)
                .build();
    }
}
