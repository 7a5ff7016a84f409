package socialdesk.webhook;

import java.time.Clock;
import socialdesk.aws.AwsClients;
import socialdesk.aws.Env;
import socialdesk.aws.dynamo.DynamoEngagementStore;
import socialdesk.aws.events.EventBridgePublisher;
import socialdesk.aws.secrets.SecretsManagerSecrets;
import socialdesk.core.engagement.EngagementIngestion;
import socialdesk.core.engagement.Triage;

/**
 * Builds the webhook service from the function's environment, once per container: SDK clients and
 * triage at init (SnapStart snapshots them); platform secrets on first use (never in a snapshot).
 */
final class WebhookWiring {
    private WebhookWiring() {
    }

    static PlatformWebhooks fromEnvironment() {
        String table = Env.required("TABLE_NAME");
        String bus = Env.required("EVENT_BUS_NAME");
        // Empty means the platform is not configured: its route answers 404.
        String metaSecret = Env.optional("META_SECRET_ARN", "");
        String xSecret = Env.optional("X_SECRET_ARN", "");
        String linkedInSecret = Env.optional("LINKEDIN_SECRET_ARN", "");
        AwsClients clients = AwsClients.fromEnvironment();
        Clock clock = Clock.systemUTC();
        EngagementIngestion ingestion = new EngagementIngestion(
                new DynamoEngagementStore(clients.dynamoDb(), table, clock),
                Triage.standard(),
                new EventBridgePublisher(clients.eventBridge(), bus),
                clock);
        WebhookSecrets secrets = new SecretsManagerWebhookSecrets(new SecretsManagerSecrets(clients.secretsManager()),
                metaSecret, xSecret, linkedInSecret);
        return new PlatformWebhooks(secrets, ingestion, clock);
    }
}
