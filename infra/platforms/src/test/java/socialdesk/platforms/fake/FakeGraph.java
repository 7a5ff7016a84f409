package socialdesk.platforms.fake;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import socialdesk.platforms.facebook.FacebookAccount;
import socialdesk.platforms.instagram.InstagramAccount;
import socialdesk.platforms.threads.ThreadsAccount;

/**
 * Meta's Graph API on loopback, for the three adapters that speak it: a Facebook Page's
 * {@code /feed}, Instagram's {@code /media} + {@code /media_publish}, and Threads'
 * {@code /threads} + {@code /threads_publish} + {@code /threads_publishing_limit}, with media
 * containers whose {@code status_code} / {@code status} can be kept {@code IN_PROGRESS} for a number
 * of polls, and {@code ?fields=permalink} reads. POST bodies must be form-encoded and every request
 * must carry {@code access_token}; a wrong or expired token gets Graph's code 190 answer. Errors use
 * Graph's envelope {@code {"error":{"message","type","code","error_subcode","fbtrace_id"}}}.
 */
public final class FakeGraph extends FakePlatformServer {
    public static final String TOKEN = "EAAGfakeGraphToken0123456789";
    public static final String PAGE_ID = "104857600000001";
    public static final String IG_USER_ID = "17841400000000001";
    public static final String THREADS_USER_ID = "25000000000000001";
    private static final Set<String> MEDIA_TYPES = Set.of("TEXT", "IMAGE");
    static final int MIN_CAROUSEL = 2;
    static final int MAX_INSTAGRAM_CAROUSEL = 10;
    static final int MAX_THREADS_CAROUSEL = 20;
    /** Instagram fetches the image and takes JPEG only; the fake, fetching nothing, takes a .jpg or .jpeg URL as a JPEG. */
    private static final Pattern JPEG_URL = Pattern.compile("(?i)[^?#]*\\.jpe?g(?:[?#].*)?");

    /** A post the fake published. */
    public record Post(String platform, String id, Map<String, String> fields) {
    }

    private record Container(String platform, String owner, Map<String, String> fields) {
    }

    private final String version;
    private final List<Post> posts = new ArrayList<>();                   // guarded by this
    private final Map<String, Container> containers = new HashMap<>();     // guarded by this
    private final Map<String, Integer> pollsSeen = new HashMap<>();        // guarded by this
    private final Map<String, String> permalinks = new HashMap<>();        // guarded by this
    private final Map<String, Map<String, String>> unpublishedPhotos = new HashMap<>();      // guarded by this
    private final Map<String, List<Map<String, String>>> carouselItems = new HashMap<>();   // guarded by this
    private final Map<String, java.time.Instant> created = new HashMap<>(); // guarded by this
    private long nextId = 1;                                               // guarded by this
    private volatile int pollsBeforeReady = 0;
    private volatile String containerError;
    private volatile boolean tokenExpired;
    private volatile int threadsQuotaUsage = 0;
    private final Set<String> refreshedTokens = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicInteger refreshes = new java.util.concurrent.atomic.AtomicInteger();

    public FakeGraph(String version) {
        this.version = version;
    }

    public FacebookAccount facebookAccount() {
        return new FacebookAccount(baseUri(), version, PAGE_ID, TOKEN);
    }

    public InstagramAccount instagramAccount() {
        return new InstagramAccount(baseUri(), version, IG_USER_ID, TOKEN);
    }

    public ThreadsAccount threadsAccount() {
        return new ThreadsAccount(baseUri(), version, THREADS_USER_ID, TOKEN);
    }

    /** Containers answer IN_PROGRESS this many times before FINISHED. */
    public void pollsBeforeReady(int polls) {
        this.pollsBeforeReady = polls;
    }

    /** Containers end in ERROR with this message. */
    public void containerError(String message) {
        this.containerError = message;
    }

    /** From now on the token is expired (code 190, subcode 463). */
    public void expireToken() {
        this.tokenExpired = true;
    }

    public void threadsQuotaUsage(int usage) {
        this.threadsQuotaUsage = usage;
    }

    public synchronized List<Post> posts() {
        return List.copyOf(posts);
    }

