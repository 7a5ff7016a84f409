package socialdesk.platforms.fake;

import java.time.Clock;
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
 * {@code Idempotency-Key} returns the status created the first time, as the real server does.
 *
 * <p>{@link #statuses()} lists each status created (text and key) so tests can assert "exactly
 * once"; {@link #statusesCreated()} counts them. Scripting (failures, latency, hangs) comes from
 * {@link FakePlatformServer}.
 */
public final class FakeMastodon extends FakePlatformServer {
    public static final String STATUSES = "/api/v1/statuses";
    public static final String DEFAULT_TOKEN = "fake-mastodon-token-Zk3PqX9uVb2mW7sLr4tY";
    private static final Set<String> VISIBILITIES = Set.of("public", "unlisted", "private", "direct");

    /** One status the fake created. */
    public record Status(String id, String text, String visibility, String idempotencyKey, String url) {
    }

    private final String accessToken;
    private final int maxChars;
    private final Clock clock;
    private final List<Status> statuses = new ArrayList<>();             // guarded by this
    private final Map<String, Map<String, Object>> byKey = new HashMap<>(); // guarded by this
    private long nextId = 113_742_000_000_000_000L;                         // guarded by this

    public FakeMastodon() {
        this(DEFAULT_TOKEN, MastodonRules.DEFAULT_MAX_CHARS, Clock.systemUTC());
    }

    public FakeMastodon(String accessToken, int maxChars, Clock clock) {
        this.accessToken = accessToken;
        this.maxChars = maxChars;
        this.clock = clock;
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

    @Override
    protected Reply handle(RecordedRequest request) {
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
            if (idempotencyKey != null && byKey.containsKey(idempotencyKey)) {
                return Reply.json(200, byKey.get(idempotencyKey));
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
            String id = Long.toString(nextId++);
            Map<String, Object> status = statusJson(id, text, visibility);
            statuses.add(new Status(id, text, visibility, idempotencyKey, (String) status.get("url")));
            if (idempotencyKey != null) {
                byKey.put(idempotencyKey, status);
            }
            return Reply.json(200, status);
        }
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
        Map<String, Object> account = new LinkedHashMap<>();
        account.put("id", "109348200000000001");
        account.put("username", "desk");
        account.put("acct", "desk");
        account.put("display_name", "Social Desk");
        account.put("url", base + "/@desk");
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
