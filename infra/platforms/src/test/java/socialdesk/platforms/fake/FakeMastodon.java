package socialdesk.platforms.fake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import socialdesk.core.json.JsonException;
import socialdesk.core.json.JsonRead;
import socialdesk.core.platform.MastodonRules;
import socialdesk.platforms.mastodon.MastodonAccount;

/**
 * A Mastodon instance on loopback that knows one account and one endpoint, {@code POST
 * /api/v1/statuses}, answered as Mastodon answers it: the status JSON on 200, {@code 401} for a bad
 * token, {@code 422} with Mastodon's validation text for a blank or over-long status. A repeated
 * {@code Idempotency-Key} returns the status created the first time, as the real server does, for
 * {@link #KEY_LIFETIME} after it: later the key is forgotten and a send posts again.
 *
 * <p>{@link #statuses()} lists each status created (text and key) so tests can assert "exactly
 * once"; {@link #statusesCreated()} counts them. Scripting (failures, latency, hangs) comes from
 * {@link FakePlatformServer}.
 */
public final class FakeMastodon extends FakePlatformServer {
    public static final String STATUSES = "/api/v1/statuses";
    public static final String NOTIFICATIONS = "/api/v1/notifications";
    public static final String MEDIA = MastodonMediaEndpoints.MEDIA;
    static final String MEDIA_V1 = MastodonMediaEndpoints.MEDIA_V1;
    public static final String DEFAULT_TOKEN = "fake-mastodon-token-Zk3PqX9uVb2mW7sLr4tY";
    private static final Set<String> VISIBILITIES = Set.of("public", "unlisted", "private", "direct");

    /** Mastodon keeps an Idempotency-Key for one hour, then forgets it. */
    public static final Duration KEY_LIFETIME = Duration.ofHours(1);
    public static final String ACCOUNT_ID = "109348200000000001";

    private record Keyed(Map<String, Object> status, Instant at) {
    }

    /** One status the fake created. */
    public record Status(String id, String text, String visibility, String idempotencyKey, String url) {
    }

    private final String accessToken;
    private final int maxChars;
    private final Clock clock;
    private final MastodonMediaEndpoints media = new MastodonMediaEndpoints(this::baseUri, this::violation);
    private final List<Status> statuses = new ArrayList<>();             // guarded by this
    private final Map<String, Keyed> byKey = new HashMap<>();              // guarded by this
    private final List<Map<String, Object>> statusJson = new ArrayList<>(); // guarded by this, oldest first
    private long nextId = 113_742_000_000_000_000L;                         // guarded by this
    private final List<Map<String, Object>> notifications = new ArrayList<>(); // guarded by this, oldest first
    private long nextNotificationId = 98_000L;                                // guarded by this
    private long nextRemoteStatusId = 113_800_000_000_000_000L;                // guarded by this

    public FakeMastodon() {
        this(DEFAULT_TOKEN, MastodonRules.DEFAULT_MAX_CHARS, Clock.systemUTC());
    }

    public FakeMastodon(String accessToken, int maxChars, Clock clock) {
        this.accessToken = accessToken;
        this.maxChars = maxChars;
        this.clock = clock;
    }

    /** The media endpoints: uploads, their alt text, which status each was attached to. */
    public MastodonMediaEndpoints media() {
        return media;
    }

    /** An account for this fake with the token it accepts. */
    public MastodonAccount account() {
        return new MastodonAccount(baseUri(), accessToken, maxChars);
    }

    /** Every status created, in order (a repeated Idempotency-Key creates none). */
    public synchronized List<Status> statuses() {
        return List.copyOf(statuses);
    }

    public synchronized int statusesCreated() {
        return statuses.size();
    }

    // ---------------------------------------------------------------- notifications

