package socialdesk.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import socialdesk.aws.AwsClients;
import socialdesk.aws.dynamo.DynamoPostStore;
import socialdesk.aws.events.EventBridgePublisher;
import socialdesk.core.events.DomainEvent;
import socialdesk.core.post.PostStatus;
import socialdesk.local.template.Template;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * The local stack end to end, with real child JVMs, dynalite and loopback servers: start fresh on
 * free ports, the demo posts published to the sandbox, the bus routing an event to the topic with
 * the template's input transformer, the demo comments triaged and flagged when the webhook function
 * is in the template, then a clean stop with no child process left. Needs the function jars
 * (functions/{name}/target/function.jar, built before this module in the reactor) and Node.js.
 */
class LocalStackEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path data;

    @Test
    void demoFlowRunsAndStopsCleanly() throws Exception {
        Path root = Template.ROOT;
        for (Template.Function f : Template.load().functions()) {
            assertTrue(Files.isRegularFile(f.moduleDir().resolve("target/function.jar")),
                    "build the function jars first: mvn -B -DskipTests -pl " + f.modulePath() + " -am package");
        }
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8);
        LocalStack.Options options = new LocalStack.Options(root, data, true, true, 0, Duration.ofSeconds(2),
                Duration.ofSeconds(2), null, out, LocalStack.Options.DEFAULT_JVM_OPTIONS);
        LocalStack stack = LocalStack.start(options);
        List<Long> children;
        try {
            children = stack.childPids();
            String banner = console.toString(StandardCharsets.UTF_8);
            assertTrue(banner.contains("social-desk is running locally"), banner);
            assertTrue(banner.contains(data.resolve("notifications.jsonl").toString()), banner);

            // Posted: the demo posts reach the sandbox, get a URL, and the store says PUBLISHED.
            await("3 demo posts in the sandbox", () -> stack.sandbox().posts().size() >= 3, console);
            SandboxPlatform.SandboxPost first = stack.sandbox().posts().getFirst();
            HttpResponse<String> page = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(first.url())).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertTrue(Files.readString(data.resolve("sandbox-posts.jsonl")).contains(first.id()));
            try (DynamoDbClient dynamo = stack.dynamo()) {
                DynamoPostStore store = new DynamoPostStore(dynamo, stack.tableName());
                await("demo-1 PUBLISHED", () -> store.find("demo-1").map(p -> p.status() == PostStatus.PUBLISHED).orElse(false), console);
            }

            // Routed: an event put on the bus the way the functions put it reaches the topic through the template's rule.
            Map<String, String> env = Map.of("AWS_REGION", LocalStack.REGION, "AWS_ENDPOINT_URL_EVENTBRIDGE", stack.awsEndpoint());
            try (EventBridgeClient events = new AwsClients(env).eventBridge()) {
                new EventBridgePublisher(events, LocalStack.STACK + "-bus").publish(List.of(new DomainEvent("social.publishing", "PostFailed",
                        Map.of("postId", "p-e2e", "status", "FAILED", "dueAt", "2026-01-01T09:00:00Z", "excerpt", "hello",
                                "failures", List.of(Map.of("platform", "mastodon", "attempts", 2, "reason", "422 refused"))))));
            }
            Path notifications = data.resolve("notifications.jsonl");
            await("PostFailed notification", () -> read(notifications).contains("Post p-e2e (due 2026-01-01T09:00:00Z) ended FAILED: mastodon failed after 2 attempt(s): 422 refused"), console);

            // Commented, triaged, flagged, notified: only once the webhook function is part of the template.
            if (stack.functionUrl("platform-webhook") != null) {
                await("a flagged demo comment notified with a suggested reply",
                        () -> read(notifications).contains("CommentFlagged") || read(notifications).toLowerCase().contains("suggested"), console);
            }
        } finally {
            stack.close();
        }
        for (long pid : children) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "child " + pid + " still running");
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static void await(String what, BooleanSupplier condition, ByteArrayOutputStream console) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out waiting for " + what + "; console:\n" + console.toString(StandardCharsets.UTF_8));
    }
}
