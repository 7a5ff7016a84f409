package socialdesk.aws.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/** How the media bucket's own reads meet S3's answers: absent, present, failing for a while, refused. */
class S3MediaBucketReadsTest {
    private static final String KEY = "uploads/0b6c1a52-8f8e-4a55-9a3c-3c5b8e1f2a11.jpg";
    private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0};

    private record Answer(int status, byte[] body) {
    }

    private final Deque<Answer> answers = new ArrayDeque<>();
    private final List<String> seen = new ArrayList<>();
    private HttpServer server;
    private S3MediaBucket bucket;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + "?" + exchange.getRequestURI().getQuery());
                Answer answer = answers.isEmpty() ? new Answer(500, new byte[0]) : answers.poll();
                exchange.getResponseHeaders().add("Content-Type", "image/jpeg");
                exchange.getResponseHeaders().add("Last-Modified", "Sun, 06 Dec 2026 07:00:00 GMT");
                boolean head = exchange.getRequestMethod().equals("HEAD");
                exchange.sendResponseHeaders(answer.status(), head ? -1 : answer.body().length == 0 ? -1 : answer.body().length);
                if (!head && answer.body().length > 0) {
                    exchange.getResponseBody().write(answer.body());
                }
            }
        });
        server.start();
        bucket = new S3MediaBucket(UrlConnectionHttpClient.create(), StaticCredentialsProvider.create(AwsBasicCredentials.create("k", "s")),
                Region.EU_WEST_1, URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "media", Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aMissingObjectIsEmptyAndAStoredOneIsReadSignedAtItsPathStyleAddress() {
        answers.add(new Answer(404, "<Error><Code>NoSuchKey</Code></Error>".getBytes(StandardCharsets.UTF_8)));
        answers.add(new Answer(200, JPEG));
        answers.add(new Answer(200, JPEG));
        assertEquals(Optional.empty(), bucket.read(KEY));
        S3MediaBucket.Read read = bucket.read(KEY).orElseThrow();
        assertEquals("image/jpeg", read.contentType());
        assertArrayEquals(JPEG, read.bytes());
        assertEquals(Instant.parse("2026-12-06T07:00:00Z"), bucket.head(KEY).orElseThrow().uploadedAt());
        assertTrue(seen.get(0).startsWith("GET /media/" + KEY + "?") && seen.get(0).contains("X-Amz-Algorithm=AWS4-HMAC-SHA256"), seen.get(0));
        assertTrue(seen.get(2).startsWith("HEAD /media/" + KEY + "?"), seen.get(2));
    }

    @Test
    void aFewFailuresOnS3sSideAreRetriedThenTheReadGoesThrough() {
        answers.add(new Answer(503, new byte[0]));
        answers.add(new Answer(500, new byte[0]));
        answers.add(new Answer(200, JPEG));
        assertArrayEquals(JPEG, bucket.read(KEY).orElseThrow().bytes());
        assertEquals(3, seen.size());
    }

    @Test
    void failuresPastTheAttemptsOrARefusalAreUnavailableNeverEmpty() {
        S3MediaBucket.UnavailableException failing = assertThrows(S3MediaBucket.UnavailableException.class, () -> bucket.read(KEY));
        assertEquals("GET of " + KEY + " in the media bucket answered HTTP 500", failing.getMessage());
        assertEquals(3, seen.size());

        answers.add(new Answer(403, "<Error><Code>AccessDenied</Code></Error>".getBytes(StandardCharsets.UTF_8)));
        S3MediaBucket.UnavailableException refused = assertThrows(S3MediaBucket.UnavailableException.class, () -> bucket.head(KEY));
        assertEquals("HEAD of " + KEY + " in the media bucket answered HTTP 403", refused.getMessage());
        assertEquals(4, seen.size(), "a refusal is not retried");

        server.stop(0);
        S3MediaBucket.UnavailableException gone = assertThrows(S3MediaBucket.UnavailableException.class, () -> bucket.read(KEY));
        assertTrue(gone.getMessage().startsWith("GET of " + KEY + " in the media bucket failed: "), gone.getMessage());
    }
}
