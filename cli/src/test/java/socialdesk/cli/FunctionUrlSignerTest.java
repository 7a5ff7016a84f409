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
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import socialdesk.aws.client.AwsCredentials;
import socialdesk.aws.client.CredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * Requests to the deployed posts API are signed as a function URL with AuthType AWS_IAM expects:
 * a loopback server takes them as they arrive on the wire, and the AWS SDK's own signer, given the
 * same request, key and time, must come to the same Authorization header.
 */
class FunctionUrlSignerTest {
    private static final Pattern AUTHORIZATION = Pattern.compile(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/(\\d{8})/eu-west-1/lambda/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=[0-9a-f]{64}");
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

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
    void signsAGetForTheLambdaServiceWithHostDateAndPayloadHash() throws Exception {
        PostsApi api = Target.signedApi(url(), CredentialsProvider.fixed(AwsCredentials.of("AKIDEXAMPLE", "secret")), "eu-west-1");

        PostsApi.Response response = api.get("/posts?status=QUEUED&limit=5&from=2026-05-01T00%3A00%3A00Z&tag=spring%20sale");

        assertEquals(200, response.status());
        List<String> signed = signedHeaders();
        assertTrue(signed.containsAll(List.of("accept", "host", "x-amz-date", "x-amz-content-sha256")), signed.toString());
        assertEquals(sha256(""), seen.get("x-amz-content-sha256"));
        assertNull(seen.get("x-amz-security-token"));
        assertEquals(sdkAuthorization(AwsCredentialsIdentity.create("AKIDEXAMPLE", "secret"), signed), seen.get("authorization"));
    }

    @Test
    void signsTheBodyOfAPostAndSendsTheSessionToken() throws Exception {
        PostsApi api = Target.signedApi(url(), CredentialsProvider.fixed(
                new AwsCredentials("AKIDEXAMPLE", "secret", "the-session-token", null)), "eu-west-1");

        api.send("POST", "/posts", Map.of("text", "Hello, café ☕"));

        List<String> signed = signedHeaders();
        assertTrue(signed.containsAll(List.of("content-type", "x-amz-content-sha256", "x-amz-security-token")), signed.toString());
        assertEquals(sha256(seen.get(":body")), seen.get("x-amz-content-sha256"));
        assertEquals("the-session-token", seen.get("x-amz-security-token"));
        assertEquals(sdkAuthorization(AwsSessionCredentialsIdentity.create("AKIDEXAMPLE", "secret", "the-session-token"), signed),
                seen.get("authorization"));
    }

    @Test
    void theDefaultChainsSessionCredentialsKeepTheirTokenAndExpiry() throws Exception {
        Instant expires = Instant.parse("2026-05-01T12:00:00Z");
        AwsCredentials session = Target.fromSdk(AwsSessionCredentials.builder().accessKeyId("AKIDEXAMPLE").secretAccessKey("secret")
                .sessionToken("sso-token").expirationTime(expires).build());
        AwsCredentials basic = Target.fromSdk(AwsBasicCredentials.create("AKIDEXAMPLE", "secret"));

        assertEquals(new AwsCredentials("AKIDEXAMPLE", "secret", "sso-token", expires), session);
        assertEquals(new AwsCredentials("AKIDEXAMPLE", "secret", null, null), basic);

        Target.signedApi(url(), () -> session, "eu-west-1").send("DELETE", "/posts/p-1", null);
        assertEquals("sso-token", seen.get("x-amz-security-token"));
        assertEquals(sdkAuthorization(AwsSessionCredentialsIdentity.create("AKIDEXAMPLE", "secret", "sso-token"), signedHeaders()),
                seen.get("authorization"));
    }

    /** The SignedHeaders of the Authorization header the server saw, once its shape and date are checked. */
    private List<String> signedHeaders() {
        Matcher m = AUTHORIZATION.matcher(seen.get("authorization"));
        assertTrue(m.matches(), seen.get("authorization"));
        assertTrue(seen.get("x-amz-date").startsWith(m.group(1) + "T"), seen.get("x-amz-date"));
        return List.of(m.group(2).split(";"));
    }

    /**
     * The Authorization header the SDK's signer makes for the request the server saw: same method,
     * target, Host, signed headers, body, key and time.
     */
    private String sdkAuthorization(AwsCredentialsIdentity identity, List<String> signedHeaders) {
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(seen.get(":method")))
                .uri(URI.create("http://" + seen.get("host") + seen.get(":target")));
        for (String name : signedHeaders) {
            if (!List.of("host", "x-amz-date", "x-amz-security-token", "x-amz-content-sha256").contains(name)) {
                request.putHeader(name, seen.get(name));
            }
        }
        // Asks the SDK to hash the payload and sign the hash, as ours does.
        request.putHeader("x-amz-content-sha256", "required");
        Clock at = Clock.fixed(Instant.from(AMZ_DATE.parse(seen.get("x-amz-date"))), ZoneOffset.UTC);
        return AwsV4HttpSigner.create().sign(r -> r.identity(identity)
                        .request(request.build())
                        .payload(ContentStreamProvider.fromUtf8String(seen.get(":body")))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "lambda")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, "eu-west-1")
                        .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true)
                        .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, at))
                .request().firstMatchingHeader("Authorization").orElseThrow();
    }

    private static String sha256(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}
