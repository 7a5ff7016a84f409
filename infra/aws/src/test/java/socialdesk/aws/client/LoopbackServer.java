package socialdesk.aws.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP server on a loopback port that answers with the replies it is given, in order (then
 * {@code 200 {}}), and keeps every request it received as it arrived on the wire.
 */
final class LoopbackServer implements AutoCloseable {
    /** One request as received; header names lower-case. */
    record Received(String method, String rawPathAndQuery, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private record Reply(int status, byte[] body) {
    }

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Reply> replies = new ConcurrentLinkedQueue<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private LoopbackServer(HttpServer server) {
        this.server = server;
    }

    static LoopbackServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            LoopbackServer loopback = new LoopbackServer(server);
            server.createContext("/", loopback::handle);
            server.start();
            return loopback;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http://127.0.0.1:<port>/} */
    URI uri() {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort() + "/");
    }

    LoopbackServer reply(int status, String body) {
        replies.add(new Reply(status, body.getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers, body));
        Reply reply = replies.poll();
        if (reply == null) {
            reply = new Reply(200, "{}".getBytes(StandardCharsets.UTF_8));
        }
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
        exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(reply.body());
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** The {@code X-Amz-Target} of each request, in arrival order. */
    List<String> targets() {
        List<String> out = new ArrayList<>();
        received.forEach(r -> out.add(r.header("X-Amz-Target")));
        return out;
    }
}
