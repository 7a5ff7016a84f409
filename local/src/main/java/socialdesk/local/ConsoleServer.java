package socialdesk.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;
import socialdesk.core.json.Json;
import socialdesk.core.json.JsonException;
import socialdesk.core.json.JsonRead;
import socialdesk.core.log.JsonLog;

/**
 * The web console on loopback, standing in for what serves it on AWS: the built files of
 * {@code console/dist} with the same security headers CloudFront adds (a strict
 * Content-Security-Policy among them), and {@code /api/*} forwarded to the posts API as the HTTP API
 * forwards it: payload format 2.0 on stage {@code api}, with the caller's claims in
 * {@code requestContext.authorizer.jwt.claims}. In place of Cognito, a local sign-in gives a bearer
 * token for a name (this server listens on loopback only, for the person at this machine); a
 * request to {@code /api/*} without a token it gave is a 401 the function never sees, as with the
 * JWT authorizer.
 */
public final class ConsoleServer implements AutoCloseable {
    private static final String POLICY_BEFORE_CONNECT = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; ";
    private static final String POLICY_AFTER_CONNECT = "; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    static final String API_STAGE = "api";
    private static final int MAX_BODY_BYTES = FunctionUrlServer.MAX_EVENT_BYTES;
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8", "json", "application/json", "svg", "image/svg+xml", "png", "image/png", "ico", "image/x-icon");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Path dist;
    private final UnaryOperator<byte[]> postsApi;
    private final Map<String, String> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final String contentSecurityPolicy;

