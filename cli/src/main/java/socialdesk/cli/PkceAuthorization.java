package socialdesk.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import socialdesk.core.json.Json;
import socialdesk.core.json.JsonException;
import socialdesk.core.json.JsonRead;
import socialdesk.core.platform.token.OAuthTokens;

/**
 * OAuth 2.0 Authorization Code with PKCE (RFC 7636, S256) and a loopback redirect (RFC 8252): a
 * one-shot server on {@code http://127.0.0.1:<port>/callback} receives the code, which is exchanged
 * for the first tokens. The {@code state} guards against a forged callback; the verifier never leaves
 * this process except to the token endpoint.
 */
final class PkceAuthorization implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final URI authorizeEndpoint;
    private final URI tokenEndpoint;
    private final String clientId;
    private final String clientSecret;
    private final List<String> scopes;
    private final HttpClient http;
    private final Clock clock;
    private final String verifier = random(32);
    private final String state = random(16);
    private final HttpServer server;
    private final URI redirectUri;
    private final CompletableFuture<String> code = new CompletableFuture<>();

    PkceAuthorization(URI authorizeEndpoint, URI tokenEndpoint, String clientId, String clientSecret, List<String> scopes,
                      int port, HttpClient http, Clock clock) {
        this.authorizeEndpoint = authorizeEndpoint;
        this.tokenEndpoint = tokenEndpoint;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.scopes = List.copyOf(scopes);
        this.http = http;
        this.clock = clock;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new CliException(1, "cannot listen on 127.0.0.1:" + port + " for the redirect (" + e.getMessage()
                    + "); pick another with --port and register http://127.0.0.1:<port>/callback with the app");
        }
        server.createContext("/callback", this::callback);
        server.start();
        redirectUri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/callback");
    }

    /** The redirect URI to register with the app (the port chosen when 0 was asked for). */
    URI redirectUri() {
        return redirectUri;
    }

    /** Where the person signs in and consents. */
    URI authorizeUri() {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", clientId);
        query.put("redirect_uri", redirectUri.toString());
        query.put("scope", String.join(" ", scopes));
        query.put("state", state);
        query.put("code_challenge", challenge(verifier));
        query.put("code_challenge_method", "S256");
        return URI.create(authorizeEndpoint + "?" + form(query));
    }

    /** Waits for the browser to come back with a code. */
    String awaitCode(Duration timeout) {
        try {
            return code.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new CliException(1, "no authorisation arrived within " + timeout.toMinutes() + " minutes");
        } catch (ExecutionException e) {
            throw new CliException(1, e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(1, "interrupted while waiting for the authorisation");
        }
    }

    /** Exchanges the code for the first access and refresh tokens. */
    OAuthTokens exchange(String authorizationCode) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("grant_type", "authorization_code");
        body.put("code", authorizationCode);
        body.put("redirect_uri", redirectUri.toString());
        body.put("code_verifier", verifier);
        body.put("client_id", clientId);
        HttpRequest.Builder request = HttpRequest.newBuilder(tokenEndpoint).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded");
        if (clientSecret != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (enc(clientId) + ":" + enc(clientSecret)).getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.POST(HttpRequest.BodyPublishers.ofString(form(body))).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new CliException(1, "the token endpoint could not be reached: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(1, "interrupted during the token exchange");
        }
        Map<String, Object> json;
        try {
            json = Json.parseObject(response.body());
        } catch (JsonException e) {
            json = Map.of();
        }
        String access = JsonRead.string(json, "access_token");
        Long expiresIn = JsonRead.integer(json, "expires_in");
        if (response.statusCode() != 200 || access == null || expiresIn == null) {
            throw new CliException(1, "the token exchange was refused (" + response.statusCode() + "): "
                    + JsonRead.string(json, "error") + " " + JsonRead.string(json, "error_description"));
        }
        return new OAuthTokens(access, JsonRead.string(json, "refresh_token"), clock.instant().plus(Duration.ofSeconds(expiresIn)));
    }

    private void callback(HttpExchange exchange) throws IOException {
        Map<String, String> query = parse(exchange.getRequestURI().getRawQuery());
        String answer;
        if (!state.equals(query.get("state"))) {
            answer = "This answer does not belong to the authorisation under way (state differs); it was ignored.";
            respond(exchange, 400, answer);
            return;
        }
        if (query.get("error") != null) {
            answer = "The authorisation was not granted: " + query.get("error");
            code.completeExceptionally(new IllegalStateException(answer));
        } else if (query.get("code") == null) {
            answer = "The answer carried no code.";
            code.completeExceptionally(new IllegalStateException(answer));
        } else {
            answer = "Authorised. You can close this tab and go back to the terminal.";
            code.complete(query.get("code"));
        }
        respond(exchange, 200, answer);
    }

    private static void respond(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new UncheckedIOException(new IOException("SHA-256 is missing from this JDK", e));
        }
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static Map<String, String> parse(String raw) {
        Map<String, String> fields = new HashMap<>();
        if (raw == null) {
            return fields;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return fields;
    }

    private static String form(Map<String, String> fields) {
        StringBuilder out = new StringBuilder();
        fields.forEach((k, v) -> out.append(out.isEmpty() ? "" : "&").append(enc(k)).append('=').append(enc(v)));
        return out.toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
