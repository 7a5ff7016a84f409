package socialdesk.postsapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import socialdesk.aws.AwsClients;
import socialdesk.aws.dynamo.DynamoCadenceStore;
import socialdesk.aws.dynamo.DynamoPostStore;
import socialdesk.aws.media.S3MediaBucket;
import socialdesk.aws.testing.Dynalite;
import socialdesk.aws.testing.MotoServer;
import socialdesk.aws.testing.RequiresMoto;
import socialdesk.core.json.Json;
import socialdesk.core.json.JsonRead;

/**
 * {@code POST /media} and posts naming uploads, through the handler as Lambda calls it, with the
 * posts in dynalite and the media bucket in moto's S3: an upload URL, the file PUT to it with plain
 * HTTP, then the post queued with its {@code media://} reference, and each way that goes wrong.
 */
@RequiresMoto
class UploadsOnMotoTest {
    private static final PojoSerializer<APIGatewayV2HTTPEvent> EVENTS =
            LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, UploadsOnMotoTest.class.getClassLoader());
    private static final PojoSerializer<APIGatewayV2HTTPResponse> RESPONSES =
            LambdaEventSerializers.serializerFor(APIGatewayV2HTTPResponse.class, UploadsOnMotoTest.class.getClassLoader());
    private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 16, 'J', 'F', 'I', 'F', 0};
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private PostsApiHandler handler;

    @BeforeEach
    void freshTableAndBucket() {
        Dynalite dynalite = Dynalite.shared();
        String table = dynalite.createTable();
        AwsClients clients = MotoServer.shared().clients();
        String bucket = "media-" + UUID.randomUUID();
        MotoServer.shared().createBucket(bucket);
        handler = new PostsApiHandler(PostsApiWiring.create(new DynamoPostStore(dynalite.client(), table),
                new DynamoCadenceStore(dynalite.client(), table), Clock.systemUTC(),
                clients.mediaBucket(bucket, Clock.systemUTC())));
    }

    @Test
    void anUploadedImageIsQueuedWithItsMediaReference() throws Exception {
        Map<String, Object> upload = offer("image/jpeg", JPEG.length);
        String reference = JsonRead.string(upload, "url");
        assertTrue(reference.matches("media://uploads/[0-9a-f-]{36}\\.jpg"), reference);
        assertEquals("PUT", JsonRead.string(upload, "method"));
        assertEquals(Map.of("Content-Type", "image/jpeg", "Content-Length", Integer.toString(JPEG.length)), JsonRead.object(upload, "headers"));

        assertEquals(200, put(JsonRead.string(upload, "uploadUrl"), "image/jpeg", JPEG));
        Answer created = call("POST", "/posts", post(reference, Instant.now().plus(Duration.ofDays(2)), "instagram", "mastodon"));

        assertEquals(201, created.status(), created.raw());
        assertEquals(List.of(Map.of("url", reference, "alt", "A hand-lettered sign")), JsonRead.list(created.body(), "images"));
    }

    @Test
    void aReferenceNeverUploadedIsA400NamingTheImage() {
        String reference = JsonRead.string(offer("image/jpeg", JPEG.length), "url");

        Answer created = call("POST", "/posts", post(reference, Instant.now().plus(Duration.ofDays(2)), "mastodon"));

        assertEquals(400, created.status(), created.raw());
        assertEquals(List.of("image 1 (" + reference + ") is not in the media bucket: PUT the file to the uploadUrl POST /media gave first"
                + " (uploads are kept 30 days)"), JsonRead.list(created.body(), "error", "problems"));
    }

    @Test
    void aPostDueAfterItsUploadIsDeletedIsA400() throws Exception {
        Map<String, Object> upload = offer("image/jpeg", JPEG.length);
        assertEquals(200, put(JsonRead.string(upload, "uploadUrl"), "image/jpeg", JPEG));

        Answer created = call("POST", "/posts", post(JsonRead.string(upload, "url"), Instant.now().plus(Duration.ofDays(40)), "mastodon"));

        assertEquals(400, created.status(), created.raw());
        String problem = JsonRead.list(created.body(), "error", "problems").getFirst().toString();
        assertTrue(problem.contains("is kept until") && problem.contains("upload it again nearer the time"), problem);
    }

    @Test
    void aReferenceNotMadeByPostMediaIsRefusedBeforeAnyLookup() {
        Answer created = call("POST", "/posts", post("media://../other-bucket/secret.jpg", Instant.now().plus(Duration.ofDays(2)), "mastodon"));

        assertEquals(400, created.status(), created.raw());
        assertEquals(List.of("image 1: url media://../other-bucket/secret.jpg is not a media:// reference POST /media gave out"),
                JsonRead.list(created.body(), "error", "problems"));
    }

    @Test
    void anUploadOfAnotherTypeOrSizeIsA400WithEveryReason() {
        Answer svg = call("POST", "/media", "{\"contentType\": \"image/svg+xml\", \"bytes\": 20000000, \"name\": \"x.svg\"}");
        Answer missing = call("POST", "/media", "{}");
        Answer digest = call("POST", "/media", "{\"contentType\": \"image/png\", \"bytes\": 10, \"sha256\": \"not-hex\"}");
        Answer get = call("GET", "/media", null);

        assertEquals(400, svg.status(), svg.raw());
        assertEquals(List.of("unknown field 'name' (known: bytes, contentType, sha256)",
                "contentType must be one of [image/gif, image/jpeg, image/png, image/webp]",
                "bytes must be from 1 to 16777216 (16 MB, the most any platform takes)"), JsonRead.list(svg.body(), "error", "problems"));
        assertEquals(400, missing.status());
        assertEquals(List.of("contentType must be a string, the file's media type", "bytes must be the file's size, a whole number"),
                JsonRead.list(missing.body(), "error", "problems"));
        assertEquals(400, digest.status(), digest.raw());
        assertEquals(List.of("sha256 must be the file's SHA-256 digest in 64 hexadecimal digits"),
                JsonRead.list(digest.body(), "error", "problems"));
        assertEquals(405, get.status(), get.raw());
    }

    @Test
    void aPngUploadForInstagramIsRefusedByItsKeyAsAPngUrlWouldBe() {
        String reference = JsonRead.string(offer("image/png", 100), "url");

        Answer created = call("POST", "/posts", post(reference, Instant.now().plus(Duration.ofDays(2)), "instagram"));

        assertEquals(400, created.status(), created.raw());
        assertEquals(List.of("instagram: image 1 is PNG (by its file name); instagram takes JPEG images"),
                JsonRead.list(created.body(), "error", "problems"));
    }

    @Test
    void anUploadLargerThanAPlatformTakesIsRefusedForThatPlatformWhenQueued() throws Exception {
        byte[] large = java.util.Arrays.copyOf(JPEG, 1_200_000);
        Map<String, Object> upload = offer("image/jpeg", large.length);
        assertEquals(200, put(JsonRead.string(upload, "uploadUrl"), "image/jpeg", large));
        String reference = JsonRead.string(upload, "url");

        Answer both = call("POST", "/posts", post(reference, Instant.now().plus(Duration.ofDays(2)), "mastodon", "bluesky"));
        Answer mastodon = call("POST", "/posts", post(reference, Instant.now().plus(Duration.ofDays(2)), "mastodon"));

        assertEquals(400, both.status(), both.raw());
        assertEquals(List.of("bluesky: image 1 is 1200000 bytes, the limit is 1000000"), JsonRead.list(both.body(), "error", "problems"));
        assertEquals(201, mastodon.status(), mastodon.raw());
    }

    @Test
    void anUploadOfDimensionsAPlatformRefusesIsA400ForThatPlatformWhenQueued() throws Exception {
        String tall = uploaded(jpeg(540, 960));
        String portrait = uploaded(jpeg(400, 500));

        Answer refused = call("POST", "/posts", post(tall, Instant.now().plus(Duration.ofDays(2)), "instagram", "mastodon"));
        Answer fine = call("POST", "/posts", post(portrait, Instant.now().plus(Duration.ofDays(2)), "instagram", "mastodon"));
        Answer elsewhere = call("POST", "/posts", post(tall, Instant.now().plus(Duration.ofDays(2)), "mastodon"));

        assertEquals(400, refused.status(), refused.raw());
        assertEquals(List.of("instagram: image 1 is 540×960, an aspect ratio of 0.56:1; instagram takes 4:5 (0.8) to 1.91:1"),
                JsonRead.list(refused.body(), "error", "problems"));
        assertEquals(201, fine.status(), fine.raw());
        assertEquals(201, elsewhere.status(), elsewhere.raw());
    }

    private static byte[] jpeg(int width, int height) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(width, height, java.awt.image.BufferedImage.TYPE_INT_RGB), "jpeg", out);
        return out.toByteArray();
    }

    private String uploaded(byte[] jpeg) throws Exception {
        Map<String, Object> upload = offer("image/jpeg", jpeg.length);
        assertEquals(200, put(JsonRead.string(upload, "uploadUrl"), "image/jpeg", jpeg));
        return JsonRead.string(upload, "url");
    }

    private Map<String, Object> offer(String contentType, long bytes) {
        Answer answer = call("POST", "/media", Json.write(Map.of("contentType", contentType, "bytes", bytes)));
        assertEquals(201, answer.status(), answer.raw());
        return Json.parseObject(Json.write(answer.body()));
    }

    private static String post(String imageUrl, Instant at, String... platforms) {
        return Json.write(Map.of("text", "Opening hours from Monday", "platforms", List.of(platforms), "at", at.toString(),
                "images", List.of(Map.of("url", imageUrl, "alt", "A hand-lettered sign"))));
    }

    private static int put(String url, String contentType, byte[] body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private Answer call(String method, String path, String body) {
        Map<String, Object> event = new java.util.LinkedHashMap<>();
        event.put("version", "2.0");
        event.put("rawPath", path);
        event.put("rawQueryString", "");
        event.put("headers", Map.of("content-type", "application/json"));
        event.put("requestContext", Map.of("http", Map.of("method", method, "path", path)));
        if (body != null) {
            event.put("body", body);
        }
        event.put("isBase64Encoded", false);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RESPONSES.toJson(handler.handleRequest(EVENTS.fromJson(Json.write(event)), null), out);
        String raw = out.toString(StandardCharsets.UTF_8);
        Map<String, Object> response = Json.parseObject(raw);
        return new Answer(JsonRead.integer(response, "statusCode").intValue(), Json.parse(JsonRead.string(response, "body")), raw);
    }

    private record Answer(int status, Object body, String raw) {
    }
}