    /**
     * @param port        0 for any free port
     * @param dist        the built console ({@code console/dist})
     * @param mediaOrigin where POST /media's upload URLs point ({@code http://127.0.0.1:<port>}, the local AWS
     *                    endpoint), which the page's CSP must let it reach
     * @param postsApi    the posts API's invocation: event bytes in, answer bytes out
     */
    public ConsoleServer(int port, Path dist, String mediaOrigin, UnaryOperator<byte[]> postsApi) {
        this.dist = dist.toAbsolutePath().normalize();
        this.postsApi = postsApi;
        this.contentSecurityPolicy = contentSecurityPolicy(mediaOrigin);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        } catch (IOException e) {
            throw new IllegalStateException("console: cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /**
     * The policy CloudFront's response headers policy sets (template.yaml; ConsoleServerTest checks both
     * say the same), with this machine's media endpoint where the template names the bucket's regional
     * address, and no sign-in page (the local sign-in is this server's own).
     */
    static String contentSecurityPolicy(String mediaOrigin) {
        return POLICY_BEFORE_CONNECT + "connect-src 'self' " + mediaOrigin + POLICY_AFTER_CONNECT;
    }

    /** The Content-Security-Policy every answer carries. */
    public String contentSecurityPolicy() {
        return contentSecurityPolicy;
    }

    /** Whether {@code dist} holds a built console (its index.html). */
    public static boolean built(Path dist) {
        return Files.isRegularFile(dist.resolve("index.html"));
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            FunctionUrlEvents.HttpResponse response;
            try {
                if (path.equals("/" + API_STAGE) || path.startsWith("/" + API_STAGE + "/")) {
                    response = api(exchange, path);
                } else if (path.equals("/local/sign-in")) {
                    response = method.equals("POST") ? signIn(exchange.getRequestBody().readNBytes(4096)) : json(405, Map.of("message", "use POST"));
                } else if (path.equals("/config.json")) {
                    response = json(200, Map.of("auth", "local", "apiBase", "/" + API_STAGE));
                } else if (method.equals("GET") || method.equals("HEAD")) {
                    response = file(path);
                } else {
                    response = json(405, Map.of("message", "the console's files are read with GET"));
                }
            } catch (LocalFunction.ThrottledException e) {
                response = FunctionUrlEvents.throttled();
            } catch (RuntimeException e) {
                JsonLog.warn("console request failed", "path", path, "error", String.valueOf(e.getMessage()));
                response = FunctionUrlEvents.functionError();
            }
            send(exchange, method, response, contentSecurityPolicy);
        }
    }

    private FunctionUrlEvents.HttpResponse signIn(byte[] body) {
        String name;
        try {
            name = JsonRead.string(Json.parse(body), "username");
        } catch (JsonException e) {
            name = null;
        }
        if (name == null || !name.strip().matches("[\\p{L}\\p{N} ._@-]{1,64}")) {
            return json(400, Map.of("error", Map.of("code", "invalid_name", "message", "give a name of 1 to 64 letters, digits, spaces or . _ @ -")));
        }
        byte[] token = new byte[32];
        random.nextBytes(token);
        String hex = HexFormat.of().formatHex(token);
        sessions.put(hex, name.strip());
        return json(200, Map.of("token", hex, "username", name.strip()));
    }

    /** {@code /api/*}: the signed-in user's request as the HTTP API's JWT authorizer passes it on. */
    private FunctionUrlEvents.HttpResponse api(HttpExchange exchange, String path) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String user = authorization != null && authorization.startsWith("Bearer ") ? sessions.get(authorization.substring(7).strip()) : null;
        if (user == null) {
            return json(401, Map.of("message", "Unauthorized"));
        }
        byte[] body = exchange.getRequestBody().readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            return FunctionUrlEvents.tooLarge(MAX_BODY_BYTES);
        }
        FunctionUrlEvents.HttpRequest request = new FunctionUrlEvents.HttpRequest(exchange.getRequestMethod(), path,
                exchange.getRequestURI().getRawQuery(), new LinkedHashMap<>(exchange.getRequestHeaders()), body,
                exchange.getRemoteAddress().getAddress().getHostAddress(), Instant.now());
        String event = httpApiEvent(FunctionUrlEvents.toEvent(request, "127.0.0.1:" + server.getAddress().getPort()), user);
        return FunctionUrlEvents.toHttp(postsApi.apply(event.getBytes(StandardCharsets.UTF_8)));
    }

    /** A function URL event made into what an HTTP API stage with a JWT authorizer sends: its stage, route and the user's claims. */
    @SuppressWarnings("unchecked")
    static String httpApiEvent(String functionUrlEvent, String user) {
        Map<String, Object> event = (Map<String, Object>) Json.parse(functionUrlEvent);
        Map<String, Object> context = (Map<String, Object>) event.get("requestContext");
        event.put("routeKey", "ANY /{proxy+}");
        context.put("routeKey", "ANY /{proxy+}");
        context.put("stage", API_STAGE);
        context.put("authorizer", Map.of("jwt", Map.of("claims", Map.of("sub", "local:" + user, "username", user,
                "token_use", "access", "iss", "social-desk-local"), "scopes", List.of())));
        return Json.write(event);
    }

    private FunctionUrlEvents.HttpResponse file(String rawPath) throws IOException {
        String relative = rawPath.equals("/") ? "index.html" : rawPath.substring(1);
        Path file = dist.resolve(relative).normalize();
        if (!file.startsWith(dist) || !Files.isRegularFile(file)) {
            return new FunctionUrlEvents.HttpResponse(404, Map.of("content-type", "text/plain; charset=utf-8"), List.of(),
                    "not found".getBytes(StandardCharsets.UTF_8));
        }
        String name = file.getFileName().toString();
        String type = TYPES.getOrDefault(name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT), "application/octet-stream");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", type);
        headers.put("cache-control", name.equals("index.html") ? "no-cache" : "public, max-age=31536000, immutable");
        return new FunctionUrlEvents.HttpResponse(200, headers, List.of(), Files.readAllBytes(file));
    }

    private static FunctionUrlEvents.HttpResponse json(int status, Object body) {
        return new FunctionUrlEvents.HttpResponse(status, Map.of("content-type", "application/json"), List.of(),
                Json.write(body).getBytes(StandardCharsets.UTF_8));
    }

    /** Sends the response with the security headers CloudFront adds to every answer. */
    private static void send(HttpExchange exchange, String method, FunctionUrlEvents.HttpResponse response, String contentSecurityPolicy)
            throws IOException {
        response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.getResponseHeaders().set("Content-Security-Policy", contentSecurityPolicy);
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.getResponseHeaders().set("X-Frame-Options", "DENY");
        exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
        int length = response.body().length;
        boolean head = method.equals("HEAD");
        exchange.sendResponseHeaders(response.status(), head || length == 0 ? -1 : length);
        if (!head && length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
