package socialdesk.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import socialdesk.aws.AwsCallBudget;
import socialdesk.aws.AwsClients;
import socialdesk.aws.media.S3MediaBucket;
import socialdesk.core.post.StoredImage;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The local stack's media bucket through the functions' own media bucket client (path-style at the
 * local endpoint): an upload PUT to its presigned URL lands in {@code media/}, HEAD and GET see it, a
 * presigned GET serves it; an expired URL, another path, another type, another key's or a tampered
 * signature, an unsigned request and content that is not the digest signed for are refused, as S3 refuses them.
 * A browser's CORS preflight is answered by the bucket's CORS rule (the console's origin, PUT, two
 * headers), without a signature, as S3 answers it.
 */
class LocalMediaBucketTest {
    private static final byte[] GIF = {'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0};
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    @TempDir
    Path data;
    private LocalAwsEndpoint endpoint;
    private S3MediaBucket bucket;
    private Instant now = Instant.now();

    @BeforeEach
    void start() {
        endpoint = new LocalAwsEndpoint(0, Map.of(), new LocalSecrets(data.resolve("secrets.json"), "http://127.0.0.1:1"));
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
        endpoint.serveMediaBucket("social-desk-mediabucket", data.resolve("media"), clock, AwsBasicCredentials.create("local", "local"));
        AwsClients clients = AwsClients.of(Map.of("AWS_REGION", "us-east-1"), new AwsCallBudget(Duration.ofSeconds(10), 1),
                URI.create(endpoint.url()), StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")), List.of());
        bucket = clients.mediaBucket("social-desk-mediabucket", clock);
    }

    @AfterEach
    void stop() {
        endpoint.close();
    }

    private static int put(URI url, String type, byte[] body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(url).header("Content-Type", type).PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void anUploadIsStoredUnderMediaAndReadByHeadGetAndAPresignedGet() throws Exception {
        S3MediaBucket.Upload upload = bucket.presignUpload("image/gif", GIF.length);
        String key = upload.reference().substring("media://".length());
        assertEquals(Optional.empty(), bucket.head(key));

        assertEquals(200, put(upload.url(), "image/gif", GIF));

        assertArrayEquals(GIF, Files.readAllBytes(data.resolve("media").resolve(key)));
        S3MediaBucket.Stored stored = bucket.head(key).orElseThrow();
        assertEquals("image/gif", stored.contentType());
        assertEquals(GIF.length, stored.bytes());
        assertTrue(stored.uploadedAt().isAfter(Instant.now().minusSeconds(60)));
        assertArrayEquals(GIF, bucket.read(key).orElseThrow().bytes());
        HttpResponse<byte[]> fetched = HTTP.send(HttpRequest.newBuilder(bucket.presignedGet(key, Duration.ofHours(1))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, fetched.statusCode());
        assertArrayEquals(GIF, fetched.body());
        assertEquals(Optional.empty(), bucket.read("uploads/00000000-0000-0000-0000-000000000000.gif"));
    }

    @Test
    void anExpiredUploadUrlIsRefused() throws Exception {
        S3MediaBucket.Upload upload = bucket.presignUpload("image/gif", GIF.length);
        now = now.plus(Duration.ofMinutes(16));

        assertEquals(403, put(upload.url(), "image/gif", GIF));
        assertEquals(Optional.empty(), bucket.head(upload.reference().substring("media://".length())));
    }

    @Test
    void aPathOutsideUploadsOrAnotherTypeIsRefused() throws Exception {
        S3MediaBucket.Upload upload = bucket.presignUpload("image/gif", GIF.length);
        URI elsewhere = URI.create(upload.url().toString().replace("/uploads/", "/other/"));

        assertEquals(403, put(elsewhere, "image/gif", GIF));
        assertEquals(403, put(upload.url(), "image/png", GIF));
        assertTrue(Files.notExists(data.resolve("media/other")));
    }

    private static int put(URI url, Map<String, String> headers, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach((name, value) -> {
            if (!name.equalsIgnoreCase("Content-Length")) {
                request.header(name, value);
            }
        });
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void aSignatureThatIsNotTheStacksOrNoneAtAllIsRefused() throws Exception {
        S3MediaBucket.Upload upload = bucket.presignUpload("image/gif", GIF.length);
        String url = upload.url().toString();
        String signature = url.replaceAll(".*X-Amz-Signature=([0-9a-f]+).*", "$1");
        URI tampered = URI.create(url.replace(signature, new StringBuilder(signature).reverse().toString()));
        URI unsigned = URI.create(url.substring(0, url.indexOf('?')));
        S3MediaBucket otherKey = AwsClients.of(Map.of("AWS_REGION", "us-east-1"), new AwsCallBudget(Duration.ofSeconds(10), 1),
                URI.create(endpoint.url()), StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "not-the-secret")), List.of())
                .mediaBucket("social-desk-mediabucket", Clock.systemUTC());

        assertEquals(403, put(tampered, "image/gif", GIF));
        assertEquals(403, put(unsigned, "image/gif", GIF));
        assertEquals(403, put(otherKey.presignUpload("image/gif", GIF.length).url(), "image/gif", GIF));
        assertEquals(403, put(upload.url(), "image/gif", java.util.Arrays.copyOf(GIF, GIF.length + 1)), "the length is signed");
        assertTrue(Files.notExists(data.resolve("media/uploads")), "nothing was stored");
        assertEquals(200, put(upload.url(), "image/gif", GIF), "the URL itself still works");
    }

    private static final String CONSOLE = "http://127.0.0.1:4600";

    private HttpResponse<Void> preflight(URI url, String origin, String method, String headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin).header("Access-Control-Request-Method", method);
        if (headers != null) {
            request.header("Access-Control-Request-Headers", headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding());
    }

    @Test
    void aPreflightFromTheConsolesOriginForAPutWithTheUploadHeadersIsAllowedWithoutASignature() throws Exception {
        endpoint.allowBrowserUploadsFrom(CONSOLE);
        URI url = bucket.presignUpload("image/gif", GIF.length).url();
        URI unsigned = URI.create(url.toString().substring(0, url.toString().indexOf('?')));

        for (URI asked : List.of(url, unsigned)) {
            HttpResponse<Void> allowed = preflight(asked, CONSOLE, "PUT", "content-type,x-amz-checksum-sha256");
            assertEquals(200, allowed.statusCode(), asked.toString());
            assertEquals(CONSOLE, allowed.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
            assertEquals("PUT", allowed.headers().firstValue("Access-Control-Allow-Methods").orElseThrow());
            assertEquals("content-type, x-amz-checksum-sha256", allowed.headers().firstValue("Access-Control-Allow-Headers").orElseThrow());
            assertEquals("3600", allowed.headers().firstValue("Access-Control-Max-Age").orElseThrow());
        }
        assertEquals(200, preflight(url, CONSOLE, "PUT", "Content-Type").statusCode(), "header names are matched in any case");
    }

    @Test
    void aPreflightFromAnotherOriginOrForAnotherMethodOrHeaderIsRefusedAsNoRuleMatches() throws Exception {
        URI url = bucket.presignUpload("image/gif", GIF.length).url();
        assertEquals(403, preflight(url, CONSOLE, "PUT", "content-type").statusCode(), "no rule until the console's origin is allowed");
        endpoint.allowBrowserUploadsFrom(CONSOLE);

        HttpResponse<Void> elsewhere = preflight(url, "http://127.0.0.1:9", "PUT", "content-type");
        assertEquals(403, elsewhere.statusCode());
        assertTrue(elsewhere.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
        assertEquals(403, preflight(url, CONSOLE, "DELETE", null).statusCode());
        assertEquals(403, preflight(url, CONSOLE, "GET", null).statusCode(), "the rule is for uploads only");
        assertEquals(403, preflight(url, CONSOLE, "PUT", "content-type,x-amz-acl").statusCode());
        HttpResponse<Void> noMethod = HTTP.send(HttpRequest.newBuilder(url).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", CONSOLE).build(), HttpResponse.BodyHandlers.discarding());
        assertEquals(400, noMethod.statusCode(), "not a preflight");
    }

    @Test
    void aPutFromTheConsolesOriginIsAnsweredWithItsOriginSoThePageMayReadTheStatus() throws Exception {
        endpoint.allowBrowserUploadsFrom(CONSOLE);
        S3MediaBucket.Upload upload = bucket.presignUpload("image/gif", GIF.length);
        HttpRequest.Builder fromConsole = HttpRequest.newBuilder(upload.url()).header("Content-Type", "image/gif").header("Origin", CONSOLE);

        HttpResponse<Void> refused = HTTP.send(fromConsole.copy().PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[GIF.length + 1])).build(),
                HttpResponse.BodyHandlers.discarding());
        HttpResponse<Void> stored = HTTP.send(fromConsole.copy().PUT(HttpRequest.BodyPublishers.ofByteArray(GIF)).build(),
                HttpResponse.BodyHandlers.discarding());
        HttpResponse<Void> elsewhere = HTTP.send(HttpRequest.newBuilder(upload.url()).header("Content-Type", "image/gif")
                .header("Origin", "http://127.0.0.1:9").PUT(HttpRequest.BodyPublishers.ofByteArray(GIF)).build(), HttpResponse.BodyHandlers.discarding());

        assertEquals(403, refused.statusCode());
        assertEquals(CONSOLE, refused.headers().firstValue("Access-Control-Allow-Origin").orElseThrow(), "a refusal the page can read");
        assertEquals(200, stored.statusCode());
        assertEquals(CONSOLE, stored.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
        assertEquals(200, elsewhere.statusCode(), "CORS is the browser's check; the signature is the bucket's");
        assertTrue(elsewhere.headers().firstValue("Access-Control-Allow-Origin").isEmpty(), "no browser page elsewhere may read it");
    }

    @Test
    void anUploadSignedForOneDigestTakesOnlyThatContentAndTheSameFileGetsTheSameKey() throws Exception {
        String sha256 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(GIF));
        S3MediaBucket.Upload upload = bucket.presignUpload("image/gif", GIF.length, sha256);
        byte[] other = GIF.clone();
        other[GIF.length - 1] = 9;

        assertEquals(400, put(upload.url(), upload.headers(), other), "BadDigest: not the content signed for");
        assertEquals(200, put(upload.url(), upload.headers(), GIF));
        assertEquals(upload.reference(), bucket.presignUpload("image/gif", GIF.length, sha256).reference());
        assertArrayEquals(GIF, bucket.read(StoredImage.key(upload.reference()).orElseThrow()).orElseThrow().bytes());
    }

    @Test
    void theStartOfAnUploadIsReadWithARange() throws Exception {
        S3MediaBucket.Upload upload = bucket.presignUpload("image/gif", GIF.length);
        assertEquals(200, put(upload.url(), "image/gif", GIF));
        String key = StoredImage.key(upload.reference()).orElseThrow();

        assertArrayEquals(java.util.Arrays.copyOf(GIF, 6), bucket.readStart(key, 6).orElseThrow());
        assertArrayEquals(GIF, bucket.readStart(key, 1000).orElseThrow(), "a range past the end is the whole file");
        assertEquals(Optional.empty(), bucket.readStart("uploads/00000000-0000-0000-0000-000000000000.gif", 6));
    }
}
