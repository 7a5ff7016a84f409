package socialdesk.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import socialdesk.core.json.Json;
import socialdesk.core.json.JsonRead;
import socialdesk.template.Template;

/**
 * The console's loopback server: its files with the security headers, the local sign-in, and
 * {@code /api/*} reaching the function as the HTTP API's JWT authorizer passes a request on (only
 * with a token it gave). The function here records the event it is given and answers as Lambda.
 */
class ConsoleServerTest {
    /** The local AWS endpoint, where upload URLs point. */
    private static final String MEDIA = "http://127.0.0.1:4599";
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dist;

    @Test
    void servesTheBuiltFilesWithAStrictPolicyAndNothingOutsideThem() throws Exception {
        Files.writeString(dist.resolve("index.html"), "<!doctype html><title>desk</title>");
        Files.writeString(dist.getParent().resolve("secret.txt"), "outside");
        try (ConsoleServer server = new ConsoleServer(0, dist, MEDIA, event -> new byte[0])) {
            HttpResponse<String> index = get(server.url() + "/");
            HttpResponse<String> config = get(server.url() + "/config.json");
            HttpResponse<String> outside = get(server.url() + "/..%2Fsecret.txt");
            HttpResponse<String> missing = get(server.url() + "/nothing.js");

            assertEquals(200, index.statusCode());
            assertTrue(index.body().contains("desk"));
            assertEquals(server.contentSecurityPolicy(), index.headers().firstValue("content-security-policy").orElseThrow());
            assertTrue(server.contentSecurityPolicy().contains("script-src 'self';"));
            assertTrue(server.contentSecurityPolicy().contains("connect-src 'self' " + MEDIA + ";"), "uploads reach the local bucket");
            assertEquals("nosniff", index.headers().firstValue("x-content-type-options").orElseThrow());
            assertEquals(Map.of("auth", "local", "apiBase", "/api"), Json.parse(config.body()));
            assertEquals(404, outside.statusCode());
            assertEquals(404, missing.statusCode());
        }
    }

    @Test
    void theApiNeedsASignInAndGetsTheUserAsJwtClaimsOnStageApi() throws Exception {
        Files.writeString(dist.resolve("index.html"), "<!doctype html>");
        AtomicReference<String> seen = new AtomicReference<>();
        try (ConsoleServer server = new ConsoleServer(0, dist, MEDIA, event -> {
            seen.set(new String(event, StandardCharsets.UTF_8));
            return "{\"statusCode\": 200, \"headers\": {\"content-type\": \"application/json\"}, \"body\": \"{\\\"posts\\\": []}\"}"
                    .getBytes(StandardCharsets.UTF_8);
        })) {
            HttpResponse<String> anonymous = get(server.url() + "/api/posts");
            HttpResponse<String> forged = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/posts"))
                    .header("Authorization", "Bearer 00").build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> badName = post(server.url() + "/local/sign-in", "{\"username\": \"<script>\"}");
            HttpResponse<String> signIn = post(server.url() + "/local/sign-in", "{\"username\": \"Lan Nguyễn\"}");
            String token = JsonRead.string(Json.parse(signIn.body()), "token");
            HttpResponse<String> listing = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/posts?from=2026-12-01"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());

            assertEquals(401, anonymous.statusCode());
            assertEquals(401, forged.statusCode());
            assertEquals(400, badName.statusCode());
            assertEquals(200, signIn.statusCode(), signIn.body());
            assertEquals(200, listing.statusCode());
            assertEquals("{\"posts\": []}", listing.body());
            Object event = Json.parse(seen.get());
            assertEquals("/api/posts", JsonRead.string(event, "rawPath"));
            assertEquals("api", JsonRead.string(event, "requestContext", "stage"));
            assertEquals("2026-12-01", JsonRead.string(event, "queryStringParameters", "from"));
            assertEquals("Lan Nguyễn", JsonRead.string(event, "requestContext", "authorizer", "jwt", "claims", "username"));
            assertNull(JsonRead.object(event, "requestContext", "authorizer", "iam"));
        }
    }

    /**
     * The local policy is CloudFront's, directive by directive, but for what the page connects to: the
     * local AWS endpoint where AWS has the media bucket's regional address, and no Cognito sign-in page.
     */
    @Test
    void thePolicyIsTheTemplatesWithTheLocalMediaEndpoint() {
        Map<String, Object> headersPolicy = Template.map(Template.load().resource("ConsoleResponseHeadersPolicy").get("Properties"));
        Object sub = Template.map(Template.map(Template.map(Template.map(headersPolicy.get("ResponseHeadersPolicyConfig"))
                .get("SecurityHeadersConfig")).get("ContentSecurityPolicy")).get("ContentSecurityPolicy")).get("Fn::Sub");
        Map<String, String> aws = directives(String.valueOf(Template.list(sub).getFirst()));
        Map<String, String> local = directives(ConsoleServer.contentSecurityPolicy(MEDIA));

        assertEquals(aws.keySet(), local.keySet());
        aws.forEach((name, sources) -> {
            if (!name.equals("connect-src")) {
                assertEquals(sources, local.get(name), name);
            }
        });
        assertTrue(aws.get("connect-src").contains(".s3.${AWS::Region}.${AWS::URLSuffix}"), aws.get("connect-src"));
        assertEquals("'self' " + MEDIA, local.get("connect-src"));
    }

    private static Map<String, String> directives(String policy) {
        Map<String, String> directives = new java.util.LinkedHashMap<>();
        for (String directive : policy.split(";")) {
            String[] parts = directive.strip().split(" ", 2);
            directives.put(parts[0], parts.length > 1 ? parts[1] : "");
        }
        return directives;
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
