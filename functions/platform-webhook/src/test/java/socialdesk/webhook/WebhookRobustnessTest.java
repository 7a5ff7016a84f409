package socialdesk.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static socialdesk.webhook.WebhookTestKit.body;
import static socialdesk.webhook.WebhookTestKit.bodyOf;
import static socialdesk.webhook.WebhookTestKit.sampleEvent;
import static socialdesk.webhook.WebhookTestKit.status;
import static socialdesk.webhook.WebhookTestKit.withSignedBody;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import socialdesk.aws.AwsClients;
import socialdesk.aws.dynamo.DynamoEngagementStore;
import socialdesk.aws.dynamo.DynamoEventOutbox;
import socialdesk.aws.testing.Dynalite;
import socialdesk.aws.testing.PrimingChecks;
import socialdesk.aws.testing.TestContext;
import socialdesk.core.engagement.Counter;
import socialdesk.core.engagement.EngagementIngestion;
import socialdesk.core.engagement.Triage;
import socialdesk.core.events.DomainEvent;
import socialdesk.core.events.OutboxRelay;
import socialdesk.core.post.Platform;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Hostile and failing inputs: mutated bodies, a failing table, a failure halfway through a delivery. */
class WebhookRobustnessTest {
    private static final List<String> SAMPLES = List.of("meta-feed-comment.json", "meta-feed-comment-edit.json",
            "meta-feed-comment-remove.json", "meta-feed-reaction.json", "meta-feed-reaction-remove.json", "meta-feed-share.json",
            "instagram-comment.json", "instagram-mention.json", "x-tweet-create.json", "x-favorite.json",
            "linkedin-comment.json", "linkedin-like.json");

    @Test
    void twelveHundredMutatedSignedBodiesNeverGetA5xxNorEscapeTheHandler_withDynalite() {
        WebhookTestKit kit = new WebhookTestKit().withOurPosts();
        Random random = new Random(20251126);
        Map<Integer, Integer> statuses = new TreeMap<>();
        int cases = 0;
        for (String name : SAMPLES) {
            Map<String, Object> event = sampleEvent(name);
            byte[] original = bodyOf(event);
            for (int i = 0; i < 100; i++) {
                byte[] mutated = Mutations.mutate(original, i, random);
                Map<String, Object> response = kit.invoke(withSignedBody(event, mutated));
                int status = status(response);
                statuses.merge(status, 1, Integer::sum);
                assertTrue(status < 500, () -> name + " mutation " + new String(mutated, StandardCharsets.UTF_8) + " -> " + status);
                assertFalse(body(response).contains("Exception"), body(response));
                cases++;
            }
        }
        assertTrue(cases >= 1000);
        System.out.println("mutated deliveries by status: " + statuses);
    }

    @Test
    void aTableThatIsDownAnswers500SoThePlatformRetries_andSaysNothingAboutWhy() {
        DynamoDbClient down = PrimingChecks.unreachable().dynamoDb();
        Clock clock = Clock.fixed(WebhookTestKit.NOW, ZoneOffset.UTC);
        RecordingEvents events = new RecordingEvents();
        PlatformWebhookHandler handler = new PlatformWebhookHandler(new PlatformWebhooks(WebhookTestKit.allSecrets(),
                new EngagementIngestion(new DynamoEngagementStore(down, "t"), Triage.standard(),
                        new OutboxRelay(events, new DynamoEventOutbox(down, "t")), clock), clock));
        WebhookTestKit kit = new WebhookTestKit();

        Map<String, Object> response = invoke(handler, sampleEvent("meta-feed-comment.json"));

        assertEquals(500, status(response));
        assertEquals("{\"error\":{\"code\":\"internal\",\"message\":\"temporary failure; retry later\"}}", body(response));
        assertTrue(events.all().isEmpty());
        assertEquals(0, kit.itemCount());
    }

