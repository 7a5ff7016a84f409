package socialdesk.aws.bedrock;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import socialdesk.core.json.Json;

/**
 * A loopback HTTP server that speaks the Bedrock Runtime Converse operation's wire format
 * ({@code POST /model/{modelId}/converse}, JSON in and out, errors named by the
 * {@code x-amzn-ErrorType} header as the service does), answering with the replies it is given, in
 * order. Like the service, it refuses a request that is not signed (SigV4 for the {@code bedrock}
 * signing name) or not on the Converse path. It keeps each request it accepted.
 */
final class ConverseServer implements AutoCloseable {
    private static final Pattern PATH = Pattern.compile("/model/([^/]+)/converse");

    /** One accepted request: the model id from the path (decoded), the JSON body (parsed and as sent), the signature. */
    record Received(String modelId, Map<String, Object> body, String rawBody, String authorization) {
    }

    private record Reply(int status, String errorType, String body, Duration delay) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final ConcurrentLinkedQueue<Reply> replies = new ConcurrentLinkedQueue<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private ConverseServer(HttpServer server) {
        this.server = server;
    }

    static ConverseServer start() {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            ConverseServer converse = new ConverseServer(http);
            http.createContext("/", converse::handle);
            http.setExecutor(converse.threads);
            http.start();
            return converse;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI uri() {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort());
    }

    /** Answers the next request with a 200 and this JSON body. */
    ConverseServer answer(String body) {
        replies.add(new Reply(200, null, body, Duration.ZERO));
        return this;
    }

    /** Answers the next request only after {@code delay}. */
    ConverseServer answerAfter(Duration delay, String body) {
        replies.add(new Reply(200, null, body, delay));
        return this;
    }

    /** Answers the next request with an error the SDK reads by its type, as the service sends it. */
    ConverseServer error(int status, String errorType, String message) {
        replies.add(new Reply(status, errorType, Json.write(Map.of("message", message)), Duration.ZERO));
        return this;
    }

    /** Forgets queued replies and received requests: one server serves a test class, as one client does. */
    void reset() {
        replies.clear();
        received.clear();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** A Converse response whose only content block is a call of {@code tool} with this input (a JSON object). */
    static String toolUse(String tool, String inputJson) {
        return """
                {"output":{"message":{"role":"assistant","content":[{"toolUse":{"toolUseId":"tooluse_kZJMlvQmRJ6eAyJE5GIl7Q",\
                "name":"%s","input":%s}}]}},"stopReason":"tool_use",\
                "usage":{"inputTokens":812,"outputTokens":96,"totalTokens":908},"metrics":{"latencyMs":640}}"""
                .formatted(tool, inputJson);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] bytes;
        try (InputStream in = exchange.getRequestBody()) {
            bytes = in.readAllBytes();
        }
        Matcher path = PATH.matcher(exchange.getRequestURI().getRawPath());
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (!"POST".equals(exchange.getRequestMethod()) || !path.matches()) {
            send(exchange, new Reply(404, "UnknownOperationException", "{}", Duration.ZERO));
            return;
        }
        if (authorization == null || !authorization.startsWith("AWS4-HMAC-SHA256 ") || !authorization.contains("/bedrock/aws4_request")) {
            send(exchange, new Reply(403, "MissingAuthenticationTokenException",
                    Json.write(Map.of("message", "Missing Authentication Token")), Duration.ZERO));
            return;
        }
        String raw = new String(bytes, StandardCharsets.UTF_8);
        received.add(new Received(URLDecoder.decode(path.group(1), StandardCharsets.UTF_8), Json.parseObject(raw), raw, authorization));
        Reply reply = replies.poll();
        if (reply == null) {
            reply = new Reply(500, "InternalServerException", Json.write(Map.of("message", "no reply queued")), Duration.ZERO);
        }
        if (!reply.delay().isZero()) {
            try {
                Thread.sleep(reply.delay());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.close();
                return;
            }
        }
        send(exchange, reply);
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        byte[] out = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("x-amzn-RequestId", "5d7f2b1e-0c3a-4c1b-9a57-1f0e6b0f2a10");
        if (reply.errorType() != null) {
            exchange.getResponseHeaders().add("x-amzn-ErrorType", reply.errorType() + ":http://internal.amazon.com/coral/com.amazon.bedrock/");
        }
        try {
            exchange.sendResponseHeaders(reply.status(), out.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(out);
            }
        } catch (IOException e) {
            // The client gave up waiting (a timeout test): nothing left to answer.
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
