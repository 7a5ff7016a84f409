package socialdesk.aws.bedrock;

import java.net.URI;
import java.time.Duration;
import socialdesk.aws.Env;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClientBuilder;

/**
 * Builds the Bedrock Runtime client, apart from {@link BedrockTriage} so that a function with the
 * model off never loads the SDK's classes.
 */
final class BedrockRuntimeClients {
    private BedrockRuntimeClients() {
    }

    /**
     * The function's region ({@code AWS_REGION}) and credentials; {@code AWS_ENDPOINT_URL} and
     * {@code AWS_ENDPOINT_URL_BEDROCK_RUNTIME} are honoured by the SDK itself.
     */
    static BedrockRuntimeClient fromEnvironment() {
        return client(Region.of(Env.required("AWS_REGION")), credentials(), null);
    }

    /**
     * On the URLConnection HTTP client with {@link BedrockTriage}'s time budget; {@code endpoint}
     * null for the region's own.
     */
    static BedrockRuntimeClient client(Region region, AwsCredentialsProvider credentials, URI endpoint) {
        BedrockRuntimeClientBuilder builder = BedrockRuntimeClient.builder()
                .region(region)
                .credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(1))
                        .socketTimeout(BedrockTriage.API_CALL_ATTEMPT_TIMEOUT))
                .overrideConfiguration(o -> o
                        .apiCallTimeout(BedrockTriage.API_CALL_TIMEOUT)
                        .apiCallAttemptTimeout(BedrockTriage.API_CALL_ATTEMPT_TIMEOUT)
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(BedrockTriage.MAX_ATTEMPTS).build()));
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }

    /**
     * Lambda's credentials: from the container endpoint where Lambda offers one (SnapStart functions
     * get it, so restored copies fetch fresh credentials), else from the environment variables.
     * Neither reads anything until the first call.
     */
    private static AwsCredentialsProvider credentials() {
        return Env.optional("AWS_CONTAINER_CREDENTIALS_FULL_URI", "").isEmpty()
                ? EnvironmentVariableCredentialsProvider.create()
                : ContainerCredentialsProvider.builder().build();
    }
}
