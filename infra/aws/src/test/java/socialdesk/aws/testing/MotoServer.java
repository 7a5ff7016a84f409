package socialdesk.aws.testing;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import socialdesk.aws.AwsCallBudget;
import socialdesk.aws.AwsClients;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * An independent implementation of the AWS APIs for tests: moto's {@code moto_server} (pinned at
 * {@value #VERSION}; {@code pip install "moto[server]==5.2.1"}), started once per test JVM on a free
 * loopback port, in memory, and stopped after the tests ({@link RequiresMoto} closes it when the
 * test run ends; a shutdown hook is the fallback). One server speaks every service moto has on the
 * same port, so one {@code AWS_ENDPOINT_URL} reaches them all. Any account, region and keys are
 * accepted; tests name their resources uniquely, so they never share state.
 */
public final class MotoServer implements AutoCloseable {
    public static final String COMMAND = "moto_server";
    public static final String VERSION = "5.2.1";
    public static final String REGION = "us-east-1";
    /** moto accepts any keys; these are the ones its own documentation uses. */
    public static final String ACCESS_KEY_ID = "testing";
    public static final String SECRET_ACCESS_KEY = "testing";
    /** moto's default account: the account part of every ARN it makes. */
    public static final String ACCOUNT_ID = "123456789012";

    /**
     * Attempts of most of a minute: moto is one Python process answering on threads, and on a loaded
     * machine a request can take seconds. An attempt that timed out would be sent again, and a
     * PutEvents sent twice is delivered twice.
     */
    public static final AwsCallBudget TEST_BUDGET = new AwsCallBudget(Duration.ofMinutes(3), 1);

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);
    private static MotoServer shared;

    private final Process process;
    private final URI endpoint;
    private DynamoDbClient dynamoDb;

    private MotoServer(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /** {@code moto_server} on the PATH, if there is one. */
    public static Optional<Path> executable() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, COMMAND);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The server of this JVM, started on first use; fails (it does not skip) if moto_server is missing or does not answer. */
    public static synchronized MotoServer shared() {
        if (shared == null || !shared.process.isAlive()) {
            Path command = executable().orElseThrow(() -> new IllegalStateException(COMMAND + " is not on the PATH"));
            shared = start(command);
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    /** Stops the shared server if one was started; the next {@link #shared()} starts a new one. */
    static synchronized void stopShared() {
        if (shared != null) {
            shared.close();
            shared = null;
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    /** The variables a function or client factory reads to reach this server for every service. */
    public Map<String, String> environment() {
        return Map.of("AWS_REGION", REGION, "AWS_ENDPOINT_URL", endpoint.toString(),
                "AWS_ACCESS_KEY_ID", ACCESS_KEY_ID, "AWS_SECRET_ACCESS_KEY", SECRET_ACCESS_KEY);
    }

    /**
     * The project's own client factory pointed at this server, every service at its one endpoint,
     * calls within {@link #TEST_BUDGET}.
     */
    public AwsClients clients(ExecutionInterceptor... interceptors) {
        return AwsClients.of(Map.of("AWS_REGION", REGION), TEST_BUDGET, endpoint,
                StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY)), List.of(interceptors));
    }

    /** The DynamoDB client of this JVM's tests; built once, like a function's. */
    public synchronized DynamoDbClient dynamoDb() {
        if (dynamoDb == null) {
            dynamoDb = clients().dynamoDb();
        }
        return dynamoDb;
    }

    /** Creates a fresh table with the project's key schema and indexes, and answers its name once it is active. */
    public String createTable() {
        return Tables.createActive(dynamoDb(), "social-desk-moto-", START_TIMEOUT, Duration.ofMillis(10));
    }

    /**
     * Creates an S3 bucket named {@code name}: a plain {@code PUT /name}, which moto takes unsigned,
     * since the desk builds no S3 client (its media bucket signs its own requests).
     */
    public void createBucket(String name) {
        try {
            int status = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build()
                    .send(java.net.http.HttpRequest.newBuilder(endpoint.resolve("/" + name))
                            .PUT(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                            java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status != 200) {
                throw new IllegalStateException("moto answered HTTP " + status + " to creating bucket " + name);
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not create bucket " + name + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (dynamoDb != null) {
            dynamoDb.close();
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static MotoServer start(Path command) {
        int port = freePort();
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        Process process;
        try {
            process = new ProcessBuilder(command.toString(), "-H", "127.0.0.1", "-p", Integer.toString(port))
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("could not start " + command + ": " + e.getMessage(), e);
        }
        drain(process);
        MotoServer server = new MotoServer(process, endpoint);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(command + " exited with status " + process.exitValue() + " before answering on " + endpoint);
            }
            if (answers(endpoint)) {
                return server;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                server.close();
                throw new IllegalStateException(e);
            }
        }
        server.close();
        throw new IllegalStateException(command + " did not answer on " + endpoint + " within " + START_TIMEOUT.toSeconds() + " s");
    }

    /** moto's own API answers once the server is up; any HTTP answer will do. */
    private static boolean answers(URI endpoint) {
        try {
            HttpURLConnection connection = (HttpURLConnection) endpoint.resolve("/moto-api/").toURL().openConnection();
            connection.setConnectTimeout(500);
            connection.setReadTimeout(2_000);
            try {
                return connection.getResponseCode() > 0;
            } finally {
                connection.disconnect();
            }
        } catch (IOException e) {
            return false;
        }
    }

    /** Its request log is of no interest, but an undrained pipe would block it once full. */
    private static void drain(Process process) {
        Thread drain = new Thread(() -> {
            try {
                process.getInputStream().transferTo(OutputStream.nullOutputStream());
            } catch (IOException ignored) {
                // The process is gone; nothing left to drain.
            }
        }, "moto_server output");
        drain.setDaemon(true);
        drain.start();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
