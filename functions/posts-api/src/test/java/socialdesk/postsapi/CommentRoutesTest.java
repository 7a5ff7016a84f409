package socialdesk.postsapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.amazonaws.services.lambda.runtime.tests.annotations.Events;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import socialdesk.aws.dynamo.DynamoCadenceStore;
import socialdesk.aws.dynamo.DynamoEngagementStore;
import socialdesk.aws.dynamo.DynamoPostStore;
import socialdesk.aws.dynamo.DynamoReplyStore;
import socialdesk.aws.testing.Dynalite;
import socialdesk.core.engagement.Author;
import socialdesk.core.engagement.Comment;
import socialdesk.core.engagement.CommentKind;
import socialdesk.core.engagement.CommentVerdict;
import socialdesk.core.engagement.StoredComment;
import socialdesk.core.events.DomainEvent;
import socialdesk.core.json.Json;
import socialdesk.core.json.JsonRead;
import socialdesk.core.metrics.DeskMetrics;
import socialdesk.core.platform.ContentRules;
import socialdesk.core.platform.PlatformRules;
import socialdesk.core.post.Platform;
import socialdesk.core.publish.PublishOutcome;
import socialdesk.core.reply.CommentResponder;
import socialdesk.core.reply.HideRequest;
import socialdesk.core.reply.ReplyRequest;
import socialdesk.core.reply.Responders;

/**
 * The comment routes through the real handler, stores on dynalite, and a platform that records
 * what it is asked (the adapters' own calls are tested against loopback fakes in infra/platforms).
 */