    public static Map<String, Object> error(String message, String type, int code, Integer subcode) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("type", type);
        error.put("code", code);
        if (subcode != null) {
            error.put("error_subcode", subcode);
        }
        error.put("fbtrace_id", "AbCdEfGhIjK");
        return Map.of("error", error);
    }

    @Override
    protected Reply handle(RecordedRequest request) {
        if (request.method().equals("GET") && request.path().equals("/refresh_access_token")) {
            return refreshToken(request);
        }
        String prefix = "/" + version + "/";
        if (!request.path().startsWith(prefix)) {
            violation("path without version " + version + ": " + request.path());
            return Reply.json(400, error("Unknown path components: " + request.path(), "OAuthException", 2500, null));
        }
        String[] parts = request.path().substring(prefix.length()).split("/");
        Map<String, String> fields = new LinkedHashMap<>();
        if (request.method().equals("POST")) {
            String type = request.header("Content-Type");
            if (type == null || !type.startsWith("application/x-www-form-urlencoded")) {
                violation("POST body is not form-encoded: " + type);
            }
            for (String pair : request.body().split("&")) {
                String key = java.net.URLDecoder.decode(pair.substring(0, Math.max(pair.indexOf('='), 0)), java.nio.charset.StandardCharsets.UTF_8);
                if (!key.isEmpty()) {
                    fields.put(key, formField(request.body(), key));
                }
            }
        } else if (request.rawQuery() != null) {
            for (String pair : request.rawQuery().split("&")) {
                String key = java.net.URLDecoder.decode(pair.substring(0, Math.max(pair.indexOf('='), 0)), java.nio.charset.StandardCharsets.UTF_8);
                if (!key.isEmpty()) {
                    fields.put(key, request.query(key));
                }
            }
        }
        String token = fields.remove("access_token");
        if (token == null) {
            violation("no access_token on " + request.method() + " " + request.path());
            return Reply.json(400, error("An active access token must be used to query information about the current user.",
                    "OAuthException", 2500, null));
        }
        if (!token.equals(TOKEN) && !refreshedTokens.contains(token)) {
            return Reply.json(400, error("Invalid OAuth access token - Cannot parse access token", "OAuthException", 190, null));
        }
        if (tokenExpired) {
            return Reply.json(400, error("Error validating access token: Session has expired on Tuesday, 24-Nov-26 10:00:00 PST. "
                    + "The current time is Thursday, 26-Nov-26 03:42:15 PST.", "OAuthException", 190, 463));
        }
        synchronized (this) {
            return route(request.method(), parts, fields);
        }
    }

    /** How many long-lived tokens {@code /refresh_access_token} renewed. */
    public int refreshes() {
        return refreshes.get();
    }

    /**
     * {@code GET /refresh_access_token?grant_type=th_refresh_token|ig_refresh_token&access_token=...}
     * (unversioned): a valid long-lived token is exchanged for a new one of 60 days; the old one keeps
     * working until it expires, as Meta's does.
     */
    private Reply refreshToken(RecordedRequest request) {
        String grant = request.query("grant_type");
        if (!"th_refresh_token".equals(grant) && !"ig_refresh_token".equals(grant)) {
            violation("refresh with grant_type " + grant);
            return Reply.json(400, error("Unsupported grant_type", "OAuthException", 100, null));
        }
        String token = request.query("access_token");
        if (tokenExpired || token == null || (!token.equals(TOKEN) && !refreshedTokens.contains(token))) {
            return Reply.json(400, error("Error validating access token: Session has expired", "OAuthException", 190, 463));
        }
        String renewed = "THQfreshLongLived" + refreshes.incrementAndGet();
        refreshedTokens.add(renewed);
        return Reply.json(200, Map.of("access_token", renewed, "token_type", "bearer", "expires_in", 5_184_000));
    }

    private Reply route(String method, String[] parts, Map<String, String> fields) {
        String node = parts[0];
        String edge = parts.length > 1 ? parts[1] : null;
        if (method.equals("POST") && PAGE_ID.equals(node) && "feed".equals(edge)) {
            Reply refused = attachedMediaProblem(fields);
            return refused != null ? refused : feed(fields);
        }
        if (method.equals("POST") && PAGE_ID.equals(node) && "photos".equals(edge)) {
            return photo(fields);
        }
        if (method.equals("POST") && ("media".equals(edge) || "threads".equals(edge)) && "CAROUSEL".equals(fields.get("media_type"))) {
            Reply refused = carouselProblem(IG_USER_ID.equals(node) ? "instagram" : "threads", node, fields);
            return refused != null ? refused : container(IG_USER_ID.equals(node) ? "instagram" : "threads", node, fields);
        }
        if (method.equals("POST") && IG_USER_ID.equals(node) && "media".equals(edge)) {
            if (fields.get("image_url") == null) {
                return Reply.json(400, error("The parameter image_url is required", "OAuthException", 100, null));
            }
            if (!JPEG_URL.matcher(fields.get("image_url")).matches()) {
                violation("instagram image is not a JPEG: " + fields.get("image_url"));
                return Reply.json(400, error("Only photo or video can be accepted as media type.", "OAuthException", 9004, null));
            }
            return container("instagram", node, fields);
        }
        if (method.equals("POST") && THREADS_USER_ID.equals(node) && "threads".equals(edge)) {
            String type = fields.get("media_type");
            if (!MEDIA_TYPES.contains(type) || ("TEXT".equals(type) && fields.get("text") == null)
                    || ("IMAGE".equals(type) && fields.get("image_url") == null)) {
                violation("bad threads container " + fields);
                return Reply.json(400, error("Invalid parameter", "OAuthException", 100, null));
            }
            return container("threads", node, fields);
        }
        if (method.equals("POST") && ("media_publish".equals(edge) || "threads_publish".equals(edge))) {
            return publish(node, fields.get("creation_id"));
        }
        if (method.equals("GET") && THREADS_USER_ID.equals(node) && "threads_publishing_limit".equals(edge)) {
            if (!"quota_usage,config".equals(fields.get("fields"))) {
                violation("publishing limit read without fields=quota_usage,config");
            }
            return Reply.json(200, Map.of("data", List.of(Map.of("quota_usage", threadsQuotaUsage,
                    "config", Map.of("quota_total", 250, "quota_duration", 86400)))));
        }
        if (method.equals("GET") && edge != null && List.of(PAGE_ID + "/feed", IG_USER_ID + "/media", THREADS_USER_ID + "/threads")
                .contains(node + "/" + edge)) {
            return listing(node.equals(PAGE_ID) ? "facebook" : node.equals(IG_USER_ID) ? "instagram" : "threads", fields);
        }
        if (method.equals("GET") && edge == null) {
            return read(node, fields.getOrDefault("fields", ""));
        }
        violation("unexpected " + method + " " + String.join("/", parts));
        return Reply.json(400, error("Unsupported request", "GraphMethodException", 100, 33));
    }

    private Reply feed(Map<String, String> fields) {
        String message = fields.get("message");
        if (message == null && fields.get("link") == null) {
            return Reply.json(400, error("(#100) The parameter message or link is required", "OAuthException", 100, null));
        }
        for (Post p : posts) {
            if (p.platform().equals("facebook") && message != null && message.equals(p.fields().get("message"))) {
                return Reply.json(400, error("(#506) Duplicate status message", "OAuthException", 506, null));
            }
        }
        String id = PAGE_ID + "_" + (122_100_000_000_000_000L + nextId++);
        posts.add(new Post("facebook", id, Map.copyOf(fields)));
        created.put(id, java.time.Instant.now());
        return Reply.json(200, Map.of("id", id));
    }

    private Reply container(String platform, String owner, Map<String, String> fields) {
        String id = String.valueOf(17_900_000_000_000_000L + nextId++);
        containers.put(id, new Container(platform, owner, Map.copyOf(fields)));
        return Reply.json(200, Map.of("id", id));
    }

    private String status(String containerId) {
        if (containerError != null) {
            return "ERROR";
        }
        int seen = pollsSeen.merge(containerId, 1, Integer::sum);
        return seen > pollsBeforeReady ? "FINISHED" : "IN_PROGRESS";
    }

    private Reply read(String node, String wanted) {
        Container c = containers.get(node);
        if (c != null) {
            String field = c.platform().equals("instagram") ? "status_code" : "status";
            if (!wanted.startsWith(field)) {
                violation("container read without fields=" + field + ": " + wanted);
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put(field, status(node));
            if (containerError != null) {
                body.put(c.platform().equals("instagram") ? "status" : "error_message", containerError);
                body.put("error_message", containerError);
            }
            body.put("id", node);
            return Reply.json(200, body);
        }
        String permalink = permalinks.get(node);
        if (permalink != null && wanted.equals("permalink")) {
            return Reply.json(200, Map.of("permalink", permalink, "id", node));
        }
        return Reply.json(400, error("Unsupported get request. Object with ID '" + node + "' does not exist",
                "GraphMethodException", 100, 33));
    }

    private Reply publish(String owner, String creationId) {
        Container c = creationId == null ? null : containers.get(creationId);
        if (c == null || !c.owner().equals(owner)) {
            violation("publish of unknown container " + creationId);
            return Reply.json(400, error("Media ID is not available", "OAuthException", 9007, 2207027));
        }
        Integer seen = pollsSeen.get(creationId);
        if (seen == null || seen <= pollsBeforeReady || containerError != null) {
            violation("container " + creationId + " published before it was FINISHED");
            return Reply.json(400, error("Media ID is not available", "OAuthException", 9007, 2207027));
        }
        if ("true".equals(c.fields().get("is_carousel_item"))) {
            violation("carousel item " + creationId + " published by itself");
            return Reply.json(400, error("Media ID is not available", "OAuthException", 9007, 2207027));
        }
        containers.remove(creationId);
        String id = String.valueOf(18_000_000_000_000_000L + nextId++);
        posts.add(new Post(c.platform(), id, c.fields()));
        if (c.fields().containsKey("children")) {
            List<Map<String, String>> children = new ArrayList<>();
            for (String child : c.fields().get("children").split(",")) {
                children.add(containers.remove(child).fields());
            }
            carouselItems.put(id, List.copyOf(children));
        }
        created.put(id, java.time.Instant.now());
        permalinks.put(id, c.platform().equals("instagram")
                ? "https://www.instagram.com/p/C" + id.substring(10) + "/"
                : "https://www.threads.net/@desk/post/D" + id.substring(10));
        return Reply.json(200, Map.of("id", id));
    }

    /** The item containers' fields of a published carousel, in order; empty for any other post. */
    public synchronized List<Map<String, String>> carouselItems(String postId) {
        return carouselItems.getOrDefault(postId, List.of());
    }

    /** Ids of the Page's photos uploaded unpublished and not yet attached to a post. */
    public synchronized Set<String> unattachedPhotos() {
        return Set.copyOf(unpublishedPhotos.keySet());
    }

    /**
     * {@code POST /{page-id}/photos}: a {@code url} (Facebook fetches it); {@code published=false}
     * keeps the photo out of the feed until a post attaches it; otherwise it is a photo post, whose
     * feed story is {@code post_id}.
     */
    private Reply photo(Map<String, String> fields) {
        String url = fields.get("url");
        if (url == null || !url.matches("https?://\\S+")) {
            return Reply.json(400, error("(#324) Requires upload file", "OAuthException", 324, null));
        }
        String id = String.valueOf(122_200_000_000_000_000L + nextId++);
        if ("false".equals(fields.get("published"))) {
            unpublishedPhotos.put(id, Map.copyOf(fields));
            return Reply.json(200, Map.of("id", id));
        }
        String postId = PAGE_ID + "_" + id;
        posts.add(new Post("facebook", postId, Map.copyOf(fields)));
        return Reply.json(200, Map.of("id", id, "post_id", postId));
    }

    /** Each {@code attached_media[i]} must be {@code {"media_fbid": id}} of an unpublished photo of this Page, used once. */
    private Reply attachedMediaProblem(Map<String, String> fields) {
        List<String> attached = new ArrayList<>();
        for (Map.Entry<String, String> field : fields.entrySet()) {
            if (!field.getKey().startsWith("attached_media")) {
                continue;
            }
            if (!field.getKey().matches("attached_media\\[\\d+]")) {
                violation("attached_media field named " + field.getKey());
            }
            String id;
            try {
                id = socialdesk.core.json.JsonRead.string(socialdesk.core.json.Json.parse(field.getValue()), "media_fbid");
            } catch (socialdesk.core.json.JsonException e) {
                id = null;
            }
            if (id == null || !unpublishedPhotos.containsKey(id)) {
                return Reply.json(400, error("(#100) param attached_media must be an array of unpublished photos",
                        "OAuthException", 100, null));
            }
            attached.add(id);
        }
        attached.forEach(unpublishedPhotos::remove);
        return null;
    }

    /**
     * A carousel container: {@code children} names {@value #MIN_CAROUSEL} to the platform's most
     * (Instagram {@value #MAX_INSTAGRAM_CAROUSEL}, Threads {@value #MAX_THREADS_CAROUSEL}) item containers
     * of this user, each made with {@code is_carousel_item=true} and ready.
     */
    private Reply carouselProblem(String platform, String owner, Map<String, String> fields) {
        String children = fields.get("children");
        List<String> ids = children == null || children.isBlank() ? List.of() : List.of(children.split(","));
        int max = platform.equals("instagram") ? MAX_INSTAGRAM_CAROUSEL : MAX_THREADS_CAROUSEL;
        if (ids.size() < MIN_CAROUSEL || ids.size() > max) {
            violation(platform + " carousel with " + ids.size() + " children");
            return Reply.json(400, error("(#100) The carousel must have " + MIN_CAROUSEL + " to " + max + " children",
                    "OAuthException", 100, null));
        }
        for (String id : ids) {
            Container item = containers.get(id);
            if (item == null || !item.owner().equals(owner) || !"true".equals(item.fields().get("is_carousel_item"))) {
                violation(platform + " carousel child " + id + " is not a carousel item container of " + owner);
                return Reply.json(400, error("Media ID is not available", "OAuthException", 9007, 2207027));
            }
            Integer seen = pollsSeen.get(id);
            if (seen == null || seen <= pollsBeforeReady) {
                violation(platform + " carousel child " + id + " used before it was FINISHED");
            }
        }
        return null;
    }

    /** Makes a post look created at {@code at}, as an older post on the account is. */
    public synchronized void createdAt(String id, java.time.Instant at) {
        created.put(id, at);
    }

    /**
     * A Page's {@code /feed}, an Instagram account's {@code /media}, a Threads profile's
     * {@code /threads}, newest first: {@code fields} must name the id, the text, the time and the
     * link fields of that edge ({@code message, created_time, permalink_url}; {@code caption,
     * timestamp, permalink}; {@code text, timestamp, permalink}), {@code since} (Unix seconds) keeps
     * the newer ones, {@code limit} is at most 100. Times are Graph's {@code 2026-11-26T09:00:01+0000}.
     */
    private Reply listing(String platform, Map<String, String> query) {
        List<String> wanted = List.of(query.getOrDefault("fields", "").split(","));
        List<String> needed = switch (platform) {
            case "facebook" -> List.of("id", "message", "created_time", "permalink_url");
            case "instagram" -> List.of("id", "caption", "timestamp", "permalink");
            default -> List.of("id", "text", "timestamp", "permalink");
        };
        if (!wanted.containsAll(needed)) {
            violation(platform + " listing without fields " + needed + ": " + wanted);
        }
        int limit = Integer.parseInt(query.getOrDefault("limit", "25"));
        if (limit > 100) {
            return Reply.json(400, error("(#100) The limit parameter may not exceed 100", "OAuthException", 100, null));
        }
        java.time.Instant since = query.containsKey("since") ? java.time.Instant.ofEpochSecond(Long.parseLong(query.get("since"))) : null;
        List<Map<String, Object>> data = new ArrayList<>();
        for (int i = posts.size() - 1; i >= 0 && data.size() < limit; i--) {
            Post p = posts.get(i);
            java.time.Instant at = created.get(p.id());
            if (!p.platform().equals(platform) || (since != null && at.isBefore(since))) {
                continue;
            }
            String time = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxx")
                    .format(at.atOffset(java.time.ZoneOffset.UTC));
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", p.id());
            switch (platform) {
                case "facebook" -> {
                    putIfPresent(item, "message", p.fields().get("message"));
                    item.put("created_time", time);
                    item.put("permalink_url", "https://www.facebook.com/" + p.id());
                }
                case "instagram" -> {
                    putIfPresent(item, "caption", p.fields().get("caption"));
                    item.put("timestamp", time);
                    item.put("permalink", permalinks.get(p.id()));
                }
                default -> {
                    putIfPresent(item, "text", p.fields().get("text"));
                    item.put("timestamp", time);
                    item.put("permalink", permalinks.get(p.id()));
                }
            }
            data.add(item);
        }
        return Reply.json(200, Map.of("data", data, "paging", Map.of("cursors", Map.of("before", "QVFIUmJlZm9yZQ", "after", "QVFIUmFmdGVy"))));
    }

    private static void putIfPresent(Map<String, Object> item, String name, String value) {
        if (value != null) {
            item.put(name, value);
        }
    }

    /** Where the fake lives, with the version: handy for asserting nothing else was called. */
    public URI versionedBase() {
        return URI.create(baseUri() + "/" + version);
    }
}
