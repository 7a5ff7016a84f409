package socialdesk.aws;

import java.util.Map;
import socialdesk.aws.client.CredentialsProvider;
import socialdesk.aws.client.ServiceEndpoint;
import socialdesk.aws.client.Transport;
import socialdesk.aws.client.UrlConnectionTransport;
import socialdesk.aws.dynamo.DynamoDb;
import socialdesk.aws.events.EventBridge;
import socialdesk.aws.secrets.SecretsManager;

/**
 * Builds the AWS clients a function needs, once per container: one HTTP transport, the function's
 * credentials, the region from the environment, and the standard {@code AWS_ENDPOINT_URL} /
 * {@code AWS_ENDPOINT_URL_<SERVICE>} overrides so dynalite, Floci or LocalDesk work without code
 * changes. Building reads no credentials and opens no connection.
 */
public final class AwsClients {
    private final Map<String, String> env;
    private final Transport transport;
    private final CredentialsProvider credentials;

    public AwsClients(Map<String, String> env) {
        this(env, UrlConnectionTransport.standard(), null);
    }

    /**
     * With a given transport (tests count requests through it) and credentials ({@code null} for
     * the function's own, from the environment).
     */
    public AwsClients(Map<String, String> env, Transport transport, CredentialsProvider credentials) {
        this.env = Map.copyOf(env);
        this.transport = transport;
        this.credentials = credentials != null ? credentials : CredentialsProvider.fromEnvironment(this.env, transport);
    }

    public static AwsClients fromEnvironment() {
        return new AwsClients(System.getenv());
    }

    public DynamoDb dynamoDb() {
        return new DynamoDb(ServiceEndpoint.fromEnvironment(env, "DYNAMODB", "dynamodb", "dynamodb"), credentials, transport);
    }

    public EventBridge eventBridge() {
        return new EventBridge(ServiceEndpoint.fromEnvironment(env, "EVENTBRIDGE", "events", "events"), credentials, transport);
    }

    public SecretsManager secretsManager() {
        return new SecretsManager(ServiceEndpoint.fromEnvironment(env, "SECRETS_MANAGER", "secretsmanager", "secretsmanager"),
                credentials, transport);
    }
}
