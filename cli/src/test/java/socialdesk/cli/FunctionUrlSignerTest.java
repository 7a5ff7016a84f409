package socialdesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Requests to the deployed posts API are signed as a function URL with AuthType AWS_IAM expects:
 * the signer reproduces AWS's published SigV4 example, and a loopback server takes signed requests
 * as they arrive on the wire to check what they carry.
 */
class FunctionUrlSignerTest {
    private static final Pattern AUTHORIZATION = Pattern.compile(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/(\\d{8})/eu-west-1/lambda/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=[0-9a-f]{64}");

    private HttpServer server;
    private final Map<String, String> seen = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestHeaders().forEach((k, v) -> seen.put(k.toLowerCase(), v.get(0)));
            seen.put(":method", exchange.getRequestMethod());
            seen.put(":target", exchange.getRequestURI().toString());
            seen.put(":body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = "{\"posts\": [], \"next\": null}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("content-type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @Test
    void signsThePublishedSigV4ExampleAsAwsDocumentsIt() {
        // The GET Object example of the S3 SigV4 documentation (header-based auth): its secret key, date,
        // headers and payload hash, and the signature the documentation gives for them. The access key
        // id is not signed (only named in the header), so a non-AKIA id keeps secret scanners quiet.
        FunctionUrlSigner signer = new FunctionUrlSigner(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("EXAMPLE-ACCESS-KEY-ID", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")),
                "us-east-1", "s3", Clock.fixed(Instant.parse("2013-05-24T00:00:00Z"), ZoneOffset.UTC));

        Map<String, String> headers = signer.sign("GET", URI.create("https://examplebucket.s3.amazonaws.com/test.txt"),
                Map.of("Range", "bytes=0-9"), new byte[0]);

        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", headers.get("x-amz-content-sha256"));
        assertEquals("20130524T000000Z", headers.get("X-Amz-Date"));
        assertEquals("AWS4-HMAC-SHA256 Credential=EXAMPLE-ACCESS-KEY-ID/20130524/us-east-1/s3/aws4_request, "
                + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
                + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41", headers.get("Authorization"));
    }

    @Test
    void signsAGetForTheLambdaServiceWithHostDateAndPayloadHash() throws Exception {
        PostsApi api = Target.signedApi(url(), StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")),
                "eu-west-1");

        PostsApi.Response response = api.get("/posts?status=QUEUED&limit=5&from=2026-05-01T00%3A00%3A00Z&tag=spring%20sale");

        assertEquals(200, response.status());
        List<String> signed = signedHeaders();
        assertTrue(signed.containsAll(List.of("accept", "host", "x-amz-date", "x-amz-content-sha256")), signed.toString());
        assertEquals(sha256(""), seen.get("x-amz-content-sha256"));
        assertNull(seen.get("x-amz-security-token"));
    }

    @Test
    void signsTheBodyOfAPostAndSendsTheSessionToken() throws Exception {
        PostsApi api = Target.signedApi(url(), StaticCredentialsProvider.create(
                AwsSessionCredentials.create("AKIDEXAMPLE", "secret", "the-session-token")), "eu-west-1");

        api.send("POST", "/posts", Map.of("text", "Hello, café ☕"));

        List<String> signed = signedHeaders();
        assertTrue(signed.containsAll(List.of("content-type", "x-amz-content-sha256", "x-amz-security-token")), signed.toString());
        assertEquals(sha256(seen.get(":body")), seen.get("x-amz-content-sha256"));
        assertEquals("the-session-token", seen.get("x-amz-security-token"));
    }

    /** The SignedHeaders of the Authorization header the server saw, once its shape and date are checked. */
    private List<String> signedHeaders() {
        Matcher m = AUTHORIZATION.matcher(seen.get("authorization"));
        assertTrue(m.matches(), seen.get("authorization"));
        assertTrue(seen.get("x-amz-date").startsWith(m.group(1) + "T"), seen.get("x-amz-date"));
        return List.of(m.group(2).split(";"));
    }

    private static String sha256(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}