    @Test
    void aPayloadTheTableRefusesAnswers400SoThePlatformDoesNotRetryIt_withALoopbackTable() throws Exception {
        // What DynamoDB answers for an item it cannot hold (over 400 KB, a key over 2048 bytes): a retry gets the same.
        HttpServer table = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        AtomicInteger requests = new AtomicInteger();
        table.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            byte[] answer = ("{\"__type\":\"com.amazon.coral.validate#ValidationException\","
                    + "\"message\":\"Item size has exceeded the maximum allowed size\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
            exchange.sendResponseHeaders(400, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        table.start();
        try {
            DynamoDbClient refusing = AwsClients.of(Map.of("AWS_REGION", "us-east-1"), WebhookWiring.AWS_CALLS,
                    URI.create("http://127.0.0.1:" + table.getAddress().getPort()),
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")), List.of()).dynamoDb();
            Clock clock = Clock.fixed(WebhookTestKit.NOW, ZoneOffset.UTC);
            RecordingEvents events = new RecordingEvents();
            PlatformWebhookHandler handler = new PlatformWebhookHandler(new PlatformWebhooks(WebhookTestKit.allSecrets(),
                    new EngagementIngestion(new DynamoEngagementStore(refusing, "t"), Triage.standard(),
                            new OutboxRelay(events, new DynamoEventOutbox(refusing, "t")), clock), clock));

            Map<String, Object> response = invoke(handler, sampleEvent("meta-feed-comment.json"));

            assertEquals(400, status(response));
            assertEquals("{\"error\":{\"code\":\"unstorable\",\"message\":\"payload cannot be stored\"}}", body(response));
            assertTrue(events.all().isEmpty());
            // A refusal is not tried again by the client either: one request, the first lookup.
            assertEquals(1, requests.get());
        } finally {
            table.stop(0);
        }
    }

    private static Map<String, Object> invoke(PlatformWebhookHandler handler, Map<String, Object> event) {
        return WebhookTestKit.asMap(handler.handleRequest(
                WebhookTestKit.functionUrlEvent(socialdesk.core.json.Json.write(event)), TestContext.of("platform-webhook", "r")));
    }

    @Test
    void aFlaggedCommentWhoseEventTheBusRefusedIsStoredAnsweredAndSweptOnceAfterTheDeadline() {
        WebhookTestKit kit = new WebhookTestKit(Triage.standard(), s -> s).withOurPosts();
        Map<String, Object> event = sampleEvent("meta-feed-comment.json");

        kit.events.down(true);
        assertEquals(200, status(kit.invoke(event)), "stored, so the platform need not retry");
        kit.events.down(false);
        assertEquals(200, status(kit.invoke(event)), "a retry anyway finds it stored");
        assertEquals(List.of(), kit.events.ofType("CommentFlagged"));
        assertEquals(0, kit.relay.sweep(WebhookTestKit.NOW), "the writer's invocation could still be running");

        assertEquals(1, kit.relay.sweep(WebhookTestKit.NOW.plusSeconds(3600)));
        assertEquals(0, kit.relay.sweep(WebhookTestKit.NOW.plusSeconds(7200)));

        List<DomainEvent> flagged = kit.events.ofType("CommentFlagged");
        assertEquals(1, flagged.size());
        assertEquals("912837465_3318004412", flagged.getFirst().detail().get("commentId"));
        assertEquals(flagged.getFirst().id(), flagged.getFirst().detail().get(DomainEvent.ID_FIELD));
        assertEquals(1L, kit.store.counters("post-fb", Platform.FACEBOOK).get(Counter.COMMENTS));
    }

    @Test
    void aRedeliveredReactionCountsOnce() {
        WebhookTestKit kit = new WebhookTestKit(Triage.standard(), s -> s).withOurPosts();

        assertEquals(200, status(kit.invoke(sampleEvent("meta-feed-reaction.json"))));
        assertEquals(200, status(kit.invoke(sampleEvent("meta-feed-reaction.json"))));

        assertEquals(1L, kit.store.counters("post-fb", Platform.FACEBOOK).get(Counter.REACTIONS));
    }

    @Test
    void theDesksTriageFlagsAVietnameseCommentWithAReplyInVietnamese() {
        WebhookTestKit kit = new WebhookTestKit(Triage.standard(), s -> s).withOurPosts();

        assertEquals(200, status(kit.invoke(sampleEvent("instagram-comment.json"))));

        List<DomainEvent> flagged = kit.events.ofType("CommentFlagged");
        assertEquals(1, flagged.size());
        Map<String, Object> detail = flagged.getFirst().detail();
        assertEquals("instagram", detail.get("platform"));
        assertEquals("post-ig", detail.get("postId"));
        assertEquals("vi", detail.get("language"));
        assertEquals(List.of("CONCERN"), detail.get("categories"));
        assertEquals("REPLY", detail.get("action"));
        assertFalse(((String) detail.get("suggestedReply")).isBlank());
        assertEquals("hoa.nguyen", detail.get("author"));
    }

    static {
        // The shared dynalite is started once per JVM; touching it here keeps the first test's timing honest.
        Dynalite.shared();
    }

    /** Body mutations: truncation, wrong types, huge numbers, bad UTF-8, deep nesting, byte flips, splices. */
    static final class Mutations {
        private Mutations() {
        }

        static byte[] mutate(byte[] body, int n, Random random) {
            String text = new String(body, StandardCharsets.UTF_8);
            return switch (n % 10) {
                case 0 -> java.util.Arrays.copyOf(body, random.nextInt(body.length));
                case 1 -> replaceValue(text, random, List.of("[]", "{}", "null", "true", "-1", "\"\"", "[[[]]]", "\"x\"")).getBytes(StandardCharsets.UTF_8);
                case 2 -> replaceValue(text, random, List.of("99999999999999999999999999999", "1e999", "-0.0000001",
                        "12345678901234567890123456789012345678901234567890123456789012345", "9223372036854775808",
                        "1E+308", "0.5")).getBytes(StandardCharsets.UTF_8);
                case 3 -> badUtf8(body, random);
                case 4 -> ("{\"object\":\"page\",\"entry\":" + "[".repeat(50 + random.nextInt(5000)) + "]".repeat(random.nextInt(3))).getBytes(StandardCharsets.UTF_8);
                case 5 -> flipBytes(body, random);
                case 6 -> replaceValue(text, random, List.of("\"\\ud800\"", "\"\\u0000\"", "\"" + "é".repeat(300) + "\"",
                        "\"a b\"", "\"" + "9".repeat(250) + "\"", "\"\\\"quoted\\\"\"")).getBytes(StandardCharsets.UTF_8);
                case 7 -> deleteSpan(body, random);
                case 8 -> nest(text, random).getBytes(StandardCharsets.UTF_8);
                default -> duplicateSpan(body, random);
            };
        }

        /** Replaces the value after a random key with one of {@code values}. */
        private static String replaceValue(String text, Random random, List<String> values) {
            List<Integer> colons = new ArrayList<>();
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == ':' && i > 0 && text.charAt(i - 1) == '"') {
                    colons.add(i);
                }
            }
            if (colons.isEmpty()) {
                return text;
            }
            int at = colons.get(random.nextInt(colons.size())) + 1;
            int end = endOfValue(text, at);
            return text.substring(0, at) + values.get(random.nextInt(values.size())) + text.substring(end);
        }

        private static int endOfValue(String text, int start) {
            int depth = 0;
            boolean inString = false;
            for (int i = start; i < text.length(); i++) {
                char c = text.charAt(i);
                if (inString) {
                    if (c == '\\') {
                        i++;
                    } else if (c == '"') {
                        inString = false;
                        if (depth == 0) {
                            return i + 1;
                        }
                    }
                    continue;
                }
                switch (c) {
                    case '"' -> inString = true;
                    case '{', '[' -> depth++;
                    case '}', ']' -> {
                        if (depth == 0) {
                            return i;
                        }
                        depth--;
                        if (depth == 0) {
                            return i + 1;
                        }
                    }
                    case ',' -> {
                        if (depth == 0) {
                            return i;
                        }
                    }
                    default -> {
                    }
                }
            }
            return text.length();
        }

        private static byte[] badUtf8(byte[] body, Random random) {
            byte[] out = body.clone();
            byte[][] bad = {{(byte) 0xC3}, {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF8, (byte) 0x88}, {(byte) 0x80}};
            byte[] b = bad[random.nextInt(bad.length)];
            int at = random.nextInt(Math.max(1, out.length - b.length));
            System.arraycopy(b, 0, out, at, Math.min(b.length, out.length - at));
            return out;
        }

        private static byte[] flipBytes(byte[] body, Random random) {
            byte[] out = body.clone();
            for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
                out[random.nextInt(out.length)] = (byte) random.nextInt(256);
            }
            return out;
        }

        private static byte[] deleteSpan(byte[] body, Random random) {
            int from = random.nextInt(body.length);
            int to = Math.min(body.length, from + 1 + random.nextInt(40));
            byte[] out = new byte[body.length - (to - from)];
            System.arraycopy(body, 0, out, 0, from);
            System.arraycopy(body, to, out, from, body.length - to);
            return out;
        }

        private static byte[] duplicateSpan(byte[] body, Random random) {
            int from = random.nextInt(body.length);
            int to = Math.min(body.length, from + 1 + random.nextInt(60));
            byte[] out = new byte[body.length + (to - from)];
            System.arraycopy(body, 0, out, 0, to);
            System.arraycopy(body, from, out, to, body.length - from);
            return out;
        }

        /** Wraps a random value in deep arrays and objects (sometimes deeper than the parser allows). */
        private static String nest(String text, Random random) {
            int depth = random.nextBoolean() ? 20 + random.nextInt(100) : 200 + random.nextInt(2000);
            String open = random.nextBoolean() ? "[".repeat(depth) : "{\"a\":".repeat(depth);
            String close = open.startsWith("[") ? "]".repeat(depth) : "}".repeat(depth);
            return replaceValue(text, random, List.of(open + "1" + close));
        }
    }
}
