package socialdesk.publish;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import socialdesk.aws.AwsClients;
import socialdesk.aws.Env;
import socialdesk.aws.dynamo.DynamoPostStore;
import socialdesk.aws.events.EventBridgePublisher;
import socialdesk.aws.secrets.SecretsManagerSecrets;
import socialdesk.core.post.Platform;
import socialdesk.core.publish.DuePostPublisher;
import socialdesk.core.publish.PlatformPublisher;
import socialdesk.core.publish.PublishSettings;
import socialdesk.platforms.PlatformHttp;
import socialdesk.platforms.bluesky.BlueskyAccount;
import socialdesk.platforms.bluesky.BlueskyPublisher;
import socialdesk.platforms.mastodon.MastodonAccount;
import socialdesk.platforms.mastodon.MastodonPublisher;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * Builds the publisher from the function's environment. The SDK clients are made at init, once per
 * container; the platform accounts are read from Secrets Manager on the first tick and kept, so
 * no secret is read at init or captured in a SnapStart snapshot.
 */
final class PublisherWiring {
    private PublisherWiring() {
    }

    static Supplier<DuePostPublisher> fromEnvironment() {
        String table = Env.required("TABLE_NAME");
        String bus = Env.required("EVENT_BUS_NAME");
        String mastodonSecret = Env.optional("MASTODON_SECRET_ARN", "");
        String blueskySecret = Env.optional("BLUESKY_SECRET_ARN", "");
        AwsClients clients = AwsClients.fromEnvironment();
        DynamoDbClient dynamo = clients.dynamoDb();
        EventBridgeClient eventBridge = clients.eventBridge();
        SecretsManagerSecrets secrets = mastodonSecret.isEmpty() && blueskySecret.isEmpty()
                ? null : new SecretsManagerSecrets(clients.secretsManager());
        HttpClient http = PlatformHttp.sharedClient();
        Clock clock = Clock.systemUTC();
        return memoized(() -> {
            Map<Platform, PlatformPublisher> publishers = new EnumMap<>(Platform.class);
            if (!mastodonSecret.isEmpty()) {
                publishers.put(Platform.MASTODON, new MastodonPublisher(http,
                        MastodonAccount.fromSecretJson(secrets.secretString(mastodonSecret)), clock));
            }
            if (!blueskySecret.isEmpty()) {
                publishers.put(Platform.BLUESKY, new BlueskyPublisher(http,
                        BlueskyAccount.fromSecretJson(secrets.secretString(blueskySecret)), clock));
            }
            return new DuePostPublisher(new DynamoPostStore(dynamo, table), publishers,
                    new EventBridgePublisher(eventBridge, bus), clock, PublishSettings.DEFAULT, new Random());
        });
    }

    /** Builds once, on first use; a failed build (a secret not readable yet) is tried again on the next tick. */
    static <T> Supplier<T> memoized(Supplier<T> factory) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = factory.get();
                }
                return value;
            }
        };
    }
}
