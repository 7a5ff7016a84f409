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
 * Images: Mastodon's {@code POST /api/v2/media} (the status names them in {@code media_ids}) and the
 * Page's {@code /photos} (a photo post, or unpublished photos a feed post attaches in
 * {@code attached_media}) are taken as those platforms take them, and shown on the post's page.
 *
 * <p>Two behave like platforms without idempotency, for the crash benchmark: the Page feed (every
 * request makes a post; {@code GET /{version}/{page-id}/feed} lists the Page's posts as Graph does,
 * so the desk can look for a send whose answer it lost) and a Telegram bot's
 * {@code POST /bot<token>/sendMessage} (answered as the Bot API does; like a real bot, nothing lists
 * a channel's messages). {@link #latency} holds each answer after the post is recorded, which widens
 * the window in which a killed publisher has sent but not heard.
 */
public final class SandboxPlatform implements AutoCloseable {
    /** One recorded post. */
    public record SandboxPost(String platform, String id, String text, String url, String createdAt, String idempotencyKey,
                              List<SandboxImage> images) {
        public SandboxPost {
            images = images == null ? List.of() : List.copyOf(images);
        }

        /** The Page post's {@code message}: the text without the link Graph keeps apart. */
        String message() {
            int cut = text.lastIndexOf('\n');
            return platform.equals("facebook") && cut >= 0 && text.substring(cut + 1).matches("https?://\\S+")
                    ? text.substring(0, cut) : text;
        }

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

    /** An image of a post: its URL (Graph photos) or its file's type and size (Mastodon uploads), and its alt text. */
    public record SandboxImage(String url, String alt) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Path file;
    private final Clock clock;
    private final Map<String, SandboxPost> byId = new LinkedHashMap<>();
    private final Map<String, SandboxPost> byKey = new LinkedHashMap<>();
    private final List<Consumer<SandboxPost>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong sequence = new AtomicLong();
    private static final java.util.regex.Pattern GRAPH_FEED = java.util.regex.Pattern.compile("^/v\\d{1,2}\\.\\d/(\\d{1,30})/(feed|photos)$");
    /** Mastodon attachments uploaded and Page photos uploaded unpublished, by id, until a post uses them. */
    private final Map<String, SandboxImage> media = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, SandboxImage> unpublishedPhotos = new java.util.concurrent.ConcurrentHashMap<>();
    private static final java.util.regex.Pattern TELEGRAM_SEND = java.util.regex.Pattern.compile("^/bot(\\d{1,20}:[A-Za-z0-9_-]{20,})/sendMessage$");
    /** The sandbox channel's Telegram chat id, as the Bot API names a channel. */
    static final long TELEGRAM_CHAT_ID = -1001000000001L;
    private volatile java.time.Duration latency = java.time.Duration.ZERO;

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

    /** Each answer to a post is held this long after the post is recorded (0 by default). */
    public void latency(java.time.Duration latency) {
        this.latency = latency;
    }

    /** Called, on the server's thread, for each new post (not for an idempotent repeat). */
    public void onPost(Consumer<SandboxPost> listener) {
        listeners.add(listener);
    }

    public synchronized List<SandboxPost> posts() {
        return List.copyOf(byId.values());
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
            if (method.equals("POST") && path.equals("/api/v1/statuses")) {
                createStatus(exchange);
            } else if (method.equals("POST") && feed.matches()) {
                createPagePost(exchange, feed.group(1), feed.group(2).equals("photos"));
            } else if (method.equals("POST") && path.equals("/api/v2/media")) {
                uploadMedia(exchange);
            } else if (method.equals("GET") && feed.matches() && feed.group(2).equals("feed")) {
                listPagePosts(exchange, feed.group(1));
            } else if (method.equals("POST") && TELEGRAM_SEND.matcher(path).matches()) {
                sendTelegramMessage(exchange);
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
        List<SandboxImage> images = new ArrayList<>();
        try {
            Object json = Json.parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            text = JsonRead.string(json, "status");
            for (Object mediaId : JsonRead.list(json, "media_ids")) {
                SandboxImage image = media.get(String.valueOf(mediaId));
                if (image == null) {
                    send(exchange, 422, "application/json", "{\"error\":\"Validation failed: Media attachments are invalid\"}");
                    return;
                }
                images.add(image);
            }
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
                post = new SandboxPost("mastodon", id, text, url() + "/@sandbox/" + id, clock.instant().toString(), key, images);
                record(post);
                append(post);
                created = true;
            }
        }
        hold();
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
    private void createPagePost(HttpExchange exchange, String pageId, boolean photoEdge) throws IOException {
        Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        SandboxImage photo = null;
        if (photoEdge) {
            String photoUrl = form.get("url");
            if (photoUrl == null || !photoUrl.matches("https?://\\S+")) {
                send(exchange, 400, "application/json", graphError("(#324) Requires upload file", "OAuthException", 324));
                return;
            }
            photo = new SandboxImage(photoUrl, "");
            if ("false".equals(form.get("published"))) {
                String photoId = nextId();
                unpublishedPhotos.put(photoId, photo);
                send(exchange, 200, "application/json", Json.write(Map.of("id", photoId)));
                return;
            }
        }
        String token = form.get("access_token");
        if (token == null || token.isBlank()) {
            send(exchange, 400, "application/json", graphError("An active access token must be used to query information about the current user.", "OAuthException", 2500));
            return;
        }
        String message = form.getOrDefault("message", "");
        String link = form.get("link");
        List<SandboxImage> images = new ArrayList<>();
        for (int i = 0; form.containsKey("attached_media[" + i + "]"); i++) {
            SandboxImage attached = unpublishedPhotos.remove(mediaFbid(form.get("attached_media[" + i + "]")));
            if (attached == null) {
                send(exchange, 400, "application/json", graphError("(#100) param attached_media must be an array of unpublished photos",
                        "OAuthException", 100));
                return;
            }
            images.add(attached);
        }
        if (photo != null) {
            images.add(photo);
        }
        if (message.isBlank() && (link == null || link.isBlank()) && images.isEmpty()) {
            send(exchange, 400, "application/json", graphError("(#100) Missing message or attachment", "OAuthException", 100));
            return;
        }
        String text = link == null || link.isBlank() ? message : message.isBlank() ? link : message + "\n" + link;
        SandboxPost post;
        synchronized (this) {
            String id = pageId + "_" + nextId();
            post = new SandboxPost("facebook", id, text, url() + "/@sandbox/" + id, clock.instant().toString(), null, images);
            record(post);
            append(post);
        }
        hold();
        send(exchange, 200, "application/json", Json.write(photo != null
                ? Map.of("id", post.id().substring(pageId.length() + 1), "post_id", post.id()) : Map.of("id", post.id())));
        for (Consumer<SandboxPost> listener : listeners) {
            listener.accept(post);
        }
    }

    /**
     * Mastodon's {@code POST /api/v2/media}: a multipart form with a {@code file} and its
     * {@code description}; the sandbox keeps the description and the file's type and size, not the file.
     */
    private void uploadMedia(HttpExchange exchange) throws IOException {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        java.util.regex.Matcher boundary = type == null ? null : java.util.regex.Pattern.compile("boundary=\"?([^\";]+)").matcher(type);
        if (boundary == null || !boundary.find()) {
            send(exchange, 422, "application/json", "{\"error\":\"Validation failed: File can't be blank\"}");
            return;
        }
        // ISO-8859-1 keeps one char per byte, so a binary file passes through the split unharmed.
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.ISO_8859_1);
        String description = "";
        String file = null;
        for (String part : body.split("--" + java.util.regex.Pattern.quote(boundary.group(1)))) {
            int headersEnd = part.indexOf("\r\n\r\n");
            if (headersEnd < 0) {
                continue;
            }
            String headers = part.substring(0, headersEnd);
            String content = part.substring(headersEnd + 4, Math.max(headersEnd + 4, part.length() - 2));
            if (headers.contains("name=\"description\"")) {
                description = new String(content.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
            } else if (headers.contains("name=\"file\"")) {
                java.util.regex.Matcher contentType = java.util.regex.Pattern.compile("(?i)content-type:\\s*(\\S+)").matcher(headers);
                file = (contentType.find() ? contentType.group(1) : "application/octet-stream") + ", " + content.length() + " bytes";
            }
        }
        if (file == null) {
            send(exchange, 422, "application/json", "{\"error\":\"Validation failed: File can't be blank\"}");
            return;
        }
        String id = nextId();
        media.put(id, new SandboxImage("(uploaded " + file + ")", description));
        send(exchange, 200, "application/json", Json.write(Map.of("id", id, "type", "image", "url", url() + "/media/" + id,
                "description", description)));
    }

    /** The photo id of one {@code attached_media} entry ({@code {"media_fbid": "..."}}), or "" when it names none. */
    private static String mediaFbid(String entry) {
        try {
            String id = JsonRead.string(Json.parse(entry), "media_fbid");
            return id == null ? "" : id;
        } catch (JsonException e) {
            return "";
        }
    }

    /**
     * The Page's posts newest first, as Graph lists a feed: {@code access_token} required,
     * {@code since} (Unix seconds) keeps the newer ones, {@code limit} at most 100, each item with
     * {@code id}, {@code message}, {@code created_time} ({@code 2026-11-26T09:00:01+0000}) and
     * {@code permalink_url}.
     */
    private void listPagePosts(HttpExchange exchange, String pageId) throws IOException {
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery());
        if (query.get("access_token") == null || query.get("access_token").isBlank()) {
            send(exchange, 400, "application/json", graphError("An active access token must be used to query information about the current user.", "OAuthException", 2500));
            return;
        }
        int limit;
        long since;
        try {
            limit = Integer.parseInt(query.getOrDefault("limit", "25"));
            since = Long.parseLong(query.getOrDefault("since", "0"));
        } catch (NumberFormatException e) {
            send(exchange, 400, "application/json", graphError("(#100) Invalid parameter", "OAuthException", 100));
            return;
        }
        if (limit > 100) {
            send(exchange, 400, "application/json", graphError("(#100) The limit parameter may not exceed 100", "OAuthException", 100));
            return;
        }
        List<Map<String, Object>> data = new ArrayList<>();
        List<SandboxPost> all = new ArrayList<>(posts());
        java.util.Collections.reverse(all);
        for (SandboxPost p : all) {
            java.time.Instant created = java.time.Instant.parse(p.createdAt());
            if (p.platform().equals("facebook") && p.id().startsWith(pageId + "_") && created.getEpochSecond() >= since && data.size() < limit) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("id", p.id());
                item.put("message", p.message());
                item.put("created_time", java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxx")
                        .format(created.atOffset(java.time.ZoneOffset.UTC)));
                item.put("permalink_url", p.url());
                data.add(item);
            }
        }
        send(exchange, 200, "application/json", Json.write(Map.of("data", data)));
    }

    /**
     * A bot's {@code sendMessage} to the sandbox channel (JSON {@code chat_id}, {@code text}), answered
     * {@code {"ok": true, "result": {"message_id", "date", "chat": {...}, "text"}}}; no idempotency.
     */
    private void sendTelegramMessage(HttpExchange exchange) throws IOException {
        String text;
        try {
            text = JsonRead.string(Json.parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)), "text");
        } catch (JsonException e) {
            text = null;
        }
        if (text == null || text.isBlank()) {
            send(exchange, 400, "application/json", "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: message text is empty\"}");
            return;
        }
        SandboxPost post;
        synchronized (this) {
            String id = Long.toString(byId.values().stream().filter(p -> p.platform().equals("telegram")).count() + 1);
            post = new SandboxPost("telegram", "telegram-" + id, text, url() + "/@sandbox/telegram-" + id, clock.instant().toString(), null, List.of());
            record(post);
            append(post);
        }
        hold();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("message_id", Long.parseLong(post.id().substring("telegram-".length())));
        result.put("sender_chat", Map.of("id", TELEGRAM_CHAT_ID, "title", "Sandbox desk", "username", "sandboxdesk", "type", "channel"));
        result.put("chat", Map.of("id", TELEGRAM_CHAT_ID, "title", "Sandbox desk", "username", "sandboxdesk", "type", "channel"));
        result.put("date", clock.instant().getEpochSecond());
        result.put("text", text);
        send(exchange, 200, "application/json", Json.write(Map.of("ok", true, "result", result)));
        for (Consumer<SandboxPost> listener : listeners) {
            listener.accept(post);
        }
    }

    /** Holds an answer for {@link #latency} after its post was recorded. */
    private void hold() {
        java.time.Duration wait = latency;
        if (!wait.isZero()) {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
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
        if (!post.images().isEmpty()) {
            line.put("images", post.images().stream().map(i -> Map.of("url", i.url(), "alt", i.alt())).toList());
        }
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
                            JsonRead.string(json, "createdAt"), JsonRead.string(json, "idempotencyKey"),
                            JsonRead.list(json, "images").stream()
                                    .map(i -> new SandboxImage(JsonRead.string(i, "url"), JsonRead.string(i, "alt"))).toList()));
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
        StringBuilder images = new StringBuilder();
        for (SandboxImage image : post.images()) {
            images.append(image.url().startsWith("http") ? "<img src=\"" + html(image.url()) + "\" alt=\"" + html(image.alt())
                    + "\" style=\"max-width:100%\">" : "<p>[image " + html(image.url()) + ": " + html(image.alt()) + "]</p>");
        }
        return "<article><p>" + html(post.text()).replace("\n", "<br>") + "</p>" + images + "<footer><a href=\"" + link + "\">"
                + html(post.createdAt()) + "</a> &middot; " + html(post.platform()) + " &middot; id " + html(post.id()) + "</footer></article>\n";
    }

    private static String page(String title, String body) {
        return "<!doctype html><html><head><meta charset=\"utf-8\"><title>" + html(title) + "</title>"
                + "<style>body{font-family:sans-serif;max-width:40em;margin:2em auto}article{border-bottom:1px solid #ccc;padding:.5em 0}"
                + "footer{color:#666;font-size:.85em}</style></head><body><h1>" + html(title) + "</h1>" + body + "</body></html>";
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
