package socialdesk.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import socialdesk.core.json.Json;
import socialdesk.core.json.JsonException;
import socialdesk.core.json.JsonRead;

/**
 * A sandbox social platform on loopback that speaks the part of two platforms' APIs the publisher
 * uses: Mastodon's {@code POST /api/v1/statuses} (bearer token required, {@code Idempotency-Key}
 * honoured: a repeated key answers the status it created) and the Facebook Graph API's Page feed,
 * {@code POST /{version}/{page-id}/feed} (form fields {@code message}, {@code link},
 * {@code access_token}; answers {@code {"id":"<page-id>_<post-id>"}} as Graph does). Each post gets a page of its own ({@code /@sandbox/<id>}, a
 * small HTML page; {@code /api/v1/statuses/<id>} as JSON; {@code /} lists them all) and a line in a
 * JSON Lines file, which is read back on the next start so URLs and keys survive a restart.
 * Mastodon's {@code GET /api/v1/notifications}, which collect-engagement polls, answers an empty page.
 *
 * <p>Comments on a Page post that the demo sends through the webhook are registered here too
 * ({@link #addComment}), so the desk can answer them the Graph way, {@code POST /{version}/{comment-id}/comments}
 * with {@code message} (answered {@code {"id": ...}}; an unknown comment is Graph's error 100), and
 * hide them, {@code POST /{version}/{comment-id}} with {@code is_hidden}. A post's page shows its
 * comments and, under each, the replies. Comments and replies live for one run.
 */
public final class SandboxPlatform implements AutoCloseable {
    /** One recorded post. */
    public record SandboxPost(String platform, String id, String text, String url, String createdAt, String idempotencyKey) {
        Map<String, Object> toStatus() {
            Map<String, Object> status = new LinkedHashMap<>();
            status.put("id", id);
            status.put("created_at", createdAt);
            status.put("visibility", "public");
            status.put("uri", url);
            status.put("url", url);
            status.put("content", "<p>" + html(text) + "</p>");
            status.put("account", Map.of("id", "1", "username", "sandbox", "acct", "sandbox", "display_name", "Sandbox desk"));
            return status;
        }
    }

    /** A comment on one of the sandbox's posts, with the replies made under it. */
    public record SandboxComment(String id, String postId, String author, String text, boolean hidden, List<SandboxReply> replies) {
    }

    /** A reply the desk made under a comment. */
    public record SandboxReply(String id, String commentId, String text, String createdAt) {
    }

    private final Map<String, SandboxComment> comments = new LinkedHashMap<>(); // guarded by this
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Path file;
    private final Clock clock;
    private final Map<String, SandboxPost> byId = new LinkedHashMap<>();
    private final Map<String, SandboxPost> byKey = new LinkedHashMap<>();
    private final List<Consumer<SandboxPost>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong sequence = new AtomicLong();
    private static final java.util.regex.Pattern GRAPH_FEED = java.util.regex.Pattern.compile("^/v\\d{1,2}\\.\\d/(\\d{1,30})/feed$");
    private static final java.util.regex.Pattern GRAPH_COMMENT = java.util.regex.Pattern.compile("^/v\\d{1,2}\\.\\d/(\\d{1,30}_[0-9_]{1,60})(/comments)?$");