    /**
     * Someone mentions the account; with {@code inReplyToId} the status replies to that status (a
     * reply). Answers the notification id.
     */
    public synchronized String addMention(String acct, String text, String inReplyToId) {
        String statusId = Long.toString(nextRemoteStatusId++);
        Map<String, Object> status = statusJson(statusId, text, "public");
        status.put("in_reply_to_id", inReplyToId);
        status.put("account", accountJson(acct));
        status.put("url", baseUri() + "/@" + acct + "/" + statusId);
        status.put("uri", baseUri() + "/users/" + acct + "/statuses/" + statusId);
        status.put("content", "<p><span class=\"h-card\"><a href=\"" + baseUri() + "/@desk\" class=\"u-url mention\">@<span>desk</span></a></span> "
                + html(text) + "</p>");
        return addNotification("mention", acct, status);
    }

    /** Someone favourites one of the account's statuses. */
    public synchronized String addFavourite(String acct, String statusId) {
        return addNotification("favourite", acct, statusJson(statusId, "our post", "public"));
    }

    /** Someone reblogs one of the account's statuses. */
    public synchronized String addReblog(String acct, String statusId) {
        return addNotification("reblog", acct, statusJson(statusId, "our post", "public"));
    }

    /** A follow: a type the desk does not ask for. */
    public synchronized String addFollow(String acct) {
        return addNotification("follow", acct, null);
    }

    /** The status a mention notification carries (its id is the comment id). */
    public synchronized String statusIdOf(String notificationId) {
        return notifications.stream().filter(n -> n.get("id").equals(notificationId))
                .map(n -> JsonRead.id(n, "status", "id")).findFirst().orElse(null);
    }

    private String addNotification(String type, String acct, Map<String, Object> status) {
        String id = Long.toString(nextNotificationId++);
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("id", id);
        n.put("type", type);
        n.put("group_key", "ungrouped-" + id);
        n.put("created_at", clock.instant().truncatedTo(ChronoUnit.MILLIS).toString());
        n.put("account", accountJson(acct));
        if (status != null) {
            n.put("status", status);
        }
        notifications.add(n);
        return id;
    }

    private Map<String, Object> accountJson(String acct) {
        Map<String, Object> account = new LinkedHashMap<>();
        account.put("id", Integer.toString(Math.abs(acct.hashCode())));
        account.put("username", acct.contains("@") ? acct.substring(0, acct.indexOf('@')) : acct);
        account.put("acct", acct);
        account.put("display_name", acct);
        account.put("url", baseUri() + "/@" + acct);
        return account;
    }

