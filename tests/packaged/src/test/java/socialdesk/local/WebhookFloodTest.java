package socialdesk.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import socialdesk.aws.dynamo.DynamoPostStore;
import socialdesk.core.engagement.MarkerKind;
import socialdesk.core.json.Json;
import socialdesk.core.json.JsonRead;
import socialdesk.core.post.PostStatus;
import socialdesk.template.Template;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A flood of unsigned requests on the public webhook URL does not starve the publisher: the whole
 * local stack on free ports (no demo, schedules every {@link #TICK}), a post queued through the
 * posts API for now, and while 32 virtual threads send unsigned, badly signed and wrongly verified
 * requests to the platform-webhook function URL on loopback, the post is published within a few
 * ticks; the webhook answers past its reserved concurrency with 429 and every other request with a
 * refusal (401 or 403), never a 5xx; and nothing the flood carried is stored.
 */
class WebhookFloodTest {
    private static final Duration TICK = Duration.ofSeconds(2);
    /**
     * Bounds on the flood: it stops when the post is published, at this many requests, or at this
     * time. The count is only a safety cap, far above what the flood sends before the post goes out
     * (about 1,500 to 3,000, since a 429 is answered in well under a millisecond): a cap near that
     * let a fast machine end the flood before the publisher's tick, and the test then proved nothing.
     */
    private static final int MAX_REQUESTS = 30_000;
    private static final Duration MAX_FLOOD = Duration.ofSeconds(20);
    private static final int SENDERS = 32;

    @TempDir
    Path data;

    @Test
    void unsignedFloodIsShedWhileThePublisherPublishesOnTime() throws Exception {
        for (Template.Function f : Template.load().functions()) {
            assertTrue(Files.isRegularFile(f.moduleDir().resolve("target/function.jar")),
                    "build the function jars first: mvn -B -DskipTests -pl " + f.modulePath() + " -am package");
        }
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        LocalDesk.Options options = new LocalDesk.Options(Template.ROOT, data, true, false, 0, TICK, TICK, null,
                new PrintStream(console, true, StandardCharsets.UTF_8), LocalDesk.Options.DEFAULT_JVM_OPTIONS);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try (LocalDesk stack = LocalDesk.start(options)) {
            int webhookReserved = stack.spec("platform-webhook").reservedConcurrency();
            assertTrue(webhookReserved > 0 && webhookReserved < SENDERS,
                    "the template reserves the webhook fewer executions than the flood's senders: " + webhookReserved);
            String webhook = stack.functionUrl("platform-webhook");
            DynamoDbClient dynamo = LocalDesk.dynamoAt(stack.dynamoEndpoint(), stack.identity());
            DynamoPostStore posts = new DynamoPostStore(dynamo, stack.tableName());

            Instant due = Instant.now();
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(stack.functionUrl("posts-api") + "/posts"))
                    .header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("text", "Published on time through a flood",
                            "platforms", List.of("mastodon"), "at", due.toString())))).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(201, created.statusCode(), created.body());
            String postId = JsonRead.string(Json.parse(created.body()), "id");

            Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
            AtomicInteger sent = new AtomicInteger();
            AtomicBoolean published = new AtomicBoolean();
            long floodEnd = System.nanoTime() + MAX_FLOOD.toNanos();
            Instant publishedSeen = null;
            try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int s = 0; s < SENDERS; s++) {
                    senders.submit(() -> {
                        for (int i = sent.getAndIncrement(); i < MAX_REQUESTS && !published.get() && System.nanoTime() < floodEnd;
                             i = sent.getAndIncrement()) {
                            int status = http.send(unsigned(webhook, i), HttpResponse.BodyHandlers.discarding()).statusCode();
                            statuses.computeIfAbsent(status, k -> new LongAdder()).increment();
                        }
                        return null;
                    });
                }
                while (System.nanoTime() < floodEnd && publishedSeen == null) {
                    if (posts.find(postId).map(p -> p.status() == PostStatus.PUBLISHED).orElse(false)) {
                        publishedSeen = Instant.now();
                    }
                    Thread.sleep(50);
                }
                boolean floodStillRunning = sent.get() < MAX_REQUESTS && System.nanoTime() < floodEnd;
                published.set(true);
                assertTrue(publishedSeen != null, "the post was not published during the flood; console:\n" + console);
                assertTrue(floodStillRunning, "the flood ended before the post was published: " + sent.get() + " requests");
            }

            Map<Integer, Long> counts = new TreeMap<>();
            statuses.forEach((status, n) -> counts.put(status, n.sum()));
            long total = counts.values().stream().mapToLong(Long::longValue).sum();
            Duration latency = Duration.between(due, publishedSeen);
            System.out.printf("webhook flood: %d requests from %d senders, answers %s; post published %d ms after due (tick %d ms)%n",
                    total, SENDERS, counts, latency.toMillis(), TICK.toMillis());

            assertTrue(latency.compareTo(TICK.multipliedBy(4)) <= 0, "published within 4 ticks of due: " + latency);
            assertEquals(1, stack.sandbox().posts("mastodon").size(), "the post reached the sandbox's Mastodon once");
            assertTrue(counts.getOrDefault(429, 0L) > 0, "the webhook shed load with 429s: " + counts);
            assertTrue(counts.getOrDefault(401, 0L) + counts.getOrDefault(403, 0L) > 0, "the webhook refused what it ran: " + counts);
            assertEquals(total, counts.getOrDefault(429, 0L) + counts.getOrDefault(401, 0L) + counts.getOrDefault(403, 0L),
                    "every answer is a 429 or a refusal, none a 5xx: " + counts);
            List<String> stored = engagementKeys(dynamo, stack.tableName());
            assertEquals(List.of(), stored, "nothing unsigned is stored");
        }
    }

    /**
     * The flood's requests in turn: a Meta comment delivery without a signature (401), the same
     * with a signature that does not match (403), and a subscription check with a wrong verify
     * token (403).
     */
    private static HttpRequest unsigned(String webhook, int i) {
        String body = "{\"object\":\"page\",\"entry\":[{\"id\":\"" + Demo.META_PAGE_ID + "\",\"time\":1,\"changes\":[{\"field\":\"feed\","
                + "\"value\":{\"item\":\"comment\",\"verb\":\"add\",\"comment_id\":\"flood_" + i + "\",\"post_id\":\""
                + Demo.META_PAGE_ID + "_1\",\"message\":\"flood " + i + "\",\"from\":{\"id\":\"1\",\"name\":\"Flood\"}}}]}]}";
        return switch (i % 3) {
            case 0 -> HttpRequest.newBuilder(URI.create(webhook + "/webhooks/meta"))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            case 1 -> HttpRequest.newBuilder(URI.create(webhook + "/webhooks/meta"))
                    .header("X-Hub-Signature-256", "sha256=" + "0".repeat(64))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            default -> HttpRequest.newBuilder(URI.create(webhook
                    + "/webhooks/meta?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=" + i)).build();
        };
    }

    /** Sort keys of every comment, counter, marker and event item in the table: what a delivery would store. */
    private static List<String> engagementKeys(DynamoDbClient dynamo, String table) {
        List<String> prefixes = new ArrayList<>(List.of("COMMENT#", "ENGAGEMENT#", "EVENT#"));
        Stream.of(MarkerKind.values()).forEach(k -> prefixes.add(k.name() + "#"));
        List<String> found = new ArrayList<>();
        for (Map<String, AttributeValue> item : dynamo.scanPaginator(b -> b.tableName(table)).items()) {
            for (String key : List.of("PK", "SK")) {
                String value = item.containsKey(key) ? item.get(key).s() : "";
                if (value != null && prefixes.stream().anyMatch(value::startsWith)) {
                    found.add(key + "=" + value);
                }
            }
        }
        return found;
    }
}
