package socialdesk.peers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import socialdesk.core.json.Json;
import socialdesk.core.json.JsonRead;

/**
 * A real Bluesky PDS and an in-memory PLC directory, run by {@code launch.mjs} with the Node.js 22
 * that {@code install-pds.sh} put into {@code target/pds}; plus the few XRPC calls a test needs that
 * the desk does not make (create an account and an app password, read records back).
 */
final class PdsPeer implements AutoCloseable {
    static final Path HOME = Path.of("target", "pds");
    private static final Duration START_LIMIT = Duration.ofSeconds(90);

    private final Process process;
    private final URI url;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** An account on this PDS: its DID and an app password for the desk. */
    record Account(String handle, String did, String appPassword) {
    }

    private PdsPeer(Process process, URI url) {
        this.process = process;
        this.url = url;
    }

    /** Null when the PDS is installed; otherwise why the peer tests cannot run, and how to make them. */
    static String absence() {
        if (!Files.isRegularFile(HOME.resolve(".installed"))) {
            return "Bluesky peer tests skipped: no PDS installed in tests/peers/target/pds"
                    + " (run tests/peers/install-pds.sh: it needs npm, the npm registry and a C++ compiler)";
        }
        return node() == null ? "Bluesky peer tests skipped: no Node.js 22 under " + HOME.resolve("node") : null;
    }

    private static Path node() {
        try (Stream<Path> packages = Files.list(HOME.resolve("node").resolve("node_modules"))) {
            return packages.filter(p -> p.getFileName().toString().startsWith("node-"))
                    .map(p -> p.resolve("bin").resolve("node"))
                    .filter(Files::isExecutable).findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    /** Starts PLC and PDS with their data in a fresh folder of {@code target/}; answers once the PDS listens. */
    static PdsPeer start() throws IOException, InterruptedException {
        Path data = Files.createTempDirectory(Path.of("target"), "pds-data-").toAbsolutePath();
        Path log = data.resolve("pds.log");
        Process process = new ProcessBuilder(node().toAbsolutePath().toString(), "launch.mjs", data.toString())
                .directory(HOME.toFile())
                .redirectError(log.toFile())
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> firstLine = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        });
        String line;
        try {
            line = firstLine.get(START_LIMIT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            line = null;
        }
        if (line == null) {
            process.destroyForcibly();
            throw new IOException("the PDS did not start within " + START_LIMIT.toSeconds() + " s; see " + log);
        }
        PdsPeer peer = new PdsPeer(process, URI.create(JsonRead.string(Json.parseObject(line), "pds")));
        System.err.println("Bluesky peer tests: PDS at " + peer.url + ", log " + log);
        return peer;
    }

    URI url() {
        return url;
    }

    /** Creates an account with this handle (under {@code .test}) and an app password for it. */
    Account createAccount(String handle) throws IOException, InterruptedException {
        String password = "peer-" + handle + "-password";
        Map<String, Object> created = post("com.atproto.server.createAccount", null,
                Map.of("handle", handle, "email", handle.replace('.', '-') + "@example.test", "password", password));
        Map<String, Object> session = post("com.atproto.server.createSession", null,
                Map.of("identifier", handle, "password", password));
        Map<String, Object> app = post("com.atproto.server.createAppPassword", JsonRead.string(session, "accessJwt"),
                Map.of("name", "social-desk"));
        return new Account(handle, JsonRead.string(created, "did"), JsonRead.string(app, "password"));
    }

    /** {@code com.atproto.repo.getRecord} of a post; null when there is none. */
    Map<String, Object> post(String did, String rkey) throws IOException, InterruptedException {
        HttpResponse<String> response = get("com.atproto.repo.getRecord?repo=" + encode(did)
                + "&collection=app.bsky.feed.post&rkey=" + encode(rkey));
        return response.statusCode() == 200 ? JsonRead.object(Json.parseObject(response.body()), "value") : null;
    }

    /** Every post in the account's repo ({@code com.atproto.repo.listRecords}, up to 100), newest first. */
    List<Object> posts(String did) throws IOException, InterruptedException {
        HttpResponse<String> response = get("com.atproto.repo.listRecords?repo=" + encode(did)
                + "&collection=app.bsky.feed.post&limit=100");
        if (response.statusCode() != 200) {
            throw new IOException("listRecords answered " + response.statusCode() + ": " + response.body());
        }
        return JsonRead.list(Json.parseObject(response.body()), "records");
    }

    /** The bytes of a blob, as {@code com.atproto.sync.getBlob} serves them. */
    HttpResponse<byte[]> blob(String did, String cid) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(url.resolve("/xrpc/com.atproto.sync.getBlob?did=" + encode(did) + "&cid=" + encode(cid)))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<String> get(String methodAndQuery) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(url.resolve("/xrpc/" + methodAndQuery)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private Map<String, Object> post(String method, String bearer, Map<String, Object> body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url.resolve("/xrpc/" + method))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body)));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(method + " answered " + response.statusCode() + ": " + response.body());
        }
        return Json.parseObject(response.body());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Stops the launcher by closing its stdin (it shuts both servers down), forcibly after a few seconds. */
    @Override
    public void close() throws IOException, InterruptedException {
        process.getOutputStream().close();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
