package socialdesk.publish;

import java.time.Clock;
import java.util.Random;
import java.util.function.Supplier;
import socialdesk.aws.AwsClients;
import socialdesk.aws.Env;
import socialdesk.aws.dynamo.DynamoAccountHealthStore;
import socialdesk.aws.dynamo.DynamoPostStore;
import socialdesk.aws.events.EventBridgePublisher;
import socialdesk.aws.secrets.SecretsManagerSecrets;
import socialdesk.core.publish.DuePostPublisher;
import socialdesk.core.publish.PlatformAccounts;
import socialdesk.core.publish.PublishSettings;
import socialdesk.platforms.PlatformHttp;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Builds the publisher from the function's environment, once per container. The SDK clients are
 * made at init; platform secrets are read on the first tick and then through a short-lived cache,
 * so no secret is read at init or captured in a SnapStart snapshot.
 */
final class PublisherWiring {
    private PublisherWiring() {
    }

    static DuePostPublisher fromEnvironment() {
        String table = Env.required("TABLE_NAME");
        String bus = Env.required("EVENT_BUS_NAME");
        String secretsPrefix = Env.required("PLATFORM_SECRETS_PREFIX");
        AwsClients clients = AwsClients.fromEnvironment();
        DynamoDbClient dynamo = clients.dynamoDb();
        SecretsManagerSecrets secrets = new SecretsManagerSecrets(clients.secretsManager());
        Clock clock = Clock.systemUTC();
        Supplier<PlatformAccounts> accounts =
                new ConfiguredAccounts(secretsPrefix, secrets::find, PlatformHttp.sharedClient(), clock);
        return new DuePostPublisher(new DynamoPostStore(dynamo, table), new DynamoAccountHealthStore(dynamo, table),
                accounts, new EventBridgePublisher(clients.eventBridge(), bus), clock, PublishSettings.DEFAULT, new Random());
    }
}
