package socialdesk.postsapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import socialdesk.aws.dynamo.DynamoCadenceStore;
import socialdesk.aws.dynamo.DynamoEngagementStore;
import socialdesk.aws.dynamo.DynamoPostStore;
import socialdesk.aws.testing.Dynalite;
import socialdesk.core.engagement.Author;
import socialdesk.core.engagement.Comment;
import socialdesk.core.engagement.CommentKind;
import socialdesk.core.engagement.CommentVerdict;
import socialdesk.core.engagement.MarkerKind;
import socialdesk.core.engagement.StoredComment;
import socialdesk.core.events.Announcement;
import socialdesk.core.json.Json;
import socialdesk.core.json.JsonRead;
import socialdesk.core.metrics.DeskMetrics;
import socialdesk.core.post.Delivery;
import socialdesk.core.post.Platform;
import socialdesk.core.post.Post;
import socialdesk.core.post.PostStatus;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/** {@code GET /engagement} through the real handler over the real stores in dynalite. */
class EngagementRoutesTest {
    private static final PojoSerializer<APIGatewayV2HTTPEvent> EVENTS =
            LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, EngagementRoutesTest.class.getClassLoader());
    private static final PojoSerializer<APIGatewayV2HTTPResponse> RESPONSES =
            LambdaEventSerializers.serializerFor(APIGatewayV2HTTPResponse.class, EngagementRoutesTest.class.getClassLoader());
    private static final Instant NOW = Instant.parse("2026-12-06T05:00:00Z");
    private static final Instant PUBLISHED_AT = Instant.parse("2026-12-06T06:00:00Z");

    private DynamoPostStore posts;
    private DynamoEngagementStore engagement;
    private PostsApiHandler handler;
    private final AtomicInteger queries = new AtomicInteger();
    private final AtomicInteger scans = new AtomicInteger();

    @BeforeEach
    void freshTable() {
        Dynalite dynalite = Dynalite.shared();
        String table = dynalite.createTable();
        DynamoDbClient counting = dynalite.clients(new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof QueryRequest) {
                    queries.incrementAndGet();
                } else if (context.request() instanceof ScanRequest) {
                    scans.incrementAndGet();
                }
            }
        }).dynamoDb();
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        posts = new DynamoPostStore(counting, table);
        engagement = new DynamoEngagementStore(counting, table);
        handler = new PostsApiHandler(PostsApiWiring.create(posts, new DynamoCadenceStore(counting, table), clock), null,
                new EngagementRoutes(posts, engagement, clock), DeskMetrics.NONE);
    }

    @Test
    void countsEachPublishedPostsCommentsReactionsAndSharesPerPlatformAndHourWithCategories() {
        String launch = published("Our winter menu is here", List.of(Platform.MASTODON, Platform.FACEBOOK));
        String queued = create("Not out yet", "2026-12-06T07:00:00Z", List.of(Platform.MASTODON));
        comment(launch, Platform.MASTODON, "c1", "PRAISE", PUBLISHED_AT.plusSeconds(600));
        comment(launch, Platform.MASTODON, "c2", "CONCERN", PUBLISHED_AT.plusSeconds(1200));
        comment(launch, Platform.FACEBOOK, "c3", "CONCERN", PUBLISHED_AT.plusSeconds(4000));
        comment(launch, Platform.FACEBOOK, "gone", "PRAISE", PUBLISHED_AT.plusSeconds(4100));
        engagement.removeComment(launch, Platform.FACEBOOK, "gone", CommentKind.COMMENT, PUBLISHED_AT.plusSeconds(4200));
        engagement.setMarker(launch, Platform.MASTODON, MarkerKind.REACTION, "p#a", true, PUBLISHED_AT.plusSeconds(300));
        engagement.setMarker(launch, Platform.MASTODON, MarkerKind.REACTION, "p#b", true, PUBLISHED_AT.plusSeconds(400));
        engagement.setMarker(launch, Platform.MASTODON, MarkerKind.REACTION, "p#b", false, PUBLISHED_AT.plusSeconds(500));
        engagement.setMarker(launch, Platform.FACEBOOK, MarkerKind.SHARE, "s1", true, PUBLISHED_AT.plusSeconds(3700));
        engagement.setMarker(queued, Platform.MASTODON, MarkerKind.REACTION, "never", true, PUBLISHED_AT);
        queries.set(0);

        Map<String, Object> body = ok(get(Map.of("from", "2026-12-06", "to", "2026-12-06")));

        assertEquals(true, body.get("complete"));
        List<Object> listed = JsonRead.list(body, "posts");
        assertEquals(1, listed.size(), "the queued post is not listed: " + body);
        assertEquals(launch, JsonRead.string(listed.getFirst(), "id"));
        assertEquals(Map.of("comments", 2L, "replies", 0L, "mentions", 0L, "reactions", 1L, "shares", 0L),
                JsonRead.object(listed.getFirst(), "totals", "mastodon"));
        assertEquals(Map.of("comments", 1L, "replies", 0L, "mentions", 0L, "reactions", 0L, "shares", 1L),
                JsonRead.object(listed.getFirst(), "totals", "facebook"));
        List<Object> hours = JsonRead.list(body, "hours");
        assertEquals(List.of("2026-12-06T06:00:00Z mastodon", "2026-12-06T07:00:00Z facebook"),
                hours.stream().map(h -> JsonRead.string(h, "hour") + " " + JsonRead.string(h, "platform")).toList());
        assertEquals(Map.of("CONCERN", 1L, "PRAISE", 1L), JsonRead.object(hours.getFirst(), "categories"));
        assertEquals(Map.of("CONCERN", 1L), JsonRead.object(hours.get(1), "categories"));
        assertEquals(2, queries.get(), "one listing of the day's posts and one Query of the published post's partition");
        assertEquals(0, scans.get());
    }

    @Test
    void aPlatformFilterKeepsThatPlatformsFiguresOnly() {
        String launch = published("Our winter menu is here", List.of(Platform.MASTODON, Platform.FACEBOOK));
        comment(launch, Platform.MASTODON, "c1", "PRAISE", PUBLISHED_AT.plusSeconds(600));
        comment(launch, Platform.FACEBOOK, "c3", "CONCERN", PUBLISHED_AT.plusSeconds(700));

        Map<String, Object> body = ok(get(Map.of("from", "2026-12-06T00:00:00Z", "to", "2026-12-07T00:00:00Z", "platform", "facebook")));

        assertEquals(List.of("facebook"), List.copyOf(JsonRead.object(JsonRead.list(body, "posts").getFirst(), "totals").keySet()));
        assertEquals(List.of("facebook"), JsonRead.list(body, "hours").stream().map(h -> JsonRead.string(h, "platform")).toList());
    }

    @Test
    void badParametersAre400WithEveryReason() {
        Response bad = get(Map.of("from", "yesterday", "platform", "myspace", "per", "hour"));
        Response backwards = get(Map.of("from", "2026-12-06", "to", "2026-12-01"));
        Response tooLong = get(Map.of("from", "2026-01-01", "to", "2026-12-01"));

        assertEquals(400, bad.status(), bad.raw());
        List<Object> problems = JsonRead.list(bad.body(), "error", "problems");
        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.toString().contains("unknown query parameter 'per'")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.toString().contains("platform 'myspace'")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.toString().startsWith("from ")), problems.toString());
        assertEquals(List.of("to is before from"), JsonRead.list(backwards.body(), "error", "problems"));
        assertEquals(List.of("from and to may be at most 92 days apart"), JsonRead.list(tooLong.body(), "error", "problems"));
        assertEquals(405, call("POST", Map.of()).status());
    }

    @Test
    void withoutARangeItIsTheLastTwoWeeks() {
        Map<String, Object> body = ok(get(Map.of()));

        assertEquals("2026-11-22T05:00:00Z", body.get("from"));
        assertEquals(NOW.toString(), body.get("to"));
        assertEquals(List.of(), body.get("posts"));
    }

    // ------------------------------------------------------------------ helpers

    private String create(String text, String at, List<Platform> platforms) {
        Response created = call("POST", "/posts", Json.write(Map.of("text", text, "at", at,
                "platforms", platforms.stream().map(Platform::id).toList())), Map.of());
        assertEquals(201, created.status(), created.raw());
        return JsonRead.string(created.body(), "id");
    }

    /** A post the publisher has sent to every platform, as it leaves it. */
    private String published(String text, List<Platform> platforms) {
        String id = create(text, PUBLISHED_AT.toString(), platforms);
        Post queued = posts.find(id).orElseThrow();
        socialdesk.core.post.Claim claim = posts.claim(id, PUBLISHED_AT, PUBLISHED_AT.plusSeconds(180), "run-1").orElseThrow();
        for (Platform platform : platforms) {
            posts.recordDelivery(Delivery.pending(id, platform).published("r-" + platform.id(), "https://" + platform.id() + ".example/r"));
        }
        posts.release(claim, PostStatus.PUBLISHED, null, new Announcement(List.of(), queued.dueAt()));
        return id;
    }

    private void comment(String postId, Platform platform, String id, String category, Instant at) {
        engagement.putCommentOnce(new StoredComment(postId, platform, "r-" + platform.id(),
                new Comment(id, CommentKind.COMMENT, new Author("u-" + id, "Someone"), "text of " + id, null, at),
                new CommentVerdict(category, "low", false, "en", List.of(), null, null), false),
                new Announcement(List.of(), Instant.EPOCH));
    }

    private Map<String, Object> ok(Response response) {
        assertEquals(200, response.status(), response.raw());
        return JsonRead.object(response.body());
    }

    private Response get(Map<String, String> query) {
        return call("GET", query);
    }

    private Response call(String method, Map<String, String> query) {
        return call(method, "/engagement", null, query);
    }

    private Response call(String method, String path, String body, Map<String, String> query) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "2.0");
        event.put("rawPath", path);
        StringBuilder raw = new StringBuilder();
        query.forEach((k, v) -> raw.append(raw.isEmpty() ? "" : "&").append(k).append('=').append(v));
        event.put("queryStringParameters", query);
        event.put("rawQueryString", raw.toString());
        event.put("headers", Map.of("content-type", "application/json"));
        event.put("requestContext", Map.of("http", Map.of("method", method, "path", path)));
        if (body != null) {
            event.put("body", body);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RESPONSES.toJson(handler.handleRequest(EVENTS.fromJson(Json.write(event)), null), out);
        String answer = out.toString(StandardCharsets.UTF_8);
        Map<String, Object> response = Json.parseObject(answer);
        return new Response(JsonRead.integer(response, "statusCode").intValue(), Json.parse(JsonRead.string(response, "body")), answer);
    }

    record Response(int status, Object body, String raw) {
    }
}
