package socialdesk.postsapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.amazonaws.services.lambda.runtime.tests.annotations.Events;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import socialdesk.aws.dynamo.DynamoCadenceStore;
import socialdesk.aws.dynamo.DynamoPostStore;
import socialdesk.aws.testing.Dynalite;
import socialdesk.core.json.Json;
import socialdesk.core.json.JsonRead;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * The posts API end to end: the real handler fed function URL events (the samples in events/ and
 * events built here), over the real stores in dynalite on loopback.
 */
class PostsApiHandlerTest {
    private static final PojoSerializer<APIGatewayV2HTTPEvent> EVENTS =
            LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, PostsApiHandlerTest.class.getClassLoader());
    private static final PojoSerializer<APIGatewayV2HTTPResponse> RESPONSES =
            LambdaEventSerializers.serializerFor(APIGatewayV2HTTPResponse.class, PostsApiHandlerTest.class.getClassLoader());
    /** Thursday 26 November 2026, 15:30 in Ho Chi Minh City. */
    private static final Instant NOW = Instant.parse("2026-11-26T08:30:00Z");
    private static final String CADENCE_HCM = """
            {"timezone": "Asia/Ho_Chi_Minh", "slots": [{"days": ["MON", "TUE", "WED", "THU", "FRI"], "times": ["09:00", "13:30"]}]}""";

    private DynamoPostStore store;
    private PostsApiHandler handler;

    @BeforeEach
    void freshTable() {
        Dynalite dynalite = Dynalite.shared();
        String table = dynalite.createTable();
        store = new DynamoPostStore(dynalite.client(), table);
        handler = new PostsApiHandler(PostsApiWiring.create(store, new DynamoCadenceStore(dynalite.client(), table),
                Clock.fixed(NOW, ZoneOffset.UTC)));
    }

    // ------------------------------------------------------------------ the sample requests

    /** Each request in events/, read by aws-lambda-java-tests as Lambda's runtime reads it, on the sample post and cadences. */
    @ParameterizedTest
    @Events(type = APIGatewayV2HTTPEvent.class, events = {
            @Event("events/posts-api-create.json"), @Event("events/posts-api-create-next-slot.json"),
            @Event("events/posts-api-get.json"), @Event("events/posts-api-list.json"), @Event("events/posts-api-update.json"),
            @Event("events/posts-api-cancel.json"), @Event("events/posts-api-put-cadence.json")})
    void everySampleRequestSucceedsOnceTheSamplePostAndCadencesExist(APIGatewayV2HTTPEvent sampleRequest) throws IOException {
        assertEquals(200, call(sample("posts-api-put-cadence.json")).status());
        assertEquals(200, call(request("PUT", "/cadence/bluesky", null, """
                {"timezone": "Asia/Bangkok", "slots": [{"days": ["MON", "TUE", "WED", "THU", "FRI"], "times": ["13:30"]}]}""")).status());
        String samplePost = call(sample("posts-api-create.json")).string("id");

        Response response = call(sampleRequest);

        assertTrue(response.status() == 200 || response.status() == 201, response::raw);
        assertNull(response.errorCode(), response::raw);
        if (sampleRequest.getRawPath().startsWith("/posts/")) {
            assertEquals("/posts/" + samplePost, sampleRequest.getRawPath());
            assertEquals(samplePost, response.string("id"));
        }
    }

    // ------------------------------------------------------------------ create, idempotency

    @Test
    void createsThePostOfTheSampleEventAndAnswersTheSamePostToARetry() throws IOException {
        Response first = call(sample("posts-api-create.json"));
        Response again = call(sample("posts-api-create.json"));

        assertEquals(201, first.status(), first.body().toString());
        assertEquals("/posts/" + first.string("id"), first.headers().get("location"));
        assertEquals("2026-12-01T02:00:00Z", first.string("dueAt"));
        assertEquals(List.of("mastodon", "bluesky"), JsonRead.list(first.body(), "platforms"));
        assertEquals(true, JsonRead.bool(first.body(), "evergreen"));
        assertEquals(200, again.status());
        assertEquals(first.body(), again.body());
        assertEquals(1, store.list(new socialdesk.core.post.PostQuery(Set.of(), NOW, NOW.plusSeconds(86400 * 30), 10, null)).posts().size());
    }

    @Test
    void aCreateWhoseFirstAnswerIsLostIsStillCreatedOnceAndAnswered201() {
        AtomicInteger puts = new AtomicInteger();
        DynamoPostStore lossyStore = handlerOverAnswersTurnedInto500(
                request -> request instanceof PutItemRequest && puts.getAndIncrement() == 0);

        Response created = call(request("POST", "/posts", null, """
                {"text": "Hello", "platforms": ["mastodon"], "at": "2026-12-01T09:00:00+07:00"}"""));

        assertEquals(201, created.status(), created.raw());
        assertTrue(puts.get() >= 2, "the SDK sent the put again after the lost answer");
        assertEquals(1, lossyStore.list(new socialdesk.core.post.PostQuery(Set.of(), NOW, NOW.plusSeconds(86400 * 30), 10, null))
                .posts().size());
    }

    @Test
    void aTableThatKeepsFailingIsA503WithRetryAfterNotA500() {
        handlerOverAnswersTurnedInto500(request -> request instanceof GetItemRequest);

        Response answer = call(request("GET", "/posts/0b6f3a52-2f4b-4c1e-9d51-7e0f6d8e4c11", null, null));

        assertEquals(503, answer.status(), answer.raw());
        assertEquals("busy", answer.errorCode());
        assertEquals("1", answer.headers().get("retry-after"));
    }

    /**
     * Points the handler at a fresh table through a client whose chosen requests are applied by
     * dynalite but answered 500, as when DynamoDB's answer is lost: the SDK then retries them.
     */
    private DynamoPostStore handlerOverAnswersTurnedInto500(Predicate<SdkRequest> lose) {
        Dynalite dynalite = Dynalite.shared();
        String table = dynalite.createTable();
        ExecutionInterceptor loseAnswers = new ExecutionInterceptor() {
            @Override
            public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
                return lose.test(context.request()) ? context.httpResponse().toBuilder().statusCode(500).build() : context.httpResponse();
            }

            @Override
            public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
                return context.httpResponse().statusCode() == 500
                        ? Optional.of(new ByteArrayInputStream("{\"__type\":\"InternalServerError\"}".getBytes(StandardCharsets.UTF_8)))
                        : context.responseBody();
            }
        };
        DynamoDbClient lossy = dynalite.clients(loseAnswers).dynamoDb();
        DynamoPostStore lossyStore = new DynamoPostStore(lossy, table);
        handler = new PostsApiHandler(PostsApiWiring.create(lossyStore, new DynamoCadenceStore(lossy, table),
                Clock.fixed(NOW, ZoneOffset.UTC)));
        return lossyStore;
    }

    @Test
    void aClientTokenReusedForAnotherRequestIsRefusedWithItsOwnCode() {
        Response first = call(request("POST", "/posts", null, """
                {"text": "Hello", "platforms": ["mastodon"], "at": "2026-12-01T09:00:00+07:00", "clientToken": "t-1"}"""));
        Response other = call(request("POST", "/posts", null, """
                {"text": "Hello, again", "platforms": ["mastodon"], "at": "2026-12-01T09:00:00+07:00", "clientToken": "t-1"}"""));
        Response noToken = call(request("POST", "/posts", null, """
                {"text": "Hello", "platforms": ["mastodon"], "at": "2026-12-01T09:00:00+07:00"}"""));

        assertEquals(201, first.status());
        assertEquals(422, other.status());
        assertEquals("client_token_reused", other.errorCode());
        assertEquals(201, noToken.status());
        assertNotEquals(first.string("id"), noToken.string("id"));
    }

    @Test
    void theSameRequestWithAnImagesKeysInAnotherOrderIsTheSamePost() {
        Response first = call(request("POST", "/posts", null, """
                {"text": "Hello", "platforms": ["mastodon"], "at": "2026-12-01T09:00:00+07:00", "clientToken": "t-img",
                 "images": [{"url": "https://cdn.example.com/a.jpg", "alt": "A sign"}]}"""));
        Response again = call(request("POST", "/posts", null, """
                {"clientToken": "t-img", "images": [{"alt": "A sign", "url": "https://cdn.example.com/a.jpg"}],
                 "at": "2026-12-01T09:00:00+07:00", "platforms": ["mastodon"], "text": "Hello"}"""));
        Response changed = call(request("POST", "/posts", null, """
                {"text": "Hello", "platforms": ["mastodon"], "at": "2026-12-01T09:00:00+07:00", "clientToken": "t-img",
                 "images": [{"alt": "Another sign", "url": "https://cdn.example.com/a.jpg"}]}"""));

        assertEquals(201, first.status());
        assertEquals(200, again.status(), "a retry whose JSON names the keys in another order");
        assertEquals(first.string("id"), again.string("id"));
        assertEquals(422, changed.status());
    }

    @Test
    void listsEveryProblemWithADraftAtOnce() {
        Response response = call(request("POST", "/posts", null, """
                {"text": "%s", "link": "not a link", "platforms": ["bluesky", "myspace"], "at": "tomorrow at nine",
                 "evergreen": "yes", "platfrom": "x"}""".formatted("é".repeat(301))));

        assertEquals(400, response.status());
        assertEquals("validation_failed", response.errorCode());
        List<Object> problems = JsonRead.list(response.body(), "error", "problems");
        assertEquals(6, problems.size(), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.toString().startsWith("unknown field 'platfrom'")));
        assertTrue(problems.stream().anyMatch(p -> p.toString().contains("myspace")));
        assertTrue(problems.stream().anyMatch(p -> p.toString().startsWith("link")));
        assertTrue(problems.stream().anyMatch(p -> p.toString().startsWith("bluesky:")));
        assertTrue(problems.stream().anyMatch(p -> p.toString().startsWith("at 'tomorrow at nine'")));
        assertTrue(problems.stream().anyMatch(p -> p.toString().startsWith("evergreen")));
    }

    @Test
    void refusesATimeInThePastAndAskingForBothATimeAndTheNextSlot() {
        Response past = call(request("POST", "/posts", null, """
                {"text": "Hi", "platforms": ["mastodon"], "at": "2026-11-01T09:00:00Z"}"""));
        Response both = call(request("POST", "/posts", null, """
                {"text": "Hi", "platforms": ["mastodon"], "at": "2026-12-01T09:00:00Z", "nextSlot": true}"""));
        Response noSlots = call(request("POST", "/posts", null, """
                {"text": "Hi", "platforms": ["mastodon"], "nextSlot": true}"""));

        assertEquals(List.of("at 2026-11-01T09:00:00Z is in the past"), JsonRead.list(past.body(), "error", "problems"));
        assertEquals(List.of("give either at or nextSlot: true, not both"), JsonRead.list(both.body(), "error", "problems"));
        assertTrue(JsonRead.list(noSlots.body(), "error", "problems").getFirst().toString().startsWith("mastodon: no posting slots are set"));
    }

    @Test
    void refusesATimeMoreThanTwoYearsAheadAndTextThatIsNotUnicode() {
        Response farFuture = call(request("POST", "/posts", null, """
                {"text": "Hi", "platforms": ["mastodon"], "at": "9999-01-01T09:00:00Z"}"""));
        Response loneSurrogate = call(request("POST", "/posts", null, """
                {"text": "Hi \\ud83d there", "platforms": ["mastodon"], "at": "2026-12-01T09:00:00Z"}"""));

        assertEquals(List.of("at 9999-01-01T09:00:00Z is more than 732 days ahead (the latest accepted now is 2028-11-27T08:30:00Z)"),
                JsonRead.list(farFuture.body(), "error", "problems"));
        assertEquals(List.of("text is not valid Unicode: a lone UTF-16 surrogate (U+D83D) at character 4"),
                JsonRead.list(loneSurrogate.body(), "error", "problems"));
    }

    @Test
    void acceptsATimeWithItsZoneInBracketsWhenTheOffsetIsTheZones() {
        Response zoned = call(request("POST", "/posts", null, """
                {"text": "Hi", "platforms": ["mastodon"], "at": "2027-01-01T09:00:00+07:00[Asia/Ho_Chi_Minh]"}"""));
        Response wrongOffset = call(request("POST", "/posts", null, """
                {"text": "Hi", "platforms": ["mastodon"], "at": "2027-01-01T09:00:00+08:00[Asia/Ho_Chi_Minh]"}"""));

        assertEquals(201, zoned.status(), zoned.body().toString());
        assertEquals("2027-01-01T02:00:00Z", zoned.string("dueAt"));
        assertEquals(List.of("at '2027-01-01T09:00:00+08:00[Asia/Ho_Chi_Minh]': the offset +08:00 is not Asia/Ho_Chi_Minh's"
                        + " offset at that time (+07:00)"),
                JsonRead.list(wrongOffset.body(), "error", "problems"));
    }

    // ------------------------------------------------------------------ slots

    @Test
    void nextSlotTakesTheEarliestSlotFreeOnEveryPlatform() throws IOException {
        assertEquals(200, call(sample("posts-api-put-cadence.json")).status());
        assertEquals(200, call(request("PUT", "/cadence/bluesky", null, """
                {"timezone": "Asia/Bangkok", "slots": [{"days": ["mon", "Tuesday", "WED", "THU", "FRI"], "times": ["13:30"]}]}""")).status());
        // Mastodon alone takes Friday 09:00 local.
        Response mastodonOnly = call(request("POST", "/posts", null, """
                {"text": "Morning", "platforms": ["mastodon"], "nextSlot": true}"""));

        Response first = call(sample("posts-api-create-next-slot.json"));
        Response second = call(request("POST", "/posts", null, """
                {"text": "Another tip", "platforms": ["bluesky", "mastodon"], "nextSlot": true}"""));

        assertEquals("2026-11-27T02:00:00Z", mastodonOnly.string("dueAt"));
        // Thursday 13:30 is past (it is 15:30); Friday 13:30 is the first slot both share.
        assertEquals("2026-11-27T06:30:00Z", first.string("dueAt"));
        // Then the following Monday 13:30: the weekend has no slots.
        assertEquals("2026-11-30T06:30:00Z", second.string("dueAt"));
        Response cadence = call(request("GET", "/cadence/mastodon", null, null));
        assertEquals(Json.parse("""
                {"platform": "mastodon", "timezone": "Asia/Ho_Chi_Minh",
                 "slots": [{"days": ["MON", "TUE", "WED", "THU", "FRI"], "times": ["09:00", "13:30"]}],
                 "runwayTargetDays": 3, "evergreenMinGapDays": 30}"""), cadence.body());
    }

    @Test
    void aCadenceWithProblemsNamesThemAll() {
        Response response = call(request("PUT", "/cadence/mastodon", null, """
                {"timezone": "Mars/Olympus", "slots": [{"days": ["Funday"], "times": ["25:00", "9am"]}], "runwayTargetDays": 0}"""));
        Response unknownPlatform = call(request("GET", "/cadence/myspace", null, null));
        Response notSet = call(request("GET", "/cadence/bluesky", null, null));

        assertEquals(400, response.status());
        assertEquals(5, JsonRead.list(response.body(), "error", "problems").size(), response.body().toString());
        assertEquals(404, unknownPlatform.status());
        assertEquals(404, notSet.status());
        assertEquals("cadence_not_found", notSet.errorCode());
    }

    // ------------------------------------------------------------------ show, edit, cancel

    @Test
    void showsAPostWithADeliveryPerPlatform() throws IOException {
        String id = call(sample("posts-api-create.json")).string("id");

        Response shown = call(request("GET", "/posts/" + id, null, null));

        assertEquals(200, shown.status());
        List<Object> deliveries = JsonRead.list(shown.body(), "deliveries");
        assertEquals(List.of("mastodon", "bluesky"), deliveries.stream().map(d -> JsonRead.string(d, "platform")).toList());
        assertTrue(deliveries.stream().allMatch(d -> "PENDING".equals(JsonRead.string(d, "status"))));
        assertEquals(404, call(request("GET", "/posts/no-such-post", null, null)).status());
        assertEquals("post_not_found", call(request("GET", "/posts/no%20such", null, null)).errorCode());
    }

    @Test
    void reschedulingMovesThePostOnTheDueIndexAndChecksTheVersion() {
        String id = create("Launch", "2026-12-01T09:00:00+07:00");

        Response moved = call(request("PATCH", "/posts/" + id, null, """
                {"at": "2026-12-02T13:30:00+07:00", "text": "Launch day", "platforms": ["mastodon", "bluesky"], "version": 1}"""));
        Response stale = call(request("PATCH", "/posts/" + id, null, """
                {"text": "Launch!", "version": 1}"""));

        assertEquals(200, moved.status(), moved.body().toString());
        assertEquals("2026-12-02T06:30:00Z", moved.string("dueAt"));
        assertEquals(2L, JsonRead.integer(moved.body(), "version"));
        assertEquals("Launch day", store.find(id).orElseThrow().content().text());
        assertEquals(List.of(), store.findDue(Instant.parse("2026-12-01T03:00:00Z"), 10));
        assertEquals(List.of(id), store.findDue(Instant.parse("2026-12-02T06:30:00Z"), 10));
        assertEquals(2, store.deliveries(id).size());
        assertEquals(409, stale.status());
        assertEquals("version_mismatch", stale.errorCode());
    }

    @Test
    void anEditIsValidatedAgainstEveryTargetPlatform() {
        String id = create("Short", "2026-12-01T09:00:00+07:00");

        Response response = call(request("PATCH", "/posts/" + id, null, """
                {"text": "%s", "platforms": ["mastodon", "bluesky"]}""".formatted("x".repeat(501))));

        assertEquals(400, response.status());
        assertEquals(2, JsonRead.list(response.body(), "error", "problems").size(), response.body().toString());
        assertEquals("Short", store.find(id).orElseThrow().content().text());
    }

    @Test
    void cancellingTakesThePostOffTheQueueAndIsIdempotent() throws IOException {
        String id = create("To be cancelled", "2026-12-01T09:00:00+07:00");

        Response cancelled = call(request("DELETE", "/posts/" + id, null, null));
        Response again = call(request("DELETE", "/posts/" + id, null, null));
        Response edit = call(request("PATCH", "/posts/" + id, null, "{\"text\": \"too late\"}"));

        assertEquals(200, cancelled.status());
        assertEquals("CANCELLED", cancelled.string("status"));
        assertEquals(200, again.status());
        assertEquals(false, JsonRead.bool(cancelled.body(), "alreadyCancelled"));
        assertEquals(true, JsonRead.bool(again.body(), "alreadyCancelled"));
        assertEquals(JsonRead.integer(cancelled.body(), "version"), JsonRead.integer(again.body(), "version"));
        assertEquals(List.of(), store.findDue(Instant.parse("2027-01-01T00:00:00Z"), 10));
        assertEquals(409, edit.status());
        assertEquals("post_cancelled", edit.errorCode());
        assertEquals(404, call(request("DELETE", "/posts/missing", null, null)).status());
    }

    @Test
    void editsAndCancelsAreRefusedOncePublishingStarted() {
        String id = create("Going out", "2026-11-26T08:30:00Z");
        Instant due = Instant.parse("2026-11-26T08:30:00Z");
        assertTrue(store.claim(id, due, due.plusSeconds(180), "run-1").isPresent());

        Response edit = call(request("PATCH", "/posts/" + id, null, "{\"text\": \"changed my mind\"}"));
        Response cancel = call(request("DELETE", "/posts/" + id, null, null));

        assertEquals(409, edit.status());
        assertEquals("publishing_started", edit.errorCode());
        assertEquals(409, cancel.status());
        assertEquals("publishing_started", cancel.errorCode());
        assertEquals("Going out", store.find(id).orElseThrow().content().text());
    }

    // ------------------------------------------------------------------ listing

    @Test
    void pagesThroughEveryPostOnceInDueOrderAcrossMonths() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            // Every third day from 27 November: the posts span three month partitions.
            created.add(create("Post " + i, NOW.plusSeconds(86400L * (1 + 3 * i)).toString()));
        }
        List<String> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String next = null;
        do {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("limit", "10");
            query.put("to", "2027-03-31");
            if (next != null) {
                query.put("next", next);
            }
            Response page = call(request("GET", "/posts", query, null));
            assertEquals(200, page.status(), page.body().toString());
            List<Object> posts = JsonRead.list(page.body(), "posts");
            sizes.add(posts.size());
            posts.forEach(p -> seen.add(JsonRead.string(p, "id")));
            next = JsonRead.string(page.body(), "next");
        } while (next != null);

        assertEquals(List.of(10, 10, 5), sizes);
        assertEquals(created, seen);
        assertEquals(25, new HashSet<>(seen).size());
    }

    @Test
    void filtersByStatusAndDateRange() throws IOException {
        String december1 = create("One", "2026-12-01T09:00:00Z");
        String december2 = create("Two", "2026-12-02T09:00:00Z");
        String january = create("Three", "2027-01-05T09:00:00Z");
        call(request("DELETE", "/posts/" + december2, null, null));

        List<String> queued = ids(call(sample("posts-api-list.json")));
        List<String> cancelled = ids(call(request("GET", "/posts", Map.of("status", "cancelled"), null)));
        List<String> both = ids(call(request("GET", "/posts", Map.of("status", "QUEUED,CANCELLED", "from", "2026-12-01T11:00:00+01:00"), null)));
        List<String> january2027 = ids(call(request("GET", "/posts", Map.of("from", "2027-01-01", "to", "2027-01-31"), null)));

        assertEquals(List.of(december1), queued);
        assertEquals(List.of(december2), cancelled);
        assertEquals(List.of(december2, january), both);
        assertEquals(List.of(january), january2027);
    }

    @Test
    void listingParametersWithProblemsAreNamed() {
        Response response = call(request("GET", "/posts", Map.of("status", "DONE", "limit", "1000", "from", "yesterday", "sort", "x"), null));
        Response badCursor = call(request("GET", "/posts", Map.of("next", "not-a-cursor"), null));
        Response hugeSpan = call(request("GET", "/posts", Map.of("from", "2020-01-01", "to", "2030-01-01"), null));

        assertEquals(400, response.status());
        assertEquals(4, JsonRead.list(response.body(), "error", "problems").size(), response.body().toString());
        assertEquals("invalid_cursor", badCursor.errorCode());
        assertEquals(400, hugeSpan.status());
    }

    // ------------------------------------------------------------------ garbage

    @Test
    void garbageIsAlwaysA4xxWithAJsonErrorAndNeverAStackTrace() {
        List<Response> responses = List.of(
                call(request("POST", "/posts", null, "{not json")),
                call(request("POST", "/posts", null, "[1, 2, 3]")),
                call(request("POST", "/posts", null, "[".repeat(5000))),
                call(request("POST", "/posts", null, "\"just a string\"")),
                call(request("POST", "/posts", null, "")),
                call(request("POST", "/posts", null, "{\"text\": 42, \"platforms\": \"mastodon\", \"at\": 17, \"nextSlot\": \"yes\"}")),
                call(request("POST", "/posts", null, "{\"text\": \"x\", \"platforms\": [null, 3], \"at\": \"2026-12-01T09:00:00Z\"}")),
                call(request("PATCH", "/posts/abc", null, "{}")),
                call(request("PUT", "/cadence/mastodon", null, "{\"timezone\": [], \"slots\": {}}")),
                call(base64Request("POST", "/posts", "%%% not base64 %%%")),
                call(base64Request("POST", "/posts", Base64.getEncoder().encodeToString("\u0000\u0001garbage".getBytes(StandardCharsets.UTF_8)))),
                call(request("POST", "/posts", null, "{\"text\": \"" + "a".repeat(70_000) + "\"}")),
                call(request("GET", "/nowhere", null, null)),
                call(request("PUT", "/posts", null, "{}")),
                call(request("POST", "/posts/abc", null, "{}")),
                call("{\"hello\": \"not a function URL event\"}"),
                call(base64Request("POST", "/posts", Base64.getEncoder().encodeToString(
                        "{\"text\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1)))),
                call(request("POST", "/posts", null, "{\"text\": \"x\"} {\"text\": \"y\"}")),
                call(request("POST", "/posts", null, "{\"version\": 1" + "0".repeat(100) + "}")),
                call(request("POST", "/posts", null, "[".repeat(200) + "]".repeat(200))));

        for (Response response : responses) {
            assertTrue(response.status() >= 400 && response.status() < 500, () -> response.status() + " " + response.body());
            assertNotNull(response.errorCode(), response.body()::toString);
            assertFalse(response.raw().contains("Exception") || response.raw().contains("\tat "), response::raw);
        }
        assertEquals(413, responses.get(11).status());
        assertEquals(404, responses.get(12).status());
        assertEquals(405, responses.get(13).status());
        assertEquals("GET, POST", responses.get(13).headers().get("allow"));
        assertEquals(405, responses.get(14).status());
        assertEquals("invalid_event", responses.get(15).errorCode());
        for (Response hostile : responses.subList(16, 20)) {
            assertEquals("invalid_json", hostile.errorCode(), hostile::raw);
        }
    }

    @Test
    void aBase64BodyIsDecoded() {
        String body = "{\"text\": \"Xin chào\", \"platforms\": [\"bluesky\"], \"at\": \"2026-12-01T09:00:00+07:00\"}";

        Response response = call(base64Request("POST", "/posts", Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8))));

        assertEquals(201, response.status(), response.body().toString());
        assertEquals("Xin chào", response.string("text"));
        assertNull(JsonRead.string(response.body(), "link"));
    }

    @Test
    void aPostCarriesImagesWithAltTextAndAnEditCanReplaceThem() {
        Response created = call(request("POST", "/posts", null, """
                {"text": "Khai trương", "platforms": ["mastodon", "bluesky", "instagram"], "at": "2026-12-01T09:00:00+07:00",
                 "images": [{"url": "https://cdn.example.com/shop.jpg", "alt": "The shop's front, green awning"},
                            {"url": "https://cdn.example.com/team.jpeg?v=2", "alt": "Five of us at the counter"}]}"""));
        assertEquals(201, created.status(), created.body().toString());
        String id = created.string("id");

        Response shown = call(request("GET", "/posts/" + id, null, null));
        assertEquals(List.of(Map.of("url", "https://cdn.example.com/shop.jpg", "alt", "The shop's front, green awning"),
                Map.of("url", "https://cdn.example.com/team.jpeg?v=2", "alt", "Five of us at the counter")),
                JsonRead.list(shown.body(), "images"));

        Response edited = call(request("PATCH", "/posts/" + id, null, """
                {"images": [{"url": "https://cdn.example.com/sign.jpg", "alt": "The new sign"}]}"""));
        assertEquals(200, edited.status(), edited.body().toString());
        assertEquals(List.of(Map.of("url", "https://cdn.example.com/sign.jpg", "alt", "The new sign")),
                JsonRead.list(call(request("GET", "/posts/" + id, null, null)).body(), "images"));
    }

    @Test
    void everyImageProblemIsA400WithItsReason() {
        Response response = call(request("POST", "/posts", null, Json.write(Map.of(
                "text", "Five images", "platforms", List.of("instagram", "x"), "at", "2026-12-01T09:00:00Z",
                "images", List.of(
                        Map.of("url", "https://cdn.example.com/a.png", "alt", "A"),
                        Map.of("url", "ftp://cdn.example.com/b.jpg", "alt", "B"),
                        Map.of("url", "https://cdn.example.com/c.jpg"),
                        Map.of("url", "https://cdn.example.com/d.jpg", "alt", "d".repeat(1001)),
                        Map.of("url", "https://cdn.example.com/e.jpg", "alt", "E", "caption", "no such field"))))));

        assertEquals(400, response.status());
        assertEquals("validation_failed", response.errorCode());
        assertEquals(List.of(
                "image 5: unknown field 'caption' (known: alt, url)",
                "a post carries at most 4 images, this one has 5",
                "image 2: url must be an http(s) URL without spaces, or a media:// reference from POST /media",
                "image 3: alt text is required (what the image shows, for people who cannot see it)",
                "instagram: 5 images, the limit is 4",
                "instagram: image 1 is PNG (by its file name); instagram takes JPEG images",
                "instagram: image 4's alt text is 1001 characters, the limit is 1000",
                "x: 5 images, the limit is 4",
                "x: image 4's alt text is 1001 characters, the limit is 1000"),
                JsonRead.list(response.body(), "error", "problems"));
    }

    @Test
    void imagesThatAreNotAListOfObjectsAreA400() {
        Response notAList = call(request("POST", "/posts", null, """
                {"text": "Hi", "platforms": ["mastodon"], "at": "2026-12-01T09:00:00Z", "images": "https://cdn.example.com/a.jpg"}"""));
        Response notObjects = call(request("POST", "/posts", null, """
                {"text": "Hi", "platforms": ["mastodon"], "at": "2026-12-01T09:00:00Z", "images": ["https://cdn.example.com/a.jpg"]}"""));

        assertEquals(List.of("images must be a list of {\"url\": ..., \"alt\": ...} objects"),
                JsonRead.list(notAList.body(), "error", "problems"));
        assertEquals(List.of("image 1 must be an object {\"url\": ..., \"alt\": ...}"),
                JsonRead.list(notObjects.body(), "error", "problems"));
    }

    // ------------------------------------------------------------------ a person's decision about an UNCERTAIN delivery

    /** A post whose send may have gone out on a platform that cannot be asked, as the publisher leaves it. */
    private String uncertainDelivery() {
        String id = create("Maybe on Telegram", "2026-12-01T09:00:00+07:00");
        socialdesk.core.post.Post queued = store.find(id).orElseThrow();
        socialdesk.core.post.Claim claim = store.claim(id, queued.dueAt(), queued.dueAt().plusSeconds(180), "run-1").orElseThrow();
        store.recordDelivery(socialdesk.core.post.Delivery.pending(id, socialdesk.core.post.Platform.MASTODON)
                .inDoubt(queued.dueAt()).uncertain("a send may have gone out and telegram cannot be asked"));
        store.release(claim, socialdesk.core.post.PostStatus.UNCERTAIN, null,
                new socialdesk.core.events.Announcement(List.of(), queued.dueAt()));
        return id;
    }

    @Test
    void aPersonConfirmsAnUncertainDeliveryWithItsUrlAndTheDecisionIsKept() {
        String id = uncertainDelivery();
        Map<String, Object> event = Json.parseObject(request("POST", "/posts/" + id + "/deliveries/mastodon/confirm", null,
                "{\"url\": \"https://t.me/desk/42\", \"note\": \"seen in the channel\"}"));
        event.put("requestContext", Map.of("http", Map.of("method", "POST", "path", "/posts/" + id + "/deliveries/mastodon/confirm"),
                "authorizer", Map.of("iam", Map.of("userArn", "arn:aws:iam::123456789012:user/ops"))));

        Response confirmed = call(Json.write(event));
        Response again = call(request("POST", "/posts/" + id + "/deliveries/mastodon/resend", null, null));

        assertEquals(200, confirmed.status(), confirmed.raw());
        assertEquals("PUBLISHED", confirmed.string("status"));
        assertEquals("https://t.me/desk/42", confirmed.string("url"));
        assertEquals("confirmed on the platform by arn:aws:iam::123456789012:user/ops at " + NOW + ": seen in the channel",
                confirmed.string("decision"));
        assertEquals("PUBLISHED", call(request("GET", "/posts/" + id, null, null)).string("status"));
        assertEquals(409, again.status());
        assertEquals("delivery_not_uncertain", again.errorCode());
    }

    @Test
    void aPersonAsksForAResendAndThePostIsDueAgain() {
        String id = uncertainDelivery();

        Response resend = call(request("POST", "/posts/" + id + "/deliveries/mastodon/resend", null, null));

        assertEquals(200, resend.status(), resend.raw());
        assertEquals("PENDING", resend.string("status"));
        assertTrue(resend.string("decision").startsWith("resend requested by "), resend.raw());
        assertEquals(List.of(id), store.findDue(NOW, 10));
    }

    @Test
    void badDecisionsAreRefusedWithAReason() {
        String id = uncertainDelivery();

        Response notAUrl = call(request("POST", "/posts/" + id + "/deliveries/mastodon/confirm", null, "{\"url\": \"t.me/desk\"}"));
        Response urlOnResend = call(request("POST", "/posts/" + id + "/deliveries/mastodon/resend", null, "{\"url\": \"https://t.me/desk/1\"}"));
        Response unknownPlatform = call(request("POST", "/posts/" + id + "/deliveries/myspace/confirm", null, null));
        Response get = call(request("GET", "/posts/" + id + "/deliveries/mastodon/confirm", null, null));
        Response notUncertain = call(request("POST", "/posts/" + create("Fine", "2026-12-02T09:00:00+07:00")
                + "/deliveries/mastodon/confirm", null, null));

        assertEquals(400, notAUrl.status());
        assertEquals(List.of("url must be an http(s) URL"), JsonRead.list(notAUrl.body(), "error", "problems"));
        assertEquals(400, urlOnResend.status());
        assertEquals(404, unknownPlatform.status());
        assertEquals("platform_not_found", unknownPlatform.errorCode());
        assertEquals(405, get.status());
        assertEquals(409, notUncertain.status());
        assertEquals("UNCERTAIN", store.find(id).orElseThrow().status().name(), "nothing changed by the refused requests");
    }

    // ------------------------------------------------------------------ helpers

    private String create(String text, String at) {
        Response response = call(request("POST", "/posts", null, Json.write(Map.of("text", text, "platforms", List.of("mastodon"), "at", at))));
        assertEquals(201, response.status(), response.body().toString());
        return response.string("id");
    }

    private static List<String> ids(Response page) {
        assertEquals(200, page.status(), page.body().toString());
        return JsonRead.list(page.body(), "posts").stream().map(p -> JsonRead.string(p, "id")).toList();
    }

    // ------------------------------------------------------------------ the console: validate, HTTP API with a JWT authorizer

    @Test
    void validateAnswersEachPlatformsCountsAndEveryProblemWithoutSaving() throws IOException {
        Response fine = call(sample("posts-api-validate.json"));
        Response over = call(request("POST", "/posts/validate", null, Json.write(Map.of(
                "text", "a".repeat(301), "platforms", List.of("bluesky", "x", "nowhere")))));

        assertEquals(200, fine.status(), fine.raw());
        assertEquals(true, JsonRead.bool(fine.body(), "ok"));
        List<Object> platforms = JsonRead.list(fine.body(), "platforms");
        assertEquals(List.of("mastodon", "bluesky", "x"), platforms.stream().map(p -> JsonRead.string(p, "platform")).toList());
        assertEquals(Map.of("count", 61L, "limit", 500L, "unit", "characters (links count as 23)", "over", false),
                JsonRead.list(platforms.getFirst(), "counts").getFirst());
        assertEquals(200, over.status(), over.raw());
        assertEquals(false, JsonRead.bool(over.body(), "ok"));
        List<Object> problems = JsonRead.list(over.body(), "problems");
        assertTrue(problems.contains("bluesky: text is 301 graphemes, the limit is 300"), over.raw());
        assertTrue(problems.contains("x: text is 301 weighted characters (links 23, emoji and CJK 2), the limit is 280"), over.raw());
        assertTrue(problems.stream().anyMatch(p -> String.valueOf(p).contains("nowhere")), over.raw());
        assertEquals(Map.of("count", 301L, "limit", 300L, "unit", "graphemes", "over", true),
                JsonRead.list(JsonRead.list(over.body(), "platforms").getFirst(), "counts").getFirst());
        assertEquals(0, store.list(new socialdesk.core.post.PostQuery(Set.of(), NOW.minusSeconds(86400), NOW.plusSeconds(86400 * 365), 10, null)).posts().size());
    }

    @Test
    void validateListsAnImageWithoutAltTextAsCreateWould() {
        String body = Json.write(Map.of("text", "Our new shop", "platforms", List.of("mastodon"),
                "images", List.of(Map.of("url", "https://example.com/shop.png", "alt", ""))));

        Response validation = call(request("POST", "/posts/validate", null, body));

        assertEquals(false, JsonRead.bool(validation.body(), "ok"), validation.raw());
        assertTrue(JsonRead.list(validation.body(), "problems").stream().anyMatch(p -> String.valueOf(p).startsWith("image 1: alt text is required")),
                validation.raw());
    }

    @Test
    void validateRefusesWhatIsNotAnObjectAndOtherMethods() {
        assertEquals("invalid_body", call(request("POST", "/posts/validate", null, "[1]")).errorCode());
        assertEquals(405, call(request("GET", "/posts/validate", null, null)).status());
    }

    /** The console's HTTP API sends the same payload 2.0 with its stage in the path and the verified token's claims. */
    @Test
    void theConsolesHttpApiRequestIsServedByTheSameHandler() throws IOException {
        call(request("POST", "/posts", null, """
                {"text": "Hello from the console", "platforms": ["mastodon"], "at": "2026-12-01T09:00:00+07:00"}"""));

        Response listing = call(sample("console-http-api-list.json"));

        assertEquals(200, listing.status(), listing.raw());
        assertEquals(1, JsonRead.list(listing.body(), "posts").size());
        assertEquals("console:lan.nguyen", Caller.of(EVENTS.fromJson(sample("console-http-api-list.json"))));
        assertEquals("arn:aws:iam::123456789012:user/social-editor", Caller.of(EVENTS.fromJson(sample("posts-api-list.json"))));
        assertNull(Caller.of(EVENTS.fromJson(request("GET", "/posts", null, null))));
    }

    private static String sample(String name) throws IOException {
        return Files.readString(Dynalite.projectRoot().resolve(Path.of("events", name)));
    }

    /** A function URL event (payload 2.0) as Lambda delivers it. */
    static String request(String method, String path, Map<String, String> query, String body) {
        Map<String, Object> event = baseEvent(method, path, query);
        if (body != null) {
            event.put("body", body);
        }
        event.put("isBase64Encoded", false);
        return Json.write(event);
    }

    private static String base64Request(String method, String path, String body) {
        Map<String, Object> event = baseEvent(method, path, null);
        event.put("body", body);
        event.put("isBase64Encoded", true);
        return Json.write(event);
    }

    private static Map<String, Object> baseEvent(String method, String path, Map<String, String> query) {
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
        event.put("requestContext", Map.of("http", Map.of("method", method, "path", path)));
        return event;
    }

    /** Deserialises the event, invokes the handler and serialises its response as Lambda's Java runtime does. */
    private Response call(String event) {
        return call(EVENTS.fromJson(event));
    }

    private Response call(APIGatewayV2HTTPEvent event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RESPONSES.toJson(handler.handleRequest(event, null), out);
        String raw = out.toString(StandardCharsets.UTF_8);
        Map<String, Object> response = Json.parseObject(raw);
        return new Response(JsonRead.integer(response, "statusCode").intValue(), JsonRead.object(response, "headers"),
                Json.parse(JsonRead.string(response, "body")), raw);
    }

    record Response(int status, Map<String, Object> headers, Object body, String raw) {
        String string(String field) {
            return JsonRead.string(body, field);
        }

        String errorCode() {
            return JsonRead.string(body, "error", "code");
        }
    }
}
