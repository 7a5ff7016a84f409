package socialdesk.aws;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import socialdesk.aws.media.S3MediaBucket;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Builds the AWS SDK clients a function needs, each once per container, all over one URLConnection
 * HTTP client (docs/decisions/2026-12-06-aws-sdk-http-client.md), with what the SDK would otherwise
 * look up by itself at the first request set explicitly:
 * <ul>
 *   <li>the region, from {@code AWS_REGION};</li>
 *   <li>the credentials: the container credentials endpoint when {@code AWS_CONTAINER_CREDENTIALS_FULL_URI}
 *       is set (how Lambda hands a SnapStart function its role), otherwise the {@code AWS_ACCESS_KEY_ID}
 *       family of variables. Nothing is fetched until the first request, and {@link #renewCredentials}
 *       drops whatever a SnapStart snapshot captured;</li>
 *   <li>the call timeouts and retries of the function's {@link AwsCallBudget}.</li>
 * </ul>
 * Endpoints are the SDK's own: it honours {@code AWS_ENDPOINT_URL} and {@code AWS_ENDPOINT_URL_<SERVICE>}
 * itself, so dynalite, an emulator or the local stack need no code here.
 */
public final class AwsClients {
    private static final String CONTAINER_CREDENTIALS_URI = "AWS_CONTAINER_CREDENTIALS_FULL_URI";

    private final Map<String, String> env;
    private final AwsCallBudget budget;
    private final URI endpoint;
    private final List<ExecutionInterceptor> interceptors;
    private final AwsCredentialsProvider fixedCredentials;
    private final RenewableCredentials credentials;
    private final SdkHttpClient http;
    private DynamoDbClient dynamoDb;
    private EventBridgeClient eventBridge;
    private SsmClient ssm;

    private AwsClients(Map<String, String> env, AwsCallBudget budget, URI endpoint, AwsCredentialsProvider fixedCredentials,
                       List<ExecutionInterceptor> interceptors) {
        this.env = Map.copyOf(env);
        this.budget = budget;
        this.endpoint = endpoint;
        this.fixedCredentials = fixedCredentials;
        this.interceptors = List.copyOf(interceptors);
        this.credentials = new RenewableCredentials(credentialsFromEnvironment());
        // No socket waits longer than the attempt it serves may last.
        this.http = UrlConnectionHttpClient.builder()
                .connectionTimeout(budget.apiCallAttemptTimeout())
                .socketTimeout(budget.apiCallAttemptTimeout())
                .build();
    }

    /** A function's clients: everything from its environment, calls within {@code budget}. */
    public static AwsClients fromEnvironment(AwsCallBudget budget) {
        return new AwsClients(System.getenv(), budget, null, null, List.of());
    }

    /**
     * Clients for tools and tests: region (and credentials, unless {@code credentials} is given)
     * from {@code env}, every service at {@code endpoint} (null for the SDK's own resolution), and
     * {@code interceptors} on every request (a request counter, say).
     */
    public static AwsClients of(Map<String, String> env, AwsCallBudget budget, URI endpoint, AwsCredentialsProvider credentials,
                                List<ExecutionInterceptor> interceptors) {
        return new AwsClients(env, budget, endpoint, credentials, interceptors);
    }

    public synchronized DynamoDbClient dynamoDb() {
        if (dynamoDb == null) {
            dynamoDb = configure(DynamoDbClient.builder()).build();
        }
        return dynamoDb;
    }

    public synchronized EventBridgeClient eventBridge() {
        if (eventBridge == null) {
            eventBridge = configure(EventBridgeClient.builder()).build();
        }
        return eventBridge;
    }

    /** Parameter Store, where the platform and webhook credentials live. */
    public synchronized SsmClient ssm() {
        if (ssm == null) {
            ssm = configure(SsmClient.builder()).build();
        }
        return ssm;
    }

    /**
     * The media bucket {@code bucket}, its requests signed with these clients' credentials and sent over
     * their HTTP client. An endpoint other than AWS's (the local stack, an emulator) is addressed path-style.
     */
    public S3MediaBucket mediaBucket(String bucket, Clock clock) {
        return new S3MediaBucket(http, credentials, region(), s3Endpoint(), bucket, clock);
    }

    /** The S3 endpoint when it is not AWS's: the one given, else the SDK's own variables. */
    private URI s3Endpoint() {
        if (endpoint != null) {
            return endpoint;
        }
        for (String name : List.of("AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL")) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                return URI.create(value.strip());
            }
        }
        return null;
    }

    /**
     * Forgets the credentials fetched so far, so the next request fetches its own: a SnapStart
     * restore calls this, since keys fetched while priming belong to the snapshot, not to this copy.
     */
    public void renewCredentials() {
        credentials.replace(credentialsFromEnvironment());
    }

    private Region region() {
        String region = env.get("AWS_REGION");
        if (region == null || region.isBlank()) {
            throw new IllegalStateException("environment variable AWS_REGION is not set");
        }
        return Region.of(region);
    }

    private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder) {
        builder.region(region())
                .credentialsProvider(credentials)
                .httpClient(http)
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallTimeout(budget.apiCallTimeout())
                        .apiCallAttemptTimeout(budget.apiCallAttemptTimeout())
                        .retryStrategy(StandardRetryStrategy.builder()
                                .maxAttempts(budget.maxAttempts())
                                .build())
                        .executionInterceptors(interceptors)
                        .build());
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder;
    }

    private AwsCredentialsProvider credentialsFromEnvironment() {
        if (fixedCredentials != null) {
            return fixedCredentials;
        }
        String containerUri = env.get(CONTAINER_CREDENTIALS_URI);
        if (containerUri != null && !containerUri.isBlank()) {
            // The SDK reads AWS_CONTAINER_AUTHORIZATION_TOKEN itself, on every fetch.
            return ContainerCredentialsProvider.builder().endpoint(containerUri).build();
        }
        String keyId = env.get("AWS_ACCESS_KEY_ID");
        String secret = env.get("AWS_SECRET_ACCESS_KEY");
        if (keyId == null || keyId.isBlank() || secret == null || secret.isBlank()) {
            // Fails at the first request with the SDK's own message naming the variables.
            return EnvironmentVariableCredentialsProvider.create();
        }
        String token = env.get("AWS_SESSION_TOKEN");
        return StaticCredentialsProvider.create(token == null || token.isBlank()
                ? AwsBasicCredentials.create(keyId, secret)
                : AwsSessionCredentials.create(keyId, secret, token));
    }

    /** The provider the clients hold, whose source a restore can swap without rebuilding them. */
    private static final class RenewableCredentials implements AwsCredentialsProvider {
        private volatile AwsCredentialsProvider current;

        RenewableCredentials(AwsCredentialsProvider first) {
            this.current = first;
        }

        @Override
        public AwsCredentials resolveCredentials() {
            return current.resolveCredentials();
        }

        void replace(AwsCredentialsProvider next) {
            AwsCredentialsProvider previous = current;
            current = next;
            if (previous != next && previous instanceof SdkAutoCloseable closeable) {
                closeable.close();
            }
        }
    }
}
