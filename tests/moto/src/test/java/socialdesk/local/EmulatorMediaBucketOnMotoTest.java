package socialdesk.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import socialdesk.aws.AwsClients;
import socialdesk.aws.media.S3MediaBucket;
import socialdesk.aws.testing.MotoServer;
import socialdesk.aws.testing.RequiresMoto;
import socialdesk.core.post.StoredImage;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The emulator mode of {@code ./social local} makes the template's media bucket on the endpoint
 * (again on a second start, without failing), in the stack's region, with the template's CORS rule for
 * the local console's origin, and the functions' own media bucket client then uploads to it and reads
 * from it: here against moto, as against Floci or LocalStack.
 */
@RequiresMoto
class EmulatorMediaBucketOnMotoTest {
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};

    @Test
    void theBucketIsMadeOnceInTheStacksRegionAndTakesTheFunctionsUploads() throws Exception {
        for (String region : List.of("us-east-1", "ap-southeast-1")) {
            String name = "social-desk-mediabucket-" + UUID.randomUUID();
            LocalIdentity identity = new LocalIdentity(region, MotoServer.ACCESS_KEY_ID, MotoServer.SECRET_ACCESS_KEY);
            Console console = new Console(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            try (RemoteResources remote = new RemoteResources(MotoServer.shared().endpoint(), identity, console)) {
                remote.createBucket(name);
                remote.createBucket(name);
                remote.allowBrowserUploads(name, "http://127.0.0.1:4562/");
            }

            S3MediaBucket bucket = AwsClients.of(Map.of("AWS_REGION", region), MotoServer.TEST_BUDGET, MotoServer.shared().endpoint(),
                    StaticCredentialsProvider.create(AwsBasicCredentials.create(MotoServer.ACCESS_KEY_ID, MotoServer.SECRET_ACCESS_KEY)),
                    List.of()).mediaBucket(name, Clock.systemUTC());
            S3MediaBucket.Upload upload = bucket.presignUpload("image/png", PNG.length);
            int status = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(upload.url())
                    .header("Content-Type", "image/png").PUT(HttpRequest.BodyPublishers.ofByteArray(PNG)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();

            assertEquals(200, status, "in " + region);
            assertArrayEquals(PNG, bucket.read(StoredImage.key(upload.reference()).orElseThrow()).orElseThrow().bytes(), "in " + region);
            HttpResponse<String> location = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    MotoServer.shared().endpoint().resolve("/" + name + "?location")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(region.equals("us-east-1"), !location.body().contains(region), location.body());
            String cors = HttpClient.newHttpClient().send(HttpRequest.newBuilder(MotoServer.shared().endpoint().resolve("/" + name + "?cors"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(cors.contains("<AllowedOrigin>http://127.0.0.1:4562</AllowedOrigin>") && cors.contains("<AllowedMethod>PUT</AllowedMethod>")
                    && cors.contains("<AllowedHeader>x-amz-checksum-sha256</AllowedHeader>"), cors);
        }
    }
}