    public SandboxPlatform(int port, Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        } catch (IOException e) {
            throw new IllegalStateException("sandbox: cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        load();
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public Path file() {
        return file;
    }

    /** Called, on the server's thread, for each new post (not for an idempotent repeat). */
    public void onPost(Consumer<SandboxPost> listener) {
        listeners.add(listener);
    }

    public synchronized List<SandboxPost> posts() {
        return List.copyOf(byId.values());
    }

    /** Someone comments on a sandbox post (the demo does, before it sends the same comment to the webhook). */
    public synchronized void addComment(String id, String postId, String author, String text) {
        comments.putIfAbsent(id, new SandboxComment(id, postId, author, text, false, List.of()));
    }

    /** A comment with the replies under it, or null. */
    public synchronized SandboxComment comment(String id) {
        return comments.get(id);
    }

    /** The posts one platform received ({@code mastodon}, {@code facebook}). */
    public List<SandboxPost> posts(String platform) {
        return posts().stream().filter(p -> p.platform().equals(platform)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            java.util.regex.Matcher feed = GRAPH_FEED.matcher(path);
            java.util.regex.Matcher onComment = GRAPH_COMMENT.matcher(path);
            if (method.equals("POST") && onComment.matches()) {
                commentAction(exchange, onComment.group(1), onComment.group(2) != null);
            } else if (method.equals("POST") && path.equals("/api/v1/statuses")) {
                createStatus(exchange);
            } else if (method.equals("POST") && feed.matches()) {
                createPagePost(exchange, feed.group(1));
            } else if (method.equals("GET") && path.equals("/api/v1/notifications")) {
                // Nobody replies to the sandbox: collect-engagement's poll finds an empty page, not an error.
                send(exchange, 200, "application/json", "[]");
            } else if (method.equals("GET") && path.startsWith("/api/v1/statuses/")) {
                SandboxPost post = find(path.substring("/api/v1/statuses/".length()));
                if (post == null) {
                    send(exchange, 404, "application/json", "{\"error\":\"Record not found\"}");
                } else {
                    send(exchange, 200, "application/json", Json.write(post.toStatus()));
                }
            } else if (method.equals("GET") && path.startsWith("/@sandbox/")) {
                SandboxPost post = find(path.substring("/@sandbox/".length()));
                if (post == null) {
                    send(exchange, 404, "text/html; charset=utf-8", page("Not found", "<p>No such post.</p>"));
                } else {
                    send(exchange, 200, "text/html; charset=utf-8", page("Post " + post.id(), article(post)));
                }
            } else if (method.equals("GET") && path.equals("/")) {
                StringBuilder body = new StringBuilder();
                List<SandboxPost> all = new ArrayList<>(posts());
                java.util.Collections.reverse(all);
                all.forEach(p -> body.append(article(p)));
                send(exchange, 200, "text/html; charset=utf-8", page("Sandbox platform", all.isEmpty() ? "<p>Nothing posted yet.</p>" : body.toString()));
            } else {
                send(exchange, 404, "application/json", "{\"error\":\"not found\"}");
            }
        }
    }

    private void createStatus(HttpExchange exchange) throws IOException {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.startsWith("Bearer ") || auth.length() <= 7) {
            send(exchange, 401, "application/json", "{\"error\":\"The access token is invalid\"}");
            return;
        }
        String text;
        try {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            text = JsonRead.string(Json.parse(body), "status");
        } catch (JsonException e) {
            text = null;
        }
        if (text == null || text.isBlank()) {
            send(exchange, 422, "application/json", "{\"error\":\"Validation failed: Text can't be blank\"}");
            return;
        }
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        SandboxPost post;
        boolean created = false;
        synchronized (this) {
            post = key == null ? null : byKey.get(key);
            if (post == null) {
                String id = nextId();
                post = new SandboxPost("mastodon", id, text, url() + "/@sandbox/" + id, clock.instant().toString(), key);
                record(post);
                append(post);
                created = true;
            }
        }
        send(exchange, 200, "application/json", Json.write(post.toStatus()));
        if (created) {
            for (Consumer<SandboxPost> listener : listeners) {
                listener.accept(post);
            }
        }
    }

    /**
     * A Page post, as the Graph API takes it: a form with {@code message} and/or {@code link} and the
     * Page token in {@code access_token}; errors in Graph's shape ({@code {"error":{"message","type","code"}}}).
     * The Graph API has no idempotency key, so every request makes a post.
     */
    private void createPagePost(HttpExchange exchange, String pageId) throws IOException {
        Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String token = form.get("access_token");
        if (token == null || token.isBlank()) {
            send(exchange, 400, "application/json", graphError("An active access token must be used to query information about the current user.", "OAuthException", 2500));
            return;
        }
        String message = form.getOrDefault("message", "");
        String link = form.get("link");
        if (message.isBlank() && (link == null || link.isBlank())) {
            send(exchange, 400, "application/json", graphError("(#100) Missing message or attachment", "OAuthException", 100));
            return;
        }
        String text = link == null || link.isBlank() ? message : message.isBlank() ? link : message + "\n" + link;
        SandboxPost post;
        synchronized (this) {
            String id = pageId + "_" + nextId();
            post = new SandboxPost("facebook", id, text, url() + "/@sandbox/" + id, clock.instant().toString(), null);
            record(post);
            append(post);
        }
        send(exchange, 200, "application/json", Json.write(Map.of("id", post.id())));
        for (Consumer<SandboxPost> listener : listeners) {
            listener.accept(post);
        }
    }

    /**
     * A reply under a comment ({@code /comments} with {@code message}) or its hiding ({@code is_hidden}),
     * with the Page token; Graph's error 100 for a comment the sandbox does not hold.
     */
    private void commentAction(HttpExchange exchange, String commentId, boolean reply) throws IOException {
        Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String token = form.get("access_token");
        if (token == null || token.isBlank()) {
            send(exchange, 400, "application/json", graphError("An active access token must be used to query information about the current user.", "OAuthException", 2500));
            return;
        }
        String answer;
        synchronized (this) {
            SandboxComment comment = comments.get(commentId);
            if (comment == null) {
                answer = null;
            } else if (reply) {
                String message = form.getOrDefault("message", "");
                if (message.isBlank()) {
                    send(exchange, 400, "application/json", graphError("(#100) Missing message", "OAuthException", 100));
                    return;
                }
                SandboxReply made = new SandboxReply(commentId.substring(0, commentId.lastIndexOf('_') + 1) + nextId(), commentId,
                        message, clock.instant().toString());
                List<SandboxReply> replies = new ArrayList<>(comment.replies());
                replies.add(made);
                comments.put(commentId, new SandboxComment(comment.id(), comment.postId(), comment.author(), comment.text(),
                        comment.hidden(), List.copyOf(replies)));
                answer = Json.write(Map.of("id", made.id()));
            } else {
                boolean hidden = "true".equals(form.get("is_hidden"));
                comments.put(commentId, new SandboxComment(comment.id(), comment.postId(), comment.author(), comment.text(),
                        hidden, comment.replies()));
                answer = Json.write(Map.of("success", true));
            }
        }
        if (answer == null) {
            send(exchange, 400, "application/json", graphError("Unsupported post request. Object with ID '" + commentId
                    + "' does not exist", "GraphMethodException", 100));
            return;
        }
        send(exchange, 200, "application/json", answer);
    }

    private String nextId() {
        return Long.toString(clock.millis() * 1000 + sequence.incrementAndGet() % 1000);
    }

    private static String graphError(String message, String type, int code) {
        return Json.write(Map.of("error", Map.of("message", message, "type", type, "code", code)));
    }

    private static Map<String, String> form(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            fields.put(key, value);
        }
        return fields;
    }

