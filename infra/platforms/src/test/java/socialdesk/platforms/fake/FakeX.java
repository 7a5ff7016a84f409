package socialdesk.platforms.fake;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import socialdesk.core.json.JsonException;
import socialdesk.core.json.JsonRead;
import socialdesk.core.platform.XRules;
import socialdesk.platforms.x.XAccount;

/**
 * X's {@code POST /2/tweets} on loopback: 201 {@code {"data": {"id", "text", "edit_history_tweet_ids"}}}
 * with {@code x-rate-limit-*} headers; a repeated text gets X's 403 duplicate-content problem
 * document; a wrong or revoked token its 401 problem document; a text over 280 as X's own
 * twitter-text counts it is refused as an invalid request. {@code POST /2/oauth2/token} refreshes
 * an {@link #authorise(Instant) authorised} account's tokens the way X does: access tokens expire
 * after two hours and each refresh token works once.
 */
public final class FakeX extends FakePlatformServer {
    public static final String TOKEN = "bWFrZS1iZWxpZXZlLXVzZXItY29udGV4dC10b2tlbg";
    public static final String CLIENT_ID = "M1M5R3BMVy13QmpScXkzTUt5OE46MTpjaQ";
    /** X's user access tokens last two hours. */
    public static final Duration ACCESS_TOKEN_LIFETIME = Duration.ofHours(2);

    /** A post the fake created. */
    private final XMediaEndpoints media = new XMediaEndpoints(this::violation);

    public record Tweet(String id, String text, Instant createdAt) {
    }

    /** The account's user id, as {@code GET /2/users/me} answers it. */
    public static final String USER_ID = "1850000000000000001";

    private final Clock clock;
    private final List<Tweet> tweets = new ArrayList<>(); // guarded by this
    private long nextId = 1_861_000_000_000_000_000L;      // guarded by this
    private volatile boolean revoked;
    private final Map<String, Instant> accessTokens = new HashMap<>(); // guarded by this; token -> expiry
    private final Set<String> refreshTokens = new HashSet<>();         // guarded by this; unspent ones
    private int issued;                                                // guarded by this
    private int refreshes;                                             // guarded by this
    private final Map<String, Map<String, String>> codes = new HashMap<>(); // guarded by this; code -> the authorise request

    public FakeX(Clock clock) {
        this.clock = clock;
    }

    public XAccount account() {
        return new XAccount(baseUri(), TOKEN);
    }

    /**
     * Grants an {@code offline.access} authorisation as {@code ./social auth x} would store it: an
     * access token that expires at {@code expiresAt} and a refresh token, in the secret's fields.
     */
    public synchronized Map<String, Object> authorise(Instant expiresAt) {
        String access = "x-access-" + (++issued);
        String refresh = "x-refresh-" + issued;
        accessTokens.put(access, expiresAt);
        refreshTokens.add(refresh);
        return new LinkedHashMap<>(Map.of("apiUrl", baseUri().toString(), "accessToken", access, "refreshToken", refresh,
                "clientId", CLIENT_ID, "expiresAt", expiresAt.toString()));
    }

    /**
     * What X's consent page does when the person approves: the authorisation request's fields are
     * kept under a new code, and the browser is sent to {@code redirect_uri?code=...&state=...}.
     * The request must ask for S256 PKCE.
     */
    public synchronized URI consent(URI authorizeUri) {
        Map<String, String> query = new HashMap<>();
        for (String name : List.of("response_type", "client_id", "redirect_uri", "scope", "state", "code_challenge",
                "code_challenge_method")) {
            query.put(name, formField(authorizeUri.getRawQuery(), name));
        }
        if (!"code".equals(query.get("response_type")) || !"S256".equals(query.get("code_challenge_method"))
                || query.get("code_challenge") == null || !CLIENT_ID.equals(query.get("client_id"))
                || !String.valueOf(query.get("scope")).contains("offline.access")) {
            violation("authorisation request X would refuse: " + query);
        }
        String code = "x-code-" + (++issued);
        codes.put(code, query);
        return URI.create(query.get("redirect_uri") + "?state=" + query.get("state") + "&code=" + code);
    }

    /** How many refresh grants the token endpoint honoured. */
    public synchronized int refreshes() {
        return refreshes;
    }

    public void revokeToken() {
        revoked = true;
    }

    /** The media endpoints: uploads and their alt text. */
    public XMediaEndpoints media() {
        return media;
    }

