package socialdesk.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import socialdesk.core.events.DomainEvent;
import socialdesk.core.json.Json;
import socialdesk.core.json.JsonRead;
import socialdesk.template.Template;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * No event is lost between the table and the bus, with real processes: the whole local stack
 * (dynalite, every function in its own JVM on the Runtime Interface Client, schedules every
 * {@link #TICK}); a signed Meta delivery of a comment the triage flags reaches the webhook, which
 * stores it and calls PutEvents; the local AWS endpoint kills the webhook's JVM with SIGKILL while
 * that PutEvents is in flight, before the bus accepts anything. Meta retries the delivery (a fresh
 * JVM finds the comment stored and announces nothing); once the killed invocation's deadline (the
 * webhook's Timeout) has passed, the publisher's scheduled sweep puts CommentFlagged on the bus: the
 * notification topic gets it once, with the event id the dead writer had tried to send (twice, same
 * id, only if a PutEvents answer is lost on a loaded machine and the SDK retries the request).
 */
class OutboxCrashTest {
    private static final Duration TICK = Duration.ofSeconds(2);
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path data;

    @Test
    void aFlaggedCommentWhoseWriterWasKilledBeforePutEventsIsNotifiedOnceAfterRecovery() throws Exception {
        for (Template.Function f : Template.load().functions()) {
            assertTrue(Files.isRegularFile(f.moduleDir().resolve("target/function.jar")),
                    "build the function jars first: mvn -B -DskipTests -pl " + f.modulePath() + " -am package");
        }
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        LocalDesk.Options options = new LocalDesk.Options(Template.ROOT, data, true, false, 0, TICK, TICK, null,
                new PrintStream(console, true, StandardCharsets.UTF_8), LocalDesk.Options.DEFAULT_JVM_OPTIONS);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try (LocalDesk stack = LocalDesk.start(options)) {
            LocalFunction webhook = stack.function("platform-webhook");
            List<String> flaggedIdsSent = new CopyOnWriteArrayList<>();
            AtomicLong killed = new AtomicLong();
            stack.awsServer().beforePutEvents(entries -> {
                for (Object entry : entries) {
                    if ("CommentFlagged".equals(JsonRead.string(entry, "DetailType"))) {
                        flaggedIdsSent.add(JsonRead.string(Json.parse(JsonRead.string(entry, "Detail")), DomainEvent.ID_FIELD));
                    }
                }
                if (!flaggedIdsSent.isEmpty() && killed.get() == 0) {
                    // The first CommentFlagged PutEvents: its writer dies now, after its write, before the bus has anything.
                    long pid = webhook.pid();
                    ProcessHandle.of(pid).ifPresent(p -> {
                        p.destroyForcibly();
                        p.onExit().join();
                    });
                    killed.set(pid);
                    throw new IllegalStateException("the caller was killed");
                }
            });
            String appSecret = JsonRead.string(Json.parse(stack.secrets().secretString(Demo.webhookParameter(Template.load(Template.ROOT), "meta"))
                    .orElseThrow()), "appSecret");
            HttpRequest signed = signedComment(stack, appSecret, 0);
            Path notifications = data.resolve("notifications.jsonl");
            // Warm: a comment nobody is told about, until the webhook's first (cold, on a busy machine) call gets through.
            HttpRequest praise = signedComment(stack, appSecret, 2);
            await("the webhook to store a first comment", () -> status(http, praise) == 200, console);

            HttpResponse<String> first = http.send(signed, HttpResponse.BodyHandlers.ofString());
            assertNotEquals(0L, killed.get(), "the webhook's JVM was killed during its PutEvents; console:\n" + console);
            assertFalse(ProcessHandle.of(killed.get()).map(ProcessHandle::isAlive).orElse(false));
            assertNotEquals(200, first.statusCode(), "the platform saw the failure and will retry");
            DynamoDbClient dynamo = LocalDesk.dynamoAt(stack.dynamoEndpoint(), stack.identity());
            assertEquals(1, flaggedComments(dynamo, stack.tableName()), "the comment was stored before the kill");

            HttpResponse<String> retry = http.send(signed, HttpResponse.BodyHandlers.ofString());
            assertEquals(200, retry.statusCode(), retry.body());
            assertTrue(retry.body().contains("\"duplicates\":1"), "the retry finds the comment stored: " + retry.body());
            assertNotEquals(killed.get(), webhook.pid(), "a fresh execution environment answered the retry");

            await("the CommentFlagged notification", () -> notified(notifications) >= 1, console);
            // A few more sweeps: nothing is sent again once the bus has it.
            Thread.sleep(TICK.multipliedBy(3).toMillis());
            long notifiedTimes = notified(notifications);
            List<String> afterRecovery = flaggedIdsSent.subList(1, flaggedIdsSent.size());
            String seen = "PutEvents of CommentFlagged (the killed writer's first): " + flaggedIdsSent + "; console:\n"
                    + console.toString(StandardCharsets.UTF_8);
            assertEquals(List.of(flaggedIdsSent.getFirst()), afterRecovery.stream().distinct().toList(),
                    () -> "after recovery the bus got the event with the id the dead writer had, and no other: " + seen);
            // Exactly once by id; the bus may hear it twice only if a PutEvents answer is lost and the SDK retries it.
            assertTrue(notifiedTimes >= 1 && notifiedTimes <= 2, () -> notifiedTimes + " notifications; " + seen);
            assertEquals(afterRecovery.size(), notifiedTimes, () -> "one notification per accepted PutEvents; " + seen);
            assertEquals(List.of(), outbox(dynamo, stack.tableName()), "nothing left in the outbox");
            assertTrue(console.toString(StandardCharsets.UTF_8).contains("outbox swept"), console.toString(StandardCharsets.UTF_8));
            System.out.printf("outbox crash: webhook JVM %d killed during PutEvents; retry answered %d; CommentFlagged %s "
                    + "notified %d time(s) after recovery, %d distinct id(s)%n", killed.get(), retry.statusCode(),
                    flaggedIdsSent.getFirst(), notifiedTimes, afterRecovery.stream().distinct().count());
        }
    }

    /** The demo's comment {@code index} on a Page post nobody published, signed as Meta signs it. */
    private static HttpRequest signedComment(LocalDesk stack, String appSecret, int index) {
        String delivery = Demo.metaComment(Demo.META_PAGE_ID + "_777", index);
        return HttpRequest.newBuilder(URI.create(stack.functionUrl("platform-webhook") + "/webhooks/meta"))
                .header("Content-Type", "application/json")
                .header("X-Hub-Signature-256", "sha256=" + Demo.hmac(appSecret, delivery))
                .POST(HttpRequest.BodyPublishers.ofString(delivery)).build();
    }

    private static int status(HttpClient http, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** Notifications about the demo's first commenter on the notification topic. */
    private static long notified(Path file) {
        List<String> lines = new ArrayList<>();
        try {
            if (Files.exists(file)) {
                lines.addAll(Files.readAllLines(file));
            }
        } catch (IOException e) {
            return 0;
        }
        return lines.stream().filter(line -> !line.isBlank())
                .map(Json::parse)
                .filter(json -> "NotificationTopic".equals(JsonRead.string(json, "topic")))
                .filter(json -> LocalTopic.readable(JsonRead.string(json, "message")).contains("from Minh Tran"))
                .count();
    }

    private static long flaggedComments(DynamoDbClient dynamo, String table) {
        return dynamo.scanPaginator(b -> b.tableName(table)).items().stream()
                .filter(item -> item.containsKey("SK") && item.get("SK").s().startsWith("COMMENT#facebook#"))
                .filter(item -> item.containsKey("flagged") && Boolean.TRUE.equals(item.get("flagged").bool()))
                .count();
    }

    private static List<Map<String, AttributeValue>> outbox(DynamoDbClient dynamo, String table) {
        return dynamo.scanPaginator(b -> b.tableName(table)).items().stream()
                .filter(item -> item.containsKey("outbox") || (item.containsKey("GSI3PK") && "OUTBOX".equals(item.get("GSI3PK").s())))
                .toList();
    }

    private static void await(String what, BooleanSupplier condition, ByteArrayOutputStream console) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out waiting for " + what + "; console:\n" + console.toString(StandardCharsets.UTF_8));
    }
}
