package socialdesk.postsapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import socialdesk.aws.dynamo.DynamoAccountHealthStore;
import socialdesk.aws.dynamo.DynamoCadenceStore;
import socialdesk.aws.dynamo.DynamoPostStore;
import socialdesk.aws.testing.Dynalite;
import socialdesk.core.events.Announcement;
import socialdesk.core.json.Json;
import socialdesk.core.json.JsonRead;
import socialdesk.core.metrics.DeskMetrics;
import socialdesk.core.post.Platform;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/** {@code GET /accounts} through the real handler over the real stores in dynalite. */
class AccountsRoutesTest {
    private static final PojoSerializer<APIGatewayV2HTTPEvent> EVENTS =
            LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, AccountsRoutesTest.class.getClassLoader());
    private static final PojoSerializer<APIGatewayV2HTTPResponse> RESPONSES =
            LambdaEventSerializers.serializerFor(APIGatewayV2HTTPResponse.class, AccountsRoutesTest.class.getClassLoader());
    private static final Instant NOW = Instant.parse("2026-12-06T05:00:00Z");
    private static final String TOKEN = "secret-access-token-never-shown";
    private static final Map<Platform, String> SECRETS = Map.of(
            Platform.MASTODON, Json.write(Map.of("instance", "https://m.example", "accessToken", TOKEN)),
            Platform.LINKEDIN, Json.write(Map.of("accessToken", TOKEN, "expiresAt", "2027-01-31T00:00:00Z")),
            Platform.X, "{not json " + TOKEN);

    private DynamoAccountHealthStore health;
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
        DynamoPostStore posts = new DynamoPostStore(counting, table);
        health = new DynamoAccountHealthStore(counting, table);
        handler = new PostsApiHandler(PostsApiWiring.create(posts, new DynamoCadenceStore(counting, table), clock), null, null,
                new AccountsRoutes(platform -> Optional.ofNullable(SECRETS.get(platform)), health, posts), DeskMetrics.NONE);
    }

    @Test
    void tellsPerPlatformWhetherCredentialsAreStoredTheirExpiryAndHealthButNeverTheSecret() {
        health.markBlocked(Platform.LINKEDIN, "401 invalid token", NOW.minusSeconds(3600), NOW.plusSeconds(600),
                new Announcement(List.of(), NOW));
        queries.set(0);

        Response response = get(Map.of());
        Map<String, Object> byPlatform = byPlatform(ok(response));

        assertFalse(response.raw().contains(TOKEN), "no secret text in the answer");
        assertEquals(Platform.values().length, byPlatform.size());
        assertEquals(true, JsonRead.bool(byPlatform.get("mastodon"), "configured"));
        assertEquals(null, JsonRead.object(byPlatform.get("mastodon")).get("expiresAt"));
        assertEquals("ok", JsonRead.string(byPlatform.get("mastodon"), "health"));
        assertEquals("2027-01-31T00:00:00Z", JsonRead.string(byPlatform.get("linkedin"), "expiresAt"));
        assertEquals("blocked", JsonRead.string(byPlatform.get("linkedin"), "health"));
        assertEquals("401 invalid token", JsonRead.string(byPlatform.get("linkedin"), "reason"));
        assertEquals("2026-12-06T04:00:00Z", JsonRead.string(byPlatform.get("linkedin"), "blockedSince"));
        assertEquals("2026-12-06T05:10:00Z", JsonRead.string(byPlatform.get("linkedin"), "nextProbeAt"));
        assertEquals(true, JsonRead.bool(byPlatform.get("x"), "configured"));
        assertTrue(JsonRead.string(byPlatform.get("x"), "credentialsProblem").contains("not a JSON object"));
        assertEquals(false, JsonRead.bool(byPlatform.get("facebook"), "configured"));
        assertEquals(1 + Platform.values().length, queries.get(), "one Query of the account items and one of each evergreen rotation");
        assertEquals(0, scans.get());
    }

    @Test
    void listsTheEvergreenRotationLongestAgoFirst() {
        String older = create("Our opening hours", "2026-12-07T09:00:00Z");
        String newer = create("How to find us", "2026-12-09T09:00:00Z");
        create("Only once", "2026-12-08T09:00:00Z", false);

        Object mastodon = byPlatform(ok(get(Map.of("platform", "mastodon")))).values().iterator().next();
        List<Object> rotation = JsonRead.list(mastodon, "evergreen");

        assertEquals(List.of(older, newer), rotation.stream().map(e -> JsonRead.string(e, "originalId")).toList());
        assertEquals(List.of("2026-12-07T09:00:00Z", "2026-12-09T09:00:00Z"),
                rotation.stream().map(e -> JsonRead.string(e, "lastAt")).toList());
        assertEquals(older, JsonRead.string(rotation.getFirst(), "latestPostId"));
        assertEquals(true, JsonRead.bool(mastodon, "evergreenComplete"));
    }

    @Test
    void badParametersAre400WithEveryReason() {
        Response bad = get(Map.of("platform", "myspace", "per", "hour"));

        assertEquals(400, bad.status(), bad.raw());
        List<Object> problems = JsonRead.list(bad.body(), "error", "problems");
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.toString().contains("unknown query parameter 'per'")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.toString().contains("platform 'myspace'")), problems.toString());
        assertEquals(405, call("POST", "/accounts", null, Map.of()).status());
    }

    // ------------------------------------------------------------------ helpers

    private String create(String text, String at) {
        return create(text, at, true);
    }

    private String create(String text, String at, boolean evergreen) {
        Response created = call("POST", "/posts", Json.write(Map.of("text", text, "at", at,
                "platforms", List.of("mastodon"), "evergreen", evergreen)), Map.of());
        assertEquals(201, created.status(), created.raw());
        return JsonRead.string(created.body(), "id");
    }

    private static Map<String, Object> byPlatform(Map<String, Object> body) {
        Map<String, Object> out = new LinkedHashMap<>();
        JsonRead.list(body, "accounts").forEach(a -> out.put(JsonRead.string(a, "platform"), a));
        return out;
    }

    private Map<String, Object> ok(Response response) {
        assertEquals(200, response.status(), response.raw());
        return JsonRead.object(response.body());
    }

    private Response get(Map<String, String> query) {
        return call("GET", "/accounts", null, query);
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
