package socialdesk.platforms.fake;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import socialdesk.platforms.PublicUrlFetcher;

/**
 * Web pages and images on loopback, for link cards: {@link #page} and {@link #file} put content at a
 * path, {@link #url} gives its address under the name {@value #HOST}. {@link #fetcher()} is the
 * fetcher tests hand to a publisher: it resolves {@value #HOST} to loopback and every other name to
 * nothing (tests never ask DNS), and its address policy lets loopback through, which production's
 * never does.
 */
public final class FakeWebPages implements AutoCloseable {
    public static final String HOST = "pages.test";

    private record Content(String type, byte[] body) {
    }

    private final Map<String, Content> content = new ConcurrentHashMap<>();
    private final List<String> requested = new CopyOnWriteArrayList<>();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpServer server;

    public FakeWebPages() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::answer);
        server.start();
    }

    /** {@code http://pages.test:<port><path>}. */
    public String url(String path) {
        return "http://" + HOST + ":" + server.getAddress().getPort() + path;
    }

    /** An HTML page with these Open Graph properties ({@code og:title} ...) in its head. */
    public void page(String path, Map<String, String> openGraph) {
        StringBuilder html = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>Fallback title</title>");
        openGraph.forEach((property, value) -> html.append("<meta property=\"").append(property).append("\" content=\"")
                .append(value.replace("&", "&amp;").replace("\"", "&quot;")).append("\">"));
        html.append("</head><body><p>Body text</p></body></html>");
        file(path, "text/html; charset=utf-8", html.toString().getBytes(StandardCharsets.UTF_8));
    }

    public void file(String path, String contentType, byte[] body) {
        content.put(path, new Content(contentType, body));
    }

    /** Paths requested so far, in order. */
    public List<String> requested() {
        return List.copyOf(requested);
    }

    /** The fetcher for tests: {@value #HOST} is loopback, loopback is allowed. */
    public PublicUrlFetcher fetcher(Duration timeout) {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        return new PublicUrlFetcher(timeout, a -> a.equals(loopback) || PublicUrlFetcher.isPublic(a), host -> {
            if (host.equals(HOST)) {
                return List.of(loopback);
            }
            throw new UnknownHostException(host + " (tests resolve only " + HOST + ")");
        });
    }

    public PublicUrlFetcher fetcher() {
        return fetcher(Duration.ofSeconds(2));
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            requested.add(exchange.getRequestURI().getPath());
            Content c = content.get(exchange.getRequestURI().getPath());
            if (c == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            exchange.getResponseHeaders().add("Content-Type", c.type());
            exchange.sendResponseHeaders(200, c.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(c.body());
            }
        } catch (IOException e) {
            // the fetcher gave up: nothing to answer
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
