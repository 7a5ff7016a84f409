package socialdesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
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

/** Requests to the deployed posts API are signed as a function URL with AuthType AWS_IAM expects (loopback server, static keys). */
class SigV4Test {
    private static final Pattern AUTHORIZATION = Pattern.compile(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/(\\d{8})/eu-west-1/lambda/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=[0-9a-f]{64}");

    private HttpServer server;
    private final Map<String, String> seen = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestHeaders().forEach((k, v) -> seen.put(k.toLowerCase(), v.get(0)));
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
        PostsApi api = Target.signedApi(url(), StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")), "eu-west-1");

        PostsApi.Response response = api.get("/posts?status=QUEUED&limit=5");

        assertEquals(200, response.status());
        Matcher m = AUTHORIZATION.matcher(seen.get("authorization"));
        assertTrue(m.matches(), seen.get("authorization"));
        List<String> signed = List.of(m.group(2).split(";"));
        assertTrue(signed.containsAll(List.of("host", "x-amz-date", "x-amz-content-sha256")), signed.toString());
        assertTrue(seen.get("x-amz-date").startsWith(m.group(1) + "T"), seen.get("x-amz-date"));
        assertEquals(sha256(""), seen.get("x-amz-content-sha256"));
    }

    @Test
    void signsTheBodyOfAPostAndSendsTheSessionToken() throws Exception {
        PostsApi api = Target.signedApi(url(), StaticCredentialsProvider.create(
                AwsSessionCredentials.create("AKIDEXAMPLE", "secret", "the-session-token")), "eu-west-1");

        api.send("POST", "/posts", Map.of("text", "Hello"));

        assertTrue(AUTHORIZATION.matcher(seen.get("authorization")).matches(), seen.get("authorization"));
        assertEquals(sha256(seen.get(":body")), seen.get("x-amz-content-sha256"));
        assertEquals("the-session-token", seen.get("x-amz-security-token"));
        assertTrue(seen.get("authorization").contains("x-amz-security-token"), seen.get("authorization"));
    }

    private static String sha256(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}
