package socialdesk.platforms.fake;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import socialdesk.core.json.Json;

/**
 * A platform API on loopback for tests: {@link HttpServer} on 127.0.0.1, a free port, one virtual
 * thread per request. Subclasses answer requests the way the platform does; this class adds what
 * every fake needs to be scripted:
 *
 * <ul>
 *   <li>{@link #latency(Duration)}: every request waits this long before it is handled (other requests are not held up);</li>
 *   <li>{@link #failNext(int, int, Map, String)}: the next n requests get a canned answer and are not handled at all;</li>
 *   <li>{@link #hangNext(int, Duration)}: the next n requests are handled (their effect happens) but the answer is held back,
 *       so a client with a shorter timeout gives up: the "it worked but we never heard" case;</li>
 *   <li>{@link #requests()}: every request as received, for asserting the exact shape;</li>
 *   <li>{@link #violations()}: everything the fake found wrong with a request (a missing header, a malformed body),
 *       answered as the platform would, and kept here so a test can assert there were none.</li>
 * </ul>
 *
 * Scripts can target one path ({@code failNext("/api/v1/statuses", ...)}) or any request.
 */
public abstract class FakePlatformServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;
    private final URI baseUri;
    private final List<Script> scripts = new ArrayList<>(); // guarded by itself
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private volatile Duration latency = Duration.ZERO;

    protected FakePlatformServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", this::exchange);
        server.start();
        baseUri = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Where the fake listens, with no trailing slash: {@code http://127.0.0.1:<port>}. */
    public URI baseUri() {
        return baseUri;
    }

    /** Every later request waits this long before it is handled. */
    public void latency(Duration latency) {
        this.latency = latency;
    }

    /** The next {@code times} requests (any path) are answered with this, unhandled. */
    public void failNext(int times, int status, Map<String, String> headers, String body) {
        failNext(null, times, status, headers, body);
    }

    /** The next {@code times} requests to {@code path} are answered with this, unhandled. */
    public void failNext(String path, int times, int status, Map<String, String> headers, String body) {
        addScript(new Script(path, times, new Reply(status, headers, body), null));
    }

    /** Drops every scripted answer not used yet: the platform behaves normally again. */
    public void clearScripts() {
        synchronized (scripts) {
            scripts.clear();
        }
    }

    /** The next {@code times} requests (any path) are handled, then their answer is held back for {@code hold}. */
    public void hangNext(int times, Duration hold) {
        hangNext(null, times, hold);
    }

    public void hangNext(String path, int times, Duration hold) {
        addScript(new Script(path, times, null, hold));
    }

    /** Every request received so far, in arrival order. */
    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** Requests received for one path. */
    public List<RecordedRequest> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** What the fake found wrong with requests; empty when every request was well formed. */
    public List<String> violations() {
        return List.copyOf(violations);
    }

    /** Subclasses note a malformed request here (and answer it as the platform would). */
    protected void violation(String what) {
        violations.add(what);
    }

    /**
     * True when the platform closes the connection on this request without any answer (a Bluesky PDS
     * does so when offered an {@code Upgrade: h2c}). The request is still recorded.
     */
    protected boolean closesWithoutAnswer(RecordedRequest request) {
        return false;
    }

    /** Answers one request the platform's way. Runs on its own virtual thread; must be thread-safe. */
    protected abstract Reply handle(RecordedRequest request) throws Exception;

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void addScript(Script script) {
        if (script.remaining < 1) {
            throw new IllegalArgumentException("times must be at least 1");
        }
        synchronized (scripts) {
            scripts.add(script);
        }
    }

    private Script takeScript(String path) {
        synchronized (scripts) {
            for (Iterator<Script> it = scripts.iterator(); it.hasNext(); ) {
                Script s = it.next();
                if (s.path == null || s.path.equals(path)) {
                    if (--s.remaining == 0) {
                        it.remove();
                    }
                    return s;
                }
            }
            return null;
        }
    }

    private void exchange(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
            byte[] received = exchange.getRequestBody().readAllBytes();
            RecordedRequest request = new RecordedRequest(exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery(), headers,
                    new String(received, StandardCharsets.UTF_8), received);
            requests.add(request);
            if (closesWithoutAnswer(request)) {
                return; // closing the exchange before any answer closes the connection
            }
            Reply reply;
            try {
                pause(latency);
                Script script = takeScript(request.path());
                if (script != null && script.reply != null) {
                    reply = script.reply;
                } else {
                    reply = handle(request);
                    if (script != null) {
                        pause(script.hold);
                    }
                }
            } catch (InterruptedException e) {
                return; // closing
            } catch (Exception e) {
                violation("fake failed on " + request.method() + " " + request.path() + ": " + e);
                reply = Reply.json(500, Map.of("error", "InternalServerError", "message", "fake failed: " + e));
            }
            byte[] bytes = reply.body() == null ? new byte[0] : reply.body().getBytes(StandardCharsets.UTF_8);
            reply.headers().forEach(exchange.getResponseHeaders()::add);
            if (reply.body() != null && !reply.headers().containsKey("Content-Type")) {
                exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
            }
            exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } catch (IOException e) {
            // the client went away (timed out): nothing to answer
        }
    }

    private static void pause(Duration d) throws InterruptedException {
        if (d != null && !d.isZero()) {
            Thread.sleep(d);
        }
    }

    private static final class Script {
        final String path;
        int remaining;
        final Reply reply;
        final Duration hold;

        Script(String path, int remaining, Reply reply, Duration hold) {
            this.path = path;
            this.remaining = remaining;
            this.reply = reply;
            this.hold = hold;
        }
    }

    /** A request as it arrived; header names lower-case; {@code bytes} is the body as sent (uploads are binary). */
    public record RecordedRequest(String method, String path, String rawQuery, Map<String, List<String>> headers,
                                  String body, byte[] bytes) {
        /** The first value of a header, or null. */
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.getFirst();
        }

        /** A decoded query parameter, or null. */
        public String query(String name) {
            return formField(rawQuery, name);
        }

        /** The body as a JSON object (throws if it is not one). */
        public Map<String, Object> json() {
            return Json.parseObject(body);
        }

        /** The bearer token of the Authorization header, or null. */
        public String bearer() {
            String auth = header("Authorization");
            return auth != null && auth.startsWith("Bearer ") ? auth.substring("Bearer ".length()) : null;
        }
    }

    /** Reads one field of an {@code application/x-www-form-urlencoded} string, or null. */
    public static String formField(String form, String name) {
        if (form == null) {
            return null;
        }
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (key.equals(name)) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** An answer: status, headers and a body (null for none). */
    public record Reply(int status, Map<String, String> headers, String body) {
        public Reply {
            headers = headers == null ? Map.of() : Map.copyOf(headers);
        }

        public static Reply json(int status, Object body) {
            return new Reply(status, Map.of(), Json.write(body));
        }

        public static Reply json(int status, Map<String, String> headers, Object body) {
            return new Reply(status, headers, Json.write(body));
        }
    }
}
