package socialdesk.webhook;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import socialdesk.aws.dynamo.DynamoEngagementStore;
import socialdesk.aws.dynamo.DynamoEventOutbox;
import socialdesk.aws.dynamo.DynamoPostStore;
import socialdesk.aws.testing.Dynalite;
import socialdesk.aws.testing.EmfCapture;
import socialdesk.aws.testing.RequestCounter;
import socialdesk.aws.testing.TestContext;
import socialdesk.core.engagement.CommentTriager;
import socialdesk.core.engagement.EngagementIngestion;
import socialdesk.core.engagement.EngagementStore;
import socialdesk.core.events.OutboxRelay;
import socialdesk.core.json.Json;
import socialdesk.core.json.JsonRead;
import socialdesk.core.post.Delivery;
import socialdesk.core.post.DeliveryStatus;
import socialdesk.core.post.Platform;
import socialdesk.core.webhook.WebhookSignatures;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The real handler over a fresh dynalite table, with the test secrets the sample events in
 * {@code events/} are signed with, a recording bus and a keyword triager.
 */
final class WebhookTestKit {
    private static final PojoSerializer<APIGatewayV2HTTPEvent> EVENTS =
            LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, WebhookTestKit.class.getClassLoader());
    private static final PojoSerializer<APIGatewayV2HTTPResponse> RESPONSES =
            LambdaEventSerializers.serializerFor(APIGatewayV2HTTPResponse.class, WebhookTestKit.class.getClassLoader());
    static final String META_APP_SECRET = "test-meta-app-secret";
    static final String META_VERIFY_TOKEN = "test-verify-token";
    static final String X_CONSUMER_SECRET = "test-x-consumer-secret";
    static final String LINKEDIN_CLIENT_SECRET = "test-linkedin-client-secret";
    static final Instant NOW = Instant.parse("2025-11-26T09:45:12Z");

    /** The posts the sample events engage with, and our ids for them. */
    static final String FACEBOOK_POST = "104857283947_912837465";
    static final String INSTAGRAM_MEDIA = "17895695668004550";
    static final String X_TWEET = "1850000000000000001";
    static final String LINKEDIN_SHARE = "urn:li:share:7150000000000000001";

    final RequestCounter requests = new RequestCounter();
    final DynamoDbClient dynamo;
    final String table;
    final EngagementStore store;
    final RecordingEvents events = new RecordingEvents();
    final OutboxRelay relay;
    final EmfCapture emf = new EmfCapture(Clock.fixed(NOW, ZoneOffset.UTC));
    final PlatformWebhookHandler handler;

    WebhookTestKit() {
        this(new KeywordTriager(), s -> s);
    }

    WebhookTestKit(CommentTriager triager, java.util.function.UnaryOperator<EngagementStore> wrapStore) {
        Dynalite server = Dynalite.shared();
        dynamo = server.clients(requests).dynamoDb();
        table = server.createTable();
        requests.reset();
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        store = new DynamoEngagementStore(dynamo, table);
        relay = new OutboxRelay(events, new DynamoEventOutbox(dynamo, table));
        EngagementIngestion ingestion = new EngagementIngestion(wrapStore.apply(store), triager, relay, clock, emf.metrics());
        handler = new PlatformWebhookHandler(new PlatformWebhooks(allSecrets(), ingestion, clock), emf.metrics());
    }

    static WebhookSecrets allSecrets() {
        return new WebhookSecrets() {
            @Override
            public Optional<Meta> meta() {
                return Optional.of(new Meta(META_APP_SECRET, META_VERIFY_TOKEN));
            }

            @Override
            public Optional<String> xConsumerSecret() {
                return Optional.of(X_CONSUMER_SECRET);
            }

            @Override
            public Optional<String> linkedInClientSecret() {
                return Optional.of(LINKEDIN_CLIENT_SECRET);
            }
        };
    }

    /** Maps the sample events' posts to our post ids, as the publisher does at publish time. */
    WebhookTestKit withOurPosts() {
        remote(Platform.FACEBOOK, FACEBOOK_POST, "post-fb");
        remote(Platform.INSTAGRAM, INSTAGRAM_MEDIA, "post-ig");
        remote(Platform.X, X_TWEET, "post-x");
        remote(Platform.LINKEDIN, LINKEDIN_SHARE, "post-li");
        return this;
    }

    /** A published delivery of {@code postId} on the platform, recorded as the publisher records it (with the remote index). */
    void remote(Platform platform, String remoteId, String postId) {
        new DynamoPostStore(dynamo, table).recordDelivery(
                new Delivery(postId, platform, DeliveryStatus.PUBLISHED, 1, remoteId, null, null, null));
    }

    // ---------------------------------------------------------------- events

    static String sample(String name) {
        try {
            return Files.readString(Dynalite.projectRoot().resolve(Path.of("events", name)), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> sampleEvent(String name) {
        return Json.parseObject(sample(name));
    }

    /** The body bytes of a sample POST event, base64-decoded when the event says so. */
    static byte[] bodyOf(Map<String, Object> event) {
        String body = JsonRead.string(event, "body");
        return Boolean.TRUE.equals(JsonRead.bool(event, "isBase64Encoded"))
                ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
    }

    /** A copy of a sample POST event carrying {@code body}, base64-encoded, signed for its route with the test secret. */
    static Map<String, Object> withSignedBody(Map<String, Object> event, byte[] body) {
        Map<String, Object> copy = new LinkedHashMap<>(event);
        Map<String, Object> headers = new LinkedHashMap<>(JsonRead.object(event, "headers"));
        String path = JsonRead.string(event, "rawPath");
        switch (path) {
            case "/webhooks/meta" -> headers.put("x-hub-signature-256", "sha256=" + WebhookSignatures.hexHmac(META_APP_SECRET, body));
            case "/webhooks/x" -> headers.put("x-twitter-webhooks-signature", "sha256=" + WebhookSignatures.base64Hmac(X_CONSUMER_SECRET, body));
            case "/webhooks/linkedin" -> headers.put("x-li-signature", "hmacsha256=" + WebhookSignatures.hexHmac(LINKEDIN_CLIENT_SECRET, body));
            default -> throw new IllegalArgumentException(path);
        }
        copy.put("headers", headers);
        copy.put("body", Base64.getEncoder().encodeToString(body));
        copy.put("isBase64Encoded", true);
        return copy;
    }

    /** Invokes the handler and answers the function URL response as a map. */
    Map<String, Object> invoke(Map<String, Object> event) {
        return invoke(Json.write(event));
    }

    Map<String, Object> invoke(String eventJson) {
        return invoke(functionUrlEvent(eventJson));
    }

    Map<String, Object> invoke(APIGatewayV2HTTPEvent event) {
        return asMap(handler.handleRequest(event, TestContext.of("platform-webhook", "test-request")));
    }

    /** The event as Lambda's Java runtime deserialises it. */
    static APIGatewayV2HTTPEvent functionUrlEvent(String eventJson) {
        return EVENTS.fromJson(eventJson);
    }

    /** The response as Lambda's Java runtime serialises it, read back as a tree. */
    static Map<String, Object> asMap(APIGatewayV2HTTPResponse response) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RESPONSES.toJson(response, out);
        return Json.parseObject(out.toByteArray());
    }

    static int status(Map<String, Object> response) {
        return JsonRead.integer(response, "statusCode").intValue();
    }

    static String body(Map<String, Object> response) {
        return JsonRead.string(response, "body");
    }

    /** How many items the table holds (a Scan: tests only). */
    int itemCount() {
        return dynamo.scan(b -> b.tableName(table).select("COUNT")).count();
    }
}
