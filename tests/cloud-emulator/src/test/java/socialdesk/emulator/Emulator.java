package socialdesk.emulator;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import socialdesk.aws.AwsCallBudget;
import socialdesk.aws.AwsClients;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * One AWS emulator container for the whole test JVM, started on first use and removed by
 * Testcontainers when the JVM ends. The image is {@value #IMAGE_VARIABLE} if set, otherwise
 * {@value #DEFAULT_IMAGE}; any other image (Floci) is taken as a compatible substitute for
 * LocalStack: same port 4566, same wire protocols, any credentials.
 */
final class Emulator {
    static final String IMAGE_VARIABLE = "SOCIAL_DESK_EMULATOR_IMAGE";
    /**
     * The last LocalStack community release that starts without an account: from 4.15 / 2026.03
     * (23 March 2026) the image exits at start unless LOCALSTACK_AUTH_TOKEN is set.
     */
    static final String DEFAULT_IMAGE = "localstack/localstack:4.14.0";
    private static final String LOCALSTACK = "localstack/localstack";
    private static final String TOKEN_VARIABLE = "LOCALSTACK_AUTH_TOKEN";

    private static Emulator shared;

    private final LocalStackContainer container;
    private final Map<String, String> env;
    private final StaticCredentialsProvider credentials;

    private Emulator(LocalStackContainer container) {
        this.container = container;
        this.env = Map.of(
                "AWS_ENDPOINT_URL", container.getEndpoint().toString(),
                "AWS_REGION", container.getRegion());
        this.credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(container.getAccessKey(), container.getSecretKey()));
    }

    /** The running emulator; the first call pulls and starts the image. */
    static synchronized Emulator shared() {
        if (shared == null) {
            LocalStackContainer container = container(imageName(System.getenv(IMAGE_VARIABLE)));
            container.start();
            shared = new Emulator(container);
        }
        return shared;
    }

    /** The image to run: LocalStack's own as they are, anything else marked as a stand-in for LocalStack. */
    static DockerImageName imageName(String configured) {
        String name = configured == null || configured.isBlank() ? DEFAULT_IMAGE : configured.strip();
        DockerImageName image = DockerImageName.parse(name);
        return isLocalStack(image) ? image : image.asCompatibleSubstituteFor(LOCALSTACK);
    }

    private static boolean isLocalStack(DockerImageName image) {
        return image.getUnversionedPart().equals(LOCALSTACK) || image.getUnversionedPart().equals(LOCALSTACK + "-pro");
    }

    private static LocalStackContainer container(DockerImageName image) {
        LocalStackContainer container = new LocalStackContainer(image)
                .withServices("dynamodb", "events", "sns", "sqs")
                .withStartupTimeout(Duration.ofMinutes(3));
        String token = System.getenv(TOKEN_VARIABLE);
        if (token != null && !token.isBlank()) {
            container.withEnv(TOKEN_VARIABLE, token);
        }
        if (!isLocalStack(image)) {
            // LocalStackContainer starts LocalStack through a shell script it copies in and waits for
            // LocalStack's "Ready." log line. A substitute gets its own image's entrypoint back (this
            // modifier runs after LocalStack's, once the image is pulled) and is ready when port 4566
            // answers HTTP at all.
            container.withCreateContainerCmdModifier(cmd -> cmd.withEntrypoint(ownEntrypoint(cmd.getImage())));
            container.waitingFor(Wait.forHttp("/").forPort(4566).forStatusCodeMatching(status -> status > 0));
        }
        return container;
    }

    /** The image's own ENTRYPOINT; none is an empty list, which makes Docker run the image's CMD. */
    private static String[] ownEntrypoint(String image) {
        String[] entrypoint = DockerClientFactory.instance().client().inspectImageCmd(image).exec().getConfig().getEntrypoint();
        return entrypoint == null ? new String[0] : entrypoint;
    }

    /**
     * The project's own client factory, with the container's region and keys, every service at its
     * endpoint; calls get a minute each, as a container on a busy machine may need.
     */
    AwsClients clients() {
        return AwsClients.of(env, new AwsCallBudget(Duration.ofSeconds(75), 1), endpoint(), credentials, List.of());
    }

    Map<String, String> environment() {
        return env;
    }

    /** A client for setting up the bus, rules and targets, which the functions never do. */
    EventBridgeClient events() {
        return EventBridgeClient.builder().endpointOverride(endpoint()).region(region()).credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    SnsClient sns() {
        return SnsClient.builder().endpointOverride(endpoint()).region(region()).credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    SqsClient sqs() {
        return SqsClient.builder().endpointOverride(endpoint()).region(region()).credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    String image() {
        return container.getDockerImageName();
    }

    /** LocalStack itself, rather than a substitute. */
    boolean isLocalStack() {
        return isLocalStack(DockerImageName.parse(image()));
    }

    private URI endpoint() {
        return URI.create(env.get("AWS_ENDPOINT_URL"));
    }

    private Region region() {
        return Region.of(env.get("AWS_REGION"));
    }
}
