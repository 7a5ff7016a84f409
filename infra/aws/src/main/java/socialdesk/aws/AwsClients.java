package socialdesk.aws;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Builds the SDK clients a function needs, once per container: the light URLConnection HTTP
 * client (no Apache, no Netty on the classpath), the region from the environment, and the standard
 * {@code AWS_ENDPOINT_URL} / {@code AWS_ENDPOINT_URL_<SERVICE>} overrides so dynalite, Floci or
 * LocalStack work without code changes.
 */
public final class AwsClients {
    private final Map<String, String> env;
    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;

    public AwsClients(Map<String, String> env) {
        this(env, null);
    }

    /**
     * With fixed credentials, for an emulator that takes any key (tests); {@code null} keeps the
     * SDK's default chain, which in Lambda reads the function's role from the environment.
     */
    public AwsClients(Map<String, String> env, AwsCredentialsProvider credentials) {
        this.env = Map.copyOf(env);
        this.credentials = credentials;
        this.http = UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(3))
                .socketTimeout(Duration.ofSeconds(10))
                .build();
    }

    public static AwsClients fromEnvironment() {
        return new AwsClients(System.getenv());
    }

    public DynamoDbClient dynamoDb() {
        return configure(DynamoDbClient.builder(), "DYNAMODB").httpClient(http).build();
    }

    public EventBridgeClient eventBridge() {
        return configure(EventBridgeClient.builder(), "EVENTBRIDGE").httpClient(http).build();
    }

    public SecretsManagerClient secretsManager() {
        return configure(SecretsManagerClient.builder(), "SECRETS_MANAGER").httpClient(http).build();
    }

    private <B extends AwsClientBuilder<B, ?>> B configure(B builder, String serviceSuffix) {
        String region = env.getOrDefault("AWS_REGION", env.get("AWS_DEFAULT_REGION"));
        if (region != null && !region.isBlank()) {
            builder.region(Region.of(region));
        }
        String endpoint = env.getOrDefault("AWS_ENDPOINT_URL_" + serviceSuffix, env.get("AWS_ENDPOINT_URL"));
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint));
        }
        if (credentials != null) {
            builder.credentialsProvider(credentials);
        }
        return builder;
    }
}
