package socialdesk.aws.bedrock;

import java.net.URI;
import java.time.Duration;
import java.util.function.Supplier;
import socialdesk.aws.Env;
import socialdesk.core.engagement.CommentTriager;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClientBuilder;

/**
 * The optional model triage: off (the local triage, no client built) unless a model id is
 * configured. The time budget fits the platform-webhook function's 10 s timeout: one call takes at
 * most {@link #API_CALL_TIMEOUT} (two attempts, the second only when the first failed fast enough),
 * and calls take at most {@link #ALLOWANCE} in any {@link #WINDOW}, so a delivery with many comments
 * keeps at least 3.5 s of its 10 s for the table and the bus.
 */
public final class BedrockTriage {
    /** A whole call, retry included; the client gives up and the local triage answers. */
    static final Duration API_CALL_TIMEOUT = Duration.ofMillis(2_500);
    /** One attempt; a second starts only if the call's timeout leaves room for it. */
    static final Duration API_CALL_ATTEMPT_TIMEOUT = Duration.ofMillis(2_000);
    static final int MAX_ATTEMPTS = 2;
    static final Duration WINDOW = Duration.ofSeconds(10);
    static final Duration ALLOWANCE = Duration.ofSeconds(4);

    private BedrockTriage() {
    }

    /**
     * The triager for a function: the local one when {@code modelId} is empty, else the model with
     * the local one as its fallback, on a client built here from the function's region and
     * credentials ({@code AWS_ENDPOINT_URL_BEDROCK_RUNTIME} is honoured by the SDK).
     */
    public static CommentTriager forModel(String modelId, CommentTriager local) {
        return forModel(modelId, local, () -> client(Region.of(Env.required("AWS_REGION")), credentials(), null));
    }

    /** As above with the client given lazily: it is built only when a model id is set. */
    static CommentTriager forModel(String modelId, CommentTriager local, Supplier<BedrockRuntimeClient> client) {
        if (modelId == null || modelId.isBlank()) {
            return local;
        }
        return new BedrockCommentTriager(client.get(), modelId.strip(), local, new CallBudget(WINDOW, ALLOWANCE, System::nanoTime));
    }

    /**
     * A Bedrock Runtime client on the URLConnection HTTP client with the time budget above;
     * {@code endpoint} null for the region's own.
     */
    static BedrockRuntimeClient client(Region region, AwsCredentialsProvider credentials, URI endpoint) {
        BedrockRuntimeClientBuilder builder = BedrockRuntimeClient.builder()
                .region(region)
                .credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(1))
                        .socketTimeout(API_CALL_ATTEMPT_TIMEOUT))
                .overrideConfiguration(o -> o
                        .apiCallTimeout(API_CALL_TIMEOUT)
                        .apiCallAttemptTimeout(API_CALL_ATTEMPT_TIMEOUT)
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(MAX_ATTEMPTS).build()));
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }

    /**
     * Lambda's credentials: from the container endpoint where Lambda offers one (SnapStart functions
     * get it so restored copies fetch fresh credentials), else from the environment variables.
     * Neither reads anything until the first call.
     */
    private static AwsCredentialsProvider credentials() {
        return Env.optional("AWS_CONTAINER_CREDENTIALS_FULL_URI", "").isEmpty()
                ? EnvironmentVariableCredentialsProvider.create()
                : ContainerCredentialsProvider.builder().build();
    }
}
