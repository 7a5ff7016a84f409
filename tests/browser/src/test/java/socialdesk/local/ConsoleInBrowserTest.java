package socialdesk.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import socialdesk.aws.dynamo.DynamoEngagementStore;
import socialdesk.core.json.Json;
import socialdesk.core.json.JsonRead;
import socialdesk.core.post.Platform;
import socialdesk.template.Template;

/**
 * The web console in a real headless Chromium against the local stack, as {@code ./social local}
 * runs it (fresh data, free ports, the publisher ticking every 2 s): console/e2e/console.test.mjs,
 * run by node's test runner with playwright-core, does what a person does in each view and saves a
 * screenshot of each under target/screenshots. Before it runs, a signed Meta comment carrying
 * {@code <script>} and {@code <img onerror>} arrives on the demo's Facebook post, so the inbox has
 * hostile text to show as text. Skips, saying why, without Chromium or Node.js.
 */
class ConsoleInBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Duration RUN_LIMIT = Duration.ofMinutes(6);
    static final String HOSTILE_COMMENT = "You scammers <script>window.__xss = 3</script><img src=x onerror=\"window.__xss = 4\"> are idiots";

    @TempDir
    Path data;

    @Test
    void everyViewWorksInChromium() throws Exception {
        Path chromium = Path.of(Optional.ofNullable(System.getenv("CHROMIUM")).orElse("/usr/bin/chromium"));
        assumeTrue(Files.isExecutable(chromium), "no Chromium at " + chromium + " (apt-get install chromium, or set CHROMIUM): browser tests skipped");
        assumeTrue(onPath("node"), "no node on the PATH: browser tests skipped");
        Path root = Template.ROOT;
        Path console = root.resolve("console");
        assertTrue(Files.isDirectory(console.resolve("node_modules/playwright-core")), "build the console first: mvn -pl console package");
        assertTrue(ConsoleServer.built(console.resolve("dist")), "build the console first: mvn -pl console package");

        ByteArrayOutputStream log = new ByteArrayOutputStream();
        LocalDesk.Options options = new LocalDesk.Options(root, data, true, true, 0, Duration.ofSeconds(2), Duration.ofSeconds(2), null,
                new PrintStream(log, true, StandardCharsets.UTF_8), LocalDesk.Options.DEFAULT_JVM_OPTIONS);
        try (LocalDesk stack = LocalDesk.start(options)) {
            assertNotNull(stack.consoleUrl(), "the stack serves the console");
            assertTrue(log.toString(StandardCharsets.UTF_8).contains("Web console:        " + stack.consoleUrl()), "the banner shows the console");
            sendHostileComment(stack);

            Path screenshots = Path.of("target", "screenshots").toAbsolutePath();
            Files.createDirectories(screenshots);
            Path output = Path.of("target", "console-e2e.log").toAbsolutePath();
            ProcessBuilder node = new ProcessBuilder("node", "--test", "--test-reporter=spec", "--test-concurrency=1", "e2e/")
                    .directory(console.toFile()).redirectErrorStream(true).redirectOutput(output.toFile());
            node.environment().putAll(Map.of("CONSOLE_URL", stack.consoleUrl(), "POSTS_API_URL", stack.functionUrl("posts-api"),
                    "SANDBOX_URL", stack.sandbox().url(), "SCREENSHOTS", screenshots.toString(), "CHROMIUM", chromium.toString()));
            Process process = node.start();
            boolean finished = process.waitFor(RUN_LIMIT.toSeconds(), TimeUnit.SECONDS);
            if (!finished) {
                process.destroyForcibly().waitFor();
            }
            String report = Files.readString(output);
            System.out.println(report);
            // The functions' logs, next to the screenshots: what the stack did while the browser clicked.
            Files.writeString(Path.of("target", "local-stack.log"), log.toString(StandardCharsets.UTF_8));
            assertTrue(finished, "the browser tests finished within " + RUN_LIMIT + ":\n" + report);
            assertEquals(0, process.exitValue(), report);
            assertTrue(report.contains("ℹ fail 0"), report);
            for (String view : List.of("compose", "compose-over-limit", "compose-upload", "calendar-published", "calendar-conflict", "calendar-hostile-text", "queue-health",
                    "engagement")) {
                assertTrue(Files.size(screenshots.resolve(view + ".png")) > 1000, "a screenshot of " + view);
            }
        }
    }

    /** A signed Meta webhook comment with markup in it, on the demo's first Facebook post once the publisher recorded it. */
    private static void sendHostileComment(LocalDesk stack) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        DynamoEngagementStore store = new DynamoEngagementStore(stack.dynamo(), stack.tableName());
        Optional<SandboxPlatform.SandboxPost> post = Optional.empty();
        while (System.nanoTime() < deadline) {
            post = stack.sandbox().posts("facebook").stream().filter(p -> store.findPostId(Platform.FACEBOOK, p.id()).isPresent()).findFirst();
            if (post.isPresent()) {
                break;
            }
            Thread.sleep(250);
        }
        assertTrue(post.isPresent(), "a demo post published and recorded on the sandbox's Facebook Page");
        String postId = post.get().id();
        long now = Instant.now().getEpochSecond();
        Map<String, Object> value = Map.of("from", Map.of("id", "555000999", "name", "<b>Mallory</b>"),
                "post", Map.of("id", postId, "status_type", "mobile_status_update", "is_published", true),
                "message", HOSTILE_COMMENT, "post_id", postId, "comment_id", postId.substring(postId.indexOf('_') + 1) + "_6666",
                "created_time", now, "item", "comment", "parent_id", postId, "verb", "add");
        String body = Json.write(Map.of("object", "page", "entry", List.of(Map.of("id", postId.substring(0, postId.indexOf('_')), "time", now,
                "changes", List.of(Map.of("field", "feed", "value", value))))));
        String appSecret = JsonRead.string(Json.parse(stack.secrets().secretString(Demo.webhookParameter(Template.load(), "meta")).orElseThrow()), "appSecret");
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(stack.functionUrl("platform-webhook") + "/webhooks/meta"))
                .header("Content-Type", "application/json").header("X-Hub-Signature-256", "sha256=" + Demo.hmac(appSecret, body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
    }

    private static boolean onPath(String command) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        return java.util.Arrays.stream(path.split(java.io.File.pathSeparator)).anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }
}