    /**
     * {@code GET /api/v1/notifications} as Mastodon pages it: newest first; {@code max_id} older
     * than, {@code since_id} newer than (the newest page), {@code min_id} immediately newer than (the
     * oldest page after it); {@code limit} default 40, at most 80; {@code types[]} filters; a
     * {@code Link} header with {@code rel="next"} (older) and {@code rel="prev"} (newer).
     */
    private Reply listNotifications(RecordedRequest request) {
        String bearer = request.bearer();
        if (bearer == null || !bearer.equals(accessToken)) {
            return Reply.json(401, Map.of("error", "The access token is invalid"));
        }
        List<String> types = new ArrayList<>();
        Map<String, String> single = new HashMap<>();
        if (request.rawQuery() != null) {
            for (String pair : request.rawQuery().split("&")) {
                int eq = pair.indexOf('=');
                String key = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), java.nio.charset.StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
                if (key.equals("types[]")) {
                    types.add(value);
                } else {
                    single.put(key, value);
                }
            }
        }
        int limit = 40;
        if (single.containsKey("limit")) {
            try {
                limit = Math.min(80, Math.max(1, Integer.parseInt(single.get("limit"))));
            } catch (NumberFormatException e) {
                violation("limit is not a number: " + single.get("limit"));
            }
        }
        String maxId = single.get("max_id");
        String sinceId = single.get("since_id");
        String minId = single.get("min_id");
        List<Map<String, Object>> matching;
        synchronized (this) {
            matching = notifications.stream()
                    .filter(n -> types.isEmpty() || types.contains((String) n.get("type")))
                    .filter(n -> maxId == null || compareIds((String) n.get("id"), maxId) < 0)
                    .filter(n -> sinceId == null || compareIds((String) n.get("id"), sinceId) > 0)
                    .filter(n -> minId == null || compareIds((String) n.get("id"), minId) > 0)
                    .toList();
        }
        List<Map<String, Object>> page = new ArrayList<>(minId != null
                ? matching.subList(0, Math.min(limit, matching.size()))                          // oldest after min_id
                : matching.subList(Math.max(0, matching.size() - limit), matching.size()));       // newest
        page.sort((a, b) -> compareIds((String) b.get("id"), (String) a.get("id")));
        Map<String, String> headers = new HashMap<>();
        if (!page.isEmpty()) {
            String url = baseUri() + NOTIFICATIONS;
            headers.put("Link", "<" + url + "?max_id=" + page.getLast().get("id") + ">; rel=\"next\", <"
                    + url + "?min_id=" + page.getFirst().get("id") + ">; rel=\"prev\"");
        }
        return Reply.json(200, headers, page);
    }

    private static int compareIds(String a, String b) {
        return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
    }

    @Override
    protected Reply handle(RecordedRequest request) {
        if (request.path().equals(NOTIFICATIONS) && request.method().equals("GET")) {
            return listNotifications(request);
        }
        if (request.path().equals(MEDIA) || request.path().startsWith(MEDIA_V1 + "/")) {
            return media.handle(request, accessToken);
        }
        if (request.method().equals("GET") && (request.path().startsWith("/api/v1/accounts/")
                || request.path().startsWith(STATUSES + "/"))) {
            return read(request);
        }
        if (!request.path().equals(STATUSES) || !request.method().equals("POST")) {
            violation("unexpected " + request.method() + " " + request.path());
            return Reply.json(404, Map.of("error", "Record not found"));
        }
        String bearer = request.bearer();
        if (bearer == null) {
            violation("no bearer token");
            return Reply.json(401, Map.of("error", "The access token is invalid"));
        }
        if (!bearer.equals(accessToken)) {
            return Reply.json(401, Map.of("error", "The access token is invalid"));
        }
        String idempotencyKey = request.header("Idempotency-Key");
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            violation("no Idempotency-Key");
        }
        Map<String, String> params = params(request);
        if (params == null) {
            return Reply.json(422, Map.of("error", "Validation failed: Text can't be blank"));
        }
        String text = params.getOrDefault("status", "");
        String visibility = params.getOrDefault("visibility", "public");
        synchronized (this) {
            Keyed earlier = idempotencyKey == null ? null : byKey.get(idempotencyKey);
            if (earlier != null && clock.instant().isBefore(earlier.at().plus(KEY_LIFETIME))) {
                return Reply.json(200, earlier.status());
            }
            if (text.isBlank()) {
                return Reply.json(422, Map.of("error", "Validation failed: Text can't be blank"));
            }
            if (MastodonRules.countedLength(text) > maxChars) {
                return Reply.json(422, Map.of("error", "Validation failed: Text character limit of " + maxChars + " exceeded"));
            }
            if (!VISIBILITIES.contains(visibility)) {
                return Reply.json(422, Map.of("error", "Validation failed: Visibility is not included in the list"));
            }
            List<String> mediaIds = MastodonMediaEndpoints.mediaIds(request);
            String mediaProblem = media.attachable(mediaIds);
            if (mediaProblem != null) {
                return Reply.json(422, Map.of("error", mediaProblem));
            }
            String id = Long.toString(nextId++);
            Map<String, Object> status = statusJson(id, text, visibility);
            status.put("media_attachments", media.attach(id, mediaIds));
            statuses.add(new Status(id, text, visibility, idempotencyKey, (String) status.get("url")));
            statusJson.add(status);
            if (idempotencyKey != null) {
                byKey.put(idempotencyKey, new Keyed(status, clock.instant()));
            }
            return Reply.json(200, status);
        }
    }

    /**
     * The reads a client uses to find its own statuses: {@code GET /api/v1/accounts/verify_credentials},
     * {@code GET /api/v1/accounts/:id/statuses} (newest first, {@code limit} up to 40) and
     * {@code GET /api/v1/statuses/:id/source} (the plain text as written).
     */
    private Reply read(RecordedRequest request) {
        if (!accessToken.equals(request.bearer())) {
            return Reply.json(401, Map.of("error", "The access token is invalid"));
        }
        String path = request.path();
        synchronized (this) {
            if (path.equals("/api/v1/accounts/verify_credentials")) {
                return Reply.json(200, accountJson());
            }
            if (path.equals("/api/v1/accounts/" + ACCOUNT_ID + "/statuses")) {
                String limitParam = request.query("limit");
                int limit = limitParam == null ? 20 : Integer.parseInt(limitParam);
                if (limit > 40) {
                    violation("limit " + limit + " over Mastodon's 40");
                }
                return Reply.json(200, statusJson.reversed().stream().limit(Math.min(limit, 40)).toList());
            }
            for (Status status : statuses) {
                if (path.equals(STATUSES + "/" + status.id() + "/source")) {
                    return Reply.json(200, Map.of("id", status.id(), "text", status.text(), "spoiler_text", ""));
                }
            }
        }
        violation("unexpected GET " + path);
        return Reply.json(404, Map.of("error", "Record not found"));
    }

    private Map<String, Object> accountJson() {
        Map<String, Object> account = new LinkedHashMap<>();
        account.put("id", ACCOUNT_ID);
        account.put("username", "desk");
        account.put("acct", "desk");
        account.put("display_name", "Social Desk");
        account.put("url", baseUri() + "/@desk");
        return account;
    }

    /** The form or JSON parameters, or null (with a violation noted) when the content type is neither. */
    private Map<String, String> params(RecordedRequest request) {
        String type = request.header("Content-Type");
        Map<String, String> params = new HashMap<>();
        if (type != null && type.startsWith("application/json")) {
            try {
                Map<String, Object> json = request.json();
                for (String key : List.of("status", "visibility", "language", "spoiler_text")) {
                    if (JsonRead.string(json, key) != null) {
                        params.put(key, JsonRead.string(json, key));
                    }
                }
                return params;
            } catch (JsonException e) {
                violation("body is not JSON: " + e.getMessage());
                return null;
            }
        }
        if (type != null && type.startsWith("application/x-www-form-urlencoded")) {
            for (String key : List.of("status", "visibility", "language", "spoiler_text")) {
                String value = formField(request.body(), key);
                if (value != null) {
                    params.put(key, value);
                }
            }
            return params;
        }
        violation("unexpected Content-Type " + type);
        return null;
    }

    private Map<String, Object> statusJson(String id, String text, String visibility) {
        String base = baseUri().toString();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Map<String, Object> account = accountJson();
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("id", id);
        status.put("created_at", now.toString());
        status.put("in_reply_to_id", null);
        status.put("in_reply_to_account_id", null);
        status.put("sensitive", false);
        status.put("spoiler_text", "");
        status.put("visibility", visibility);
        status.put("language", "en");
        status.put("uri", base + "/users/desk/statuses/" + id);
        status.put("url", base + "/@desk/" + id);
        status.put("replies_count", 0);
        status.put("reblogs_count", 0);
        status.put("favourites_count", 0);
        status.put("content", "<p>" + html(text) + "</p>");
        status.put("reblog", null);
        status.put("account", account);
        status.put("media_attachments", List.of());
        status.put("mentions", List.of());
        status.put("tags", List.of());
        status.put("emojis", List.of());
        status.put("card", null);
        status.put("poll", null);
        return status;
    }

    private static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("\n", "<br />");
    }
}