    public synchronized List<Tweet> tweets() {
        return List.copyOf(tweets);
    }

    public static Map<String, Object> problem(int status, String title, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        body.put("type", "about:blank");
        body.put("status", status);
        body.put("detail", detail);
        return body;
    }

    /**
     * {@code POST /2/oauth2/token} with {@code grant_type=refresh_token}: a refresh token works once;
     * the answer carries a new access token (two hours) and a new refresh token.
     */
    private synchronized Reply token(RecordedRequest request) {
        if (!"application/x-www-form-urlencoded".equals(request.header("Content-Type"))) {
            violation("token request Content-Type " + request.header("Content-Type"));
        }
        String body = request.body();
        if ("authorization_code".equals(formField(body, "grant_type"))) {
            return exchange(body);
        }
        if (!"refresh_token".equals(formField(body, "grant_type")) || !CLIENT_ID.equals(formField(body, "client_id"))) {
            violation("token request without grant_type=refresh_token and the client id: " + body);
            return Reply.json(400, Map.of("error", "invalid_request", "error_description", "Missing required parameter [grant_type]."));
        }
        if (!refreshTokens.remove(formField(body, "refresh_token"))) {
            return Reply.json(400, Map.of("error", "invalid_request", "error_description", "Value passed for the token was invalid."));
        }
        refreshes++;
        String access = "x-access-" + (++issued);
        String refresh = "x-refresh-" + issued;
        accessTokens.put(access, clock.instant().plus(ACCESS_TOKEN_LIFETIME));
        refreshTokens.add(refresh);
        return Reply.json(200, Map.of("token_type", "bearer", "expires_in", ACCESS_TOKEN_LIFETIME.toSeconds(),
                "access_token", access, "scope", "tweet.write users.read tweet.read offline.access", "refresh_token", refresh));
    }

    /** The code exchange: one use per code, same redirect URI, and the verifier must hash to the challenge. */
    private Reply exchange(String body) {
        Map<String, String> asked = codes.remove(formField(body, "code"));
        String verifier = formField(body, "code_verifier");
        if (asked == null || verifier == null || !asked.get("redirect_uri").equals(formField(body, "redirect_uri"))
                || !asked.get("code_challenge").equals(s256(verifier))) {
            return Reply.json(400, Map.of("error", "invalid_request", "error_description", "Value passed for the authorization code was invalid."));
        }
        String access = "x-access-" + (++issued);
        String refresh = "x-refresh-" + issued;
        accessTokens.put(access, clock.instant().plus(ACCESS_TOKEN_LIFETIME));
        refreshTokens.add(refresh);
        return Reply.json(200, Map.of("token_type", "bearer", "expires_in", ACCESS_TOKEN_LIFETIME.toSeconds(),
                "access_token", access, "scope", asked.get("scope"), "refresh_token", refresh));
    }

