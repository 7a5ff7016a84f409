package socialdesk.aws.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.Map;
import socialdesk.aws.AwsCallBudget;
import socialdesk.aws.AwsClients;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A real DynamoDB-compatible server for tests: dynalite from the project's own package.json,
 * installed with {@code npm ci} if missing, started once per test JVM on a free loopback port, in
 * memory, and stopped when the JVM exits. Each test makes its own table, so tests never share state.
 */
public final class Dynalite {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static Dynalite instance;

    /** Generous: a loaded test machine must not time out a call that would pass. */
    public static final AwsCallBudget TEST_BUDGET = new AwsCallBudget(Duration.ofSeconds(60), 1);

    private final Process process;
    private final URI endpoint;
    private DynamoDbClient client;

    private Dynalite(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /** The shared server of this JVM, started on first use. */
    public static synchronized Dynalite shared() {
        if (instance == null) {
            instance = start();
            Runtime.getRuntime().addShutdownHook(new Thread(instance.process::destroy));
        }
        return instance;
    }

    public URI endpoint() {
        return endpoint;
    }

    /** The client of this JVM's tests; built once, like a function's. */
    public synchronized DynamoDbClient client() {
        if (client == null) {
            client = clients().dynamoDb();
        }
        return client;
    }

    /** Clients whose every service is this server, in us-east-1, with the fixed key dynalite accepts, as a 60 s function would have them. */
    public AwsClients clients(ExecutionInterceptor... interceptors) {
        return AwsClients.of(Map.of("AWS_REGION", "us-east-1"), TEST_BUDGET, endpoint,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")), List.of(interceptors));
    }

    /** Creates a fresh table with the project's key schema and index, and answers its name. */
    public String createTable() {
        return Tables.createActive(client(), "social-desk-test-", START_TIMEOUT, Duration.ofMillis(10));
    }

    private static Dynalite start() {
        Path root = projectRoot();
        Path cli = root.resolve("node_modules/dynalite/cli.js");
        if (!Files.exists(cli)) {
            installNodePackages(root);
        }
        int port = freePort();
        try {
            Process process = new ProcessBuilder("node", cli.toString(), "--port", Integer.toString(port), "--host", "127.0.0.1",
                    "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0")
                    .redirectErrorStream(true)
                    .start();
            awaitListening(process);
            return new Dynalite(process, URI.create("http://127.0.0.1:" + port));
        } catch (IOException e) {
            throw new IllegalStateException("could not start dynalite with node (is Node.js installed?): " + e.getMessage(), e);
        }
    }

    private static void awaitListening(Process process) {
        CompletableFuture<Void> listening = CompletableFuture.runAsync(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.contains("listening")) {
                        return;
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            throw new IllegalStateException("dynalite exited before listening");
        });
        try {
            listening.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroy();
            throw new IllegalStateException("dynalite did not start: " + e.getMessage(), e);
        }
        Thread drain = new Thread(() -> {
            try {
                process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            } catch (IOException ignored) {
                // The process is gone; nothing left to drain.
            }
        });
        drain.setDaemon(true);
        drain.start();
    }

    /** Runs {@code npm ci} once even when several test JVMs start together. */
    private static void installNodePackages(Path root) {
        Path lockFile = root.resolve("node_modules.install.lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            if (Files.exists(root.resolve("node_modules/dynalite/cli.js"))) {
                return;
            }
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
                    .directory(root.toFile()).inheritIO().start();
            if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                throw new IllegalStateException("npm ci failed in " + root + "; dynalite is needed for the tests");
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not install dynalite with npm (is Node.js installed?): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            try {
                Files.deleteIfExists(lockFile);
            } catch (IOException ignored) {
                // Another JVM may hold it; it removes it after.
            }
        }
    }

    /** The repository root: surefire passes it; a run from a module directory falls back to the parent with package.json. */
    public static Path projectRoot() {
        String configured = System.getProperty("project.root");
        Path dir = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
        for (Path p = dir.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("package.json")) && Files.exists(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the repository root from " + dir);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
