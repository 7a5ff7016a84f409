package socialdesk.aws.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import socialdesk.aws.AwsClients;
import socialdesk.aws.testing.MotoServer;
import socialdesk.aws.testing.RequiresMoto;
import socialdesk.core.post.StoredImage;

/**
 * The media bucket against moto's S3, through the clients the functions build (path-style at a
 * loopback endpoint): a presigned PUT used with plain HTTP as a browser or the CLI would, then
 * HeadObject, GetObject and a presigned GET; and what the upload URL signs.
 */
@RequiresMoto
class S3MediaBucketOnMotoTest {
    /** A PNG's signature and the start of its header: enough for S3, which never looks inside. */
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static S3MediaBucket bucket;

    @BeforeAll
    static void createBucket() {
        AwsClients clients = MotoServer.shared().clients();
        String name = "media-" + UUID.randomUUID();
        MotoServer.shared().createBucket(name);
        bucket = clients.mediaBucket(name, Clock.systemUTC());
    }

    private static HttpResponse<byte[]> put(S3MediaBucket.Upload upload, String contentType, byte[] body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(upload.url()).header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void aFilePutToThePresignedUrlIsThereForHeadGetAndAPresignedGet() throws Exception {
        S3MediaBucket.Upload upload = bucket.presignUpload("image/png", PNG.length);
        String key = StoredImage.key(upload.reference()).orElseThrow();
        assertTrue(StoredImage.validKey(key), key);
        assertTrue(upload.url().getPath().endsWith("/" + key), "path-style at the loopback endpoint: " + upload.url());
        assertTrue(upload.expiresAt().isAfter(Instant.now().plus(Duration.ofMinutes(14))));
        assertEquals(Optional.empty(), bucket.head(key), "nothing there before the PUT");

        assertEquals(200, put(upload, "image/png", PNG).statusCode());

        S3MediaBucket.Stored stored = bucket.head(key).orElseThrow();
        assertEquals("image/png", stored.contentType());
        assertEquals(PNG.length, stored.bytes());
        assertTrue(stored.uploadedAt().isAfter(Instant.now().minus(Duration.ofMinutes(5))), stored.uploadedAt().toString());
        S3MediaBucket.Read read = bucket.read(key).orElseThrow();
        assertEquals("image/png", read.contentType());
        assertArrayEquals(PNG, read.bytes());
        URI link = bucket.presignedGet(key, Duration.ofHours(1));
        HttpResponse<byte[]> fetched = HTTP.send(HttpRequest.newBuilder(link).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, fetched.statusCode());
        assertArrayEquals(PNG, fetched.body());
    }

    @Test
    void aKeyNeverUploadedIsEmptyForHeadAndRead() {
        String key = StoredImage.PREFIX + UUID.randomUUID() + ".jpg";

        assertEquals(Optional.empty(), bucket.head(key));
        assertEquals(Optional.empty(), bucket.read(key));
    }

    /**
     * moto checks neither signatures nor checksums, so what S3 enforces is shown by what the URL signs:
     * the content type and length (S3 refuses a PUT whose headers differ) and fifteen minutes. That
     * the signature is S3's is S3MediaBucketSigningTest's (against S3's own presigner), and the
     * local stack's bucket checks both (LocalMediaBucketTest).
     */
    @Test
    void thePresignedPutSignsTheContentTypeTheLengthAndFifteenMinutes() {
        S3MediaBucket.Upload upload = bucket.presignUpload("image/png", PNG.length);
        String query = upload.url().getRawQuery();

        assertTrue(query.contains("X-Amz-SignedHeaders=content-length%3Bcontent-type%3Bhost"), query);
        assertTrue(query.contains("X-Amz-Expires=900"), query);
        assertEquals(java.util.Map.of("Content-Type", "image/png", "Content-Length", Integer.toString(PNG.length)), upload.headers());
    }

    @Test
    void eachUploadGetsItsOwnKey() {
        assertNotEquals(bucket.presignUpload("image/jpeg", 10).reference(), bucket.presignUpload("image/jpeg", 10).reference());
    }

    @Test
    void anUploadNamedByItsDigestCarriesTheChecksumHeaderAndIsStoredAsAnyOther() throws Exception {
        String sha256 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(PNG));
        S3MediaBucket.Upload upload = bucket.presignUpload("image/png", PNG.length, sha256);
        HttpRequest.Builder put = HttpRequest.newBuilder(upload.url()).PUT(HttpRequest.BodyPublishers.ofByteArray(PNG));
        upload.headers().forEach((name, value) -> {
            if (!name.equals("Content-Length")) {
                put.header(name, value);
            }
        });

        assertEquals(200, HTTP.send(put.build(), HttpResponse.BodyHandlers.discarding()).statusCode());
        assertTrue(upload.url().getRawQuery().contains("X-Amz-SignedHeaders=content-length%3Bcontent-type%3Bhost%3Bx-amz-checksum-sha256"));
        assertArrayEquals(PNG, bucket.read(StoredImage.key(upload.reference()).orElseThrow()).orElseThrow().bytes());
        assertEquals(upload.reference(), bucket.presignUpload("image/png", PNG.length, sha256).reference());
    }
}