    private synchronized SandboxPost find(String id) {
        return byId.get(id);
    }

    private void record(SandboxPost post) {
        byId.put(post.id(), post);
        if (post.idempotencyKey() != null) {
            byKey.put(post.idempotencyKey(), post);
        }
    }

    private void append(SandboxPost post) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("platform", post.platform());
        line.put("id", post.id());
        line.put("createdAt", post.createdAt());
        line.put("url", post.url());
        line.put("idempotencyKey", post.idempotencyKey());
        line.put("text", post.text());
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, Json.write(line) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
    }

    /** Posts of earlier runs: their pages stay reachable and their idempotency keys stay answered. */
    private void load() {
        if (!Files.exists(file)) {
            return;
        }
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    Object json = Json.parse(line);
                    String id = JsonRead.string(json, "id");
                    // The port may differ from run to run: the post gets this run's URL.
                    String platform = JsonRead.string(json, "platform");
                    record(new SandboxPost(platform == null ? "mastodon" : platform, id, JsonRead.string(json, "text"), url() + "/@sandbox/" + id,
                            JsonRead.string(json, "createdAt"), JsonRead.string(json, "idempotencyKey")));
                } catch (JsonException e) {
                    // A damaged line is skipped.
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private String article(SandboxPost post) {
        String link = url() + "/@sandbox/" + post.id();
        return "<article><p>" + html(post.text()).replace("\n", "<br>") + "</p><footer><a href=\"" + link + "\">"
                + html(post.createdAt()) + "</a> &middot; " + html(post.platform()) + " &middot; id " + html(post.id()) + "</footer>"
                + thread(post.id()) + "</article>\n";
    }

    /** The comments on a post, each with its replies nested under it. */
    private synchronized String thread(String postId) {
        StringBuilder out = new StringBuilder();
        for (SandboxComment c : comments.values()) {
            if (!c.postId().equals(postId)) {
                continue;
            }
            out.append("<section class=\"comment\" id=\"comment-").append(html(c.id())).append("\"><p><b>").append(html(c.author()))
                    .append("</b>").append(c.hidden() ? " <i>(hidden)</i>" : "").append(": ").append(html(c.text())).append("</p>");
            for (SandboxReply r : c.replies()) {
                out.append("<section class=\"reply\" id=\"reply-").append(html(r.id())).append("\"><p><b>Sandbox desk</b>: ")
                        .append(html(r.text())).append("</p></section>");
            }
            out.append("</section>");
        }
        return out.toString();
    }

    private static String page(String title, String body) {
        return "<!doctype html><html><head><meta charset=\"utf-8\"><title>" + html(title) + "</title>"
                + "<style>body{font-family:sans-serif;max-width:40em;margin:2em auto}article{border-bottom:1px solid #ccc;padding:.5em 0}"
                + "footer{color:#666;font-size:.85em}.comment{margin:.5em 0 0 1.5em}.reply{margin-left:1.5em}</style></head><body><h1>" + html(title) + "</h1>" + body + "</body></html>";
    }

    private static String html(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