    private static String s256(String verifier) {
        try {
            return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                    java.security.MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private synchronized boolean accepted(String bearer) {
        if (TOKEN.equals(bearer)) {
            return true;
        }
        Instant expiry = bearer == null ? null : accessTokens.get(bearer);
        return expiry != null && clock.instant().isBefore(expiry);
    }

    /**
     * {@code GET /2/users/me} and {@code GET /2/users/:id/tweets} as X answers them: the account's
     * posts newest first, from {@code start_time} (ISO 8601, seconds), each text with its links
     * shortened to t.co (23 characters) and {@code &}, {@code <}, {@code >} HTML-escaped, the original
     * links in {@code entities.urls[].expanded_url} when {@code tweet.fields=entities} is asked for.
     */
    private Reply read(RecordedRequest request) {
        if (revoked || !accepted(request.bearer())) {
            return Reply.json(401, problem(401, "Unauthorized", "Unauthorized"));
        }
        if (request.path().equals("/2/users/me")) {
            return Reply.json(200, Map.of("data", Map.of("id", USER_ID, "name", "Desk", "username", "desk")));
        }
        if (!request.path().equals("/2/users/" + USER_ID + "/tweets")) {
            violation("unexpected GET " + request.path());
            return Reply.json(404, problem(404, "Not Found Error", "Could not find user"));
        }
        Instant since;
        try {
            String start = request.query("start_time");
            since = start == null ? Instant.EPOCH : Instant.parse(start);
        } catch (java.time.format.DateTimeParseException e) {
            violation("start_time is not ISO 8601: " + request.query("start_time"));
            return Reply.json(400, problem(400, "Invalid Request", "One or more parameters to your request was invalid."));
        }
        boolean entities = String.valueOf(request.query("tweet.fields")).contains("entities");
        List<Map<String, Object>> data = new ArrayList<>();
        synchronized (this) {
            for (Tweet t : tweets.reversed()) {
                if (!t.createdAt().isBefore(since)) {
                    data.add(asX(t, entities));
                }
            }
        }
        return Reply.json(200, data.isEmpty() ? Map.of("meta", Map.of("result_count", 0))
                : Map.of("data", data, "meta", Map.of("result_count", data.size())));
    }

    private static Map<String, Object> asX(Tweet tweet, boolean withEntities) {
        StringBuilder text = new StringBuilder();
        List<Map<String, Object>> urls = new ArrayList<>();
        int from = 0;
        int n = 0;
        for (com.twitter.twittertext.Extractor.Entity url : new com.twitter.twittertext.Extractor().extractURLsWithIndices(tweet.text())) {
            text.append(escape(tweet.text().substring(from, url.getStart())));
            String shortened = "https://t.co/fake" + String.format("%06d", n++);
            urls.add(Map.of("url", shortened, "expanded_url", url.getValue(), "display_url", url.getValue()));
            text.append(shortened);
            from = url.getEnd();
        }
        text.append(escape(tweet.text().substring(from)));
        Map<String, Object> post = new LinkedHashMap<>();
        post.put("id", tweet.id());
        post.put("text", text.toString());
        post.put("edit_history_tweet_ids", List.of(tweet.id()));
        if (withEntities && !urls.isEmpty()) {
            post.put("entities", Map.of("urls", urls));
        }
        return post;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Override
    protected Reply handle(RecordedRequest request) {
        if (request.method().equals("POST") && request.path().equals("/2/oauth2/token")) {
            return token(request);
        }
        if (request.method().equals("GET") && (request.path().equals("/2/users/me") || request.path().startsWith("/2/users/"))) {
            return read(request);
        }
        if (request.method().equals("POST") && request.path().startsWith(XMediaEndpoints.MEDIA)) {
            if (revoked || !accepted(request.bearer())) {
                return Reply.json(401, problem(401, "Unauthorized", "Unauthorized"));
            }
            return media.handle(request);
        }
        if (!request.method().equals("POST") || !request.path().equals("/2/tweets")) {
            violation("unexpected " + request.method() + " " + request.path());
            return Reply.json(404, problem(404, "Not Found Error", "Sorry, that page does not exist."));
        }
        if (request.bearer() == null) {
            violation("no bearer token");
        }
        if (revoked || !accepted(request.bearer())) {
            return Reply.json(401, problem(401, "Unauthorized", "Unauthorized"));
        }
        String type = request.header("Content-Type");
        if (type == null || !type.startsWith("application/json")) {
            violation("Content-Type " + type);
        }
        String text;
        try {
            Map<String, Object> body = request.json();
            if (!java.util.Set.of("text", "media").containsAll(body.keySet())) {
                violation("unexpected body fields " + body.keySet());
            }
            text = JsonRead.string(body, "text");
            String mediaProblem = media.usable(body.get("media"));
            if (mediaProblem != null) {
                return Reply.json(400, problem(400, "Invalid Request", mediaProblem));
            }
        } catch (JsonException e) {
            violation("body is not JSON");
            return Reply.json(400, problem(400, "Invalid Request", "One or more parameters to your request was invalid."));
        }
        if (text == null || XRules.weightedLength(text) > XRules.MAX_WEIGHTED) {
            violation("text missing or over X's weighted 280: " + text);
            return Reply.json(400, problem(400, "Invalid Request", "One or more parameters to your request was invalid."));
        }
        Map<String, String> headers = Map.of("x-rate-limit-limit", "100", "x-rate-limit-remaining", "99",
                "x-rate-limit-reset", String.valueOf(clock.instant().getEpochSecond() + 900));
        synchronized (this) {
            for (Tweet t : tweets) {
                if (t.text().equals(text)) {
                    return Reply.json(403, headers, problem(403, "Forbidden",
                            "You are not allowed to create a Tweet with duplicate content."));
                }
            }
            String id = String.valueOf(nextId++);
            tweets.add(new Tweet(id, text, clock.instant()));
            return Reply.json(201, headers, Map.of("data", Map.of("id", id, "text", text, "edit_history_tweet_ids", List.of(id))));
        }
    }
}