class CommentRoutesTest {
    private static final PojoSerializer<APIGatewayV2HTTPEvent> EVENTS =
            LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, CommentRoutesTest.class.getClassLoader());
    private static final PojoSerializer<APIGatewayV2HTTPResponse> RESPONSES =
            LambdaEventSerializers.serializerFor(APIGatewayV2HTTPResponse.class, CommentRoutesTest.class.getClassLoader());
    private static final Instant NOW = Instant.parse("2026-12-06T05:00:00Z");
    private static final String CALLER = "arn:aws:iam::123456789012:user/ana";
    private static final String BLUESKY_ID = "at://did:plc:someone234567abcdefghijk/app.bsky.feed.post/3lbcomment2222";

    private final List<String> sent = new CopyOnWriteArrayList<>();
    private final List<DomainEvent> events = new CopyOnWriteArrayList<>();
    private PostsApiHandler handler;
    private DynamoEngagementStore engagement;

    @BeforeEach
    void freshTable() {
        Dynalite dynalite = Dynalite.shared();
        String table = dynalite.createTable();
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        engagement = new DynamoEngagementStore(dynalite.client(), table);
        Responders responders = new Responders() {
            @Override
            public Optional<CommentResponder> find(Platform platform) {
                return platform == Platform.DISCORD ? Optional.empty() : Optional.of(new Recording(platform));
            }

            @Override
            public Optional<String> cannotReply(Platform platform) {
                return platform == Platform.DISCORD ? Optional.of("discord: the desk only posts there") : Optional.empty();
            }
        };
        handler = new PostsApiHandler(PostsApiWiring.create(new DynamoPostStore(dynalite.client(), table),
                new DynamoCadenceStore(dynalite.client(), table), clock),
                PostsApiWiring.comments(new DynamoReplyStore(dynalite.client(), table), responders, events::addAll, clock, DeskMetrics.NONE),
                DeskMetrics.NONE);
        store(Platform.FACEBOOK, "104_555_9000", "high");
        store(Platform.BLUESKY, BLUESKY_ID, "medium");
        store(Platform.DISCORD, "d1", "high");
    }

    private void store(Platform platform, String id, String severity) {
        engagement.putCommentOnce(new StoredComment("post-1", platform, "remote-1",
                new Comment(id, CommentKind.COMMENT, new Author("u1", "Minh Tran"), "I was charged twice for order 4411", null,
                        NOW.minusSeconds(600)),
                new CommentVerdict("CONCERN", severity, true, "en", List.of("charged twice"), "REPLY",
                        "We're sorry about the double charge. Please message us your order number and we'll fix it today."), false), new socialdesk.core.events.Announcement(java.util.List.of(), java.time.Instant.EPOCH)).isPresent();
    }

    @Test
    void showsTheCommentWithItsSuggestionThenAnswersItOnceAndSaysSoOnARetry() {
        Map<String, Object> shown = object(call("GET", "/comments/facebook/104_555_9000", null), 200);
        assertEquals("NEW", shown.get("state"));
        assertTrue(String.valueOf(shown.get("suggestedReply")).startsWith("We're sorry"));

        Map<String, Object> first = object(call("POST", "/comments/facebook/104_555_9000/reply", "{\"acceptSuggestion\": true}"), 201);
        Map<String, Object> again = object(call("POST", "/comments/facebook/104_555_9000/reply", "{\"acceptSuggestion\": true}"), 200);

        assertEquals("SENT", first.get("status"));
        assertEquals(CALLER, first.get("approvedBy"));
        assertEquals(false, first.get("alreadySent"));
        assertEquals(true, again.get("alreadySent"));
        assertEquals(first.get("replyId"), again.get("replyId"));
        assertEquals(1, sent.size());
        assertEquals("CommentAnswered", events.getFirst().detailType());
        Map<String, Object> answered = object(call("GET", "/comments/facebook/104_555_9000", null), 200);
        assertEquals("ANSWERED", answered.get("state"));
        assertEquals(CALLER, answered.get("stateBy"));
    }

    @Test
    void aCommentIdIsOnePercentEncodedSegment() {
        String path = "/comments/bluesky/" + URLEncoder.encode(BLUESKY_ID, StandardCharsets.UTF_8) + "/reply";

        object(call("POST", path, "{\"text\": \"Thanks, we are on it.\"}"), 201);

        assertEquals(List.of("bluesky " + BLUESKY_ID + ": Thanks, we are on it."), sent);
    }

    @Test
    void refusalsAreClear4xxAnswers() {
        assertError(call("POST", "/comments/facebook/nope/reply", "{\"acceptSuggestion\": true}"), 404, "comment_not_found");
        assertError(call("POST", "/comments/myspace/1/reply", "{\"acceptSuggestion\": true}"), 404, "platform_not_found");
        assertError(call("POST", "/comments/discord/d1/reply", "{\"acceptSuggestion\": true}"), 422, "platform_cannot");
        assertError(call("POST", "/comments/facebook/104_555_9000/reply", "{\"text\": 5}"), 400, "invalid_body");
        assertError(call("POST", "/comments/facebook/104_555_9000/reply", "{}"), 400, "invalid_request");
        assertError(call("POST", "/comments/facebook/104_555_9000/reply",
                "{\"text\": \"Shut up you stupid idiot, you are a liar and a moron\"}"), 422, "reads_as_abuse");
        assertError(call("GET", "/comments", null, Map.of("state", "LOST")), 400, "invalid_state");
        assertError(call("DELETE", "/comments/facebook/104_555_9000", null), 405, "method_not_allowed");
        assertEquals(List.of(), sent);
    }

    @Test
    void listsByStateAndSeverityAndHidesShowsAndDismisses() {
        assertEquals(3, list(Map.of("state", "NEW")).size());
        assertEquals(List.of("medium"), list(Map.of("state", "NEW", "severity", "medium")).stream().map(c -> c.get("severity")).toList());

        assertEquals("HIDDEN", object(call("POST", "/comments/facebook/104_555_9000/hide", null), 200).get("state"));
        assertEquals("DISMISSED", object(call("POST", "/comments/discord/d1/dismiss", "{\"reason\": \"a regular joking\"}"), 200).get("state"));

        assertEquals(1, list(Map.of("state", "NEW")).size());
        assertEquals(List.of("104_555_9000"), list(Map.of("state", "HIDDEN")).stream().map(c -> c.get("commentId")).toList());
        assertEquals("a regular joking", list(Map.of("state", "DISMISSED")).getFirst().get("dismissReason"));
        assertEquals("NEW", object(call("POST", "/comments/facebook/104_555_9000/unhide", null), 200).get("state"));
        assertError(call("POST", "/comments/facebook/104_555_9000/dismiss", "{}"), 400, "invalid_request");
    }

    /** The sample requests in events/, as Lambda's runtime reads them, on the sample comment of events/comment-flagged-high.json. */
    @ParameterizedTest
    @Events(type = APIGatewayV2HTTPEvent.class, events = {
            @Event("events/posts-api-list-comments.json"), @Event("events/posts-api-reply.json")})
    void theSampleRequestsSucceed(APIGatewayV2HTTPEvent sample) {
        store(Platform.FACEBOOK, "912837465_3318004412", "high");

        APIGatewayV2HTTPResponse response = handler.handleRequest(sample, null);

        assertTrue(response.getStatusCode() == 200 || response.getStatusCode() == 201, response.getBody());
        assertTrue(response.getBody().contains("912837465_3318004412"), response.getBody());
    }

    private List<Map<String, Object>> list(Map<String, String> query) {
        Response r = call("GET", "/comments", null, query);
        assertEquals(200, r.status(), r.body().toString());
        List<Map<String, Object>> out = new ArrayList<>();
        JsonRead.list(r.body(), "comments").forEach(c -> out.add(JsonRead.object(c)));
        return out;
    }

    private static Map<String, Object> object(Response r, int status) {
        assertEquals(status, r.status(), String.valueOf(r.body()));
        return JsonRead.object(r.body());
    }

    private static void assertError(Response r, int status, String code) {
        assertEquals(status, r.status(), String.valueOf(r.body()));
        assertEquals(code, JsonRead.string(r.body(), "error", "code"), String.valueOf(r.body()));
        assertTrue(JsonRead.string(r.body(), "error", "message").length() > 10);
    }

    private Response call(String method, String path, String body) {
        return call(method, path, body, null);
    }

    private Response call(String method, String path, String body, Map<String, String> query) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "2.0");
        event.put("rawPath", path);
        StringBuilder raw = new StringBuilder();
        if (query != null) {
            query.forEach((k, v) -> raw.append(raw.isEmpty() ? "" : "&").append(k).append('=').append(v));
            event.put("queryStringParameters", query);
        }
        event.put("rawQueryString", raw.toString());
        event.put("headers", Map.of("content-type", "application/json"));
        event.put("requestContext", Map.of("http", Map.of("method", method, "path", path),
                "authorizer", Map.of("iam", Map.of("userArn", CALLER, "accountId", "123456789012"))));
        if (body != null) {
            event.put("body", body);
        }
        event.put("isBase64Encoded", false);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RESPONSES.toJson(handler.handleRequest(EVENTS.fromJson(Json.write(event)), null), out);
        Map<String, Object> response = Json.parseObject(out.toString(StandardCharsets.UTF_8));
        return new Response(JsonRead.integer(response, "statusCode").intValue(), Json.parse(JsonRead.string(response, "body")));
    }

    record Response(int status, Object body) {
    }

    /** Records each reply it is asked to post and answers it posted. */
    private final class Recording implements CommentResponder {
        private final Platform platform;

        Recording(Platform platform) {
            this.platform = platform;
        }

        @Override
        public Platform platform() {
            return platform;
        }

        @Override
        public ContentRules rules() {
            return PlatformRules.standard().get(platform);
        }

        @Override
        public boolean idempotent() {
            return false;
        }

        @Override
        public PublishOutcome reply(ReplyRequest request) {
            sent.add(platform.id() + " " + request.commentId() + ": " + request.text());
            return new PublishOutcome.Published("r" + sent.size(), "https://" + platform.id() + ".example/r" + sent.size());
        }

        @Override
        public PublishOutcome setHidden(HideRequest request, boolean hidden) {
            return new PublishOutcome.Published(request.commentId(), null);
        }
    }
}
