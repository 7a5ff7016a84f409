package socialdesk.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;
import socialdesk.core.log.JsonLog;

/**
 * A function URL on loopback: every request, on any path, becomes a payload format 2.0 event for
 * the function, and the function's answer becomes the HTTP response. A failed invocation is a 502
 * and a throttled one (reserved concurrency in use) a 429, as on AWS.
 */
public final class FunctionUrlServer implements AutoCloseable {
    /**
     * Lambda's limit on a synchronous invocation's payload, which for a function URL is the event
     * built from the request (headers, and the body, base64 when binary): 6 MB, in Lambda's unit.
     */
    static final int MAX_EVENT_BYTES = 6 * 1024 * 1024;

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final String name;
    private final UnaryOperator<byte[]> function;

    /**
     * @param port     0 for any free port
     * @param function the invocation: event bytes in, answer bytes out (throws when the function failed)
     */
    public FunctionUrlServer(String name, int port, UnaryOperator<byte[]> function) {
        this.name = name;
        this.function = function;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        } catch (IOException e) {
            throw new IllegalStateException(name + ": cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:<port>} */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, List<String>> headers = new LinkedHashMap<>(exchange.getRequestHeaders());
            FunctionUrlEvents.HttpRequest request = new FunctionUrlEvents.HttpRequest(exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery(), headers,
                    exchange.getRequestBody().readNBytes(MAX_EVENT_BYTES + 1), exchange.getRemoteAddress().getAddress().getHostAddress(),
                    Instant.now());
            String domain = "127.0.0.1:" + port();
            FunctionUrlEvents.HttpResponse response;
            try {
                byte[] event = FunctionUrlEvents.toEvent(request, domain).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                response = event.length > MAX_EVENT_BYTES ? FunctionUrlEvents.tooLarge(MAX_EVENT_BYTES)
                        : FunctionUrlEvents.toHttp(function.apply(event));
            } catch (LocalFunction.ThrottledException e) {
                response = FunctionUrlEvents.throttled();
            } catch (RuntimeException e) {
                JsonLog.warn("function URL invocation failed", "function", name, "error", String.valueOf(e.getMessage()));
                response = FunctionUrlEvents.functionError();
            }
            response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            response.cookies().forEach(c -> exchange.getResponseHeaders().add("Set-Cookie", c));
            boolean head = exchange.getRequestMethod().equalsIgnoreCase("HEAD");
            int length = response.body().length;
            exchange.sendResponseHeaders(response.status(), head || length == 0 ? -1 : length);
            if (!head && length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response.body());
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
