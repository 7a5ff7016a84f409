package socialdesk.platforms.fake;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.HashSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import socialdesk.core.json.JsonException;
import socialdesk.platforms.linkedin.LinkedInAccount;

/**
 * LinkedIn's versioned {@code POST /rest/posts} on loopback. It checks the headers
 * ({@code Linkedin-Version}, {@code X-Restli-Protocol-Version: 2.0.0}, bearer) and the body's exact
 * fields, answers 201 with an empty body and the URN in {@code x-restli-id}, refuses a repeated
 * commentary with 422 {@code DUPLICATE_POST} naming the first post's URN (or, after
 * {@link #hideDuplicateUrn()}, without it), and a revoked token with 401 {@code REVOKED_ACCESS_TOKEN}.
 * It reads the commentary as little text and keeps what LinkedIn would show; an unescaped reserved
 * character outside a link or template is a violation.
 */
public final class FakeLinkedIn extends FakePlatformServer {
    public static final String TOKEN = "AQXfakeLinkedInToken_0123456789";
    public static final String AUTHOR = "urn:li:organization:2414183";
    public static final String VERSION = "202605";
    private final LinkedInImageUploads images = new LinkedInImageUploads(this::violation);

    /** A post the fake created, and its commentary as LinkedIn shows it. */
    public record Post(String urn, Map<String, Object> body, String shown) {
    }

    private static final String RESERVED = "\\|{}@[]()<>#*_~";
    private static final String HASHTAG = "{hashtag|\\#|";
    private static final Pattern LINK = Pattern.compile("(?:https?://|www\\.)[^\\s\\\\]+", Pattern.CASE_INSENSITIVE);

    private final List<Post> posts = new ArrayList<>(); // guarded by this
    private final Map<String, java.time.Instant> createdAt = new java.util.HashMap<>(); // guarded by this
    private long nextId = 7_400_000_000_000_000_000L;   // guarded by this
    private volatile boolean revoked;
    public static final String CLIENT_ID = "86fakeclientid";
    public static final String CLIENT_SECRET = "WPL_AP1.fakeClientSecret";
    private final Set<String> accessTokens = new HashSet<>(Set.of(TOKEN)); // guarded by this
    private final Set<String> refreshTokens = new HashSet<>(Set.of("AQWfakeRefresh0")); // guarded by this
    private int refreshes;                                                  // guarded by this
    private volatile boolean hideDuplicateUrn;

    public LinkedInAccount account() {
        return new LinkedInAccount(baseUri(), TOKEN, AUTHOR, VERSION);
    }

    public void revokeToken() {
        revoked = true;
    }

    public void hideDuplicateUrn() {
        hideDuplicateUrn = true;
    }

    /** The Images API: registered and uploaded images. */
    public LinkedInImageUploads images() {
        return images;
    }

    public synchronized List<Post> posts() {
        return List.copyOf(posts);
    }

    public static Map<String, Object> error(int status, String code, int serviceErrorCode, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("serviceErrorCode", serviceErrorCode);
        body.put("code", code);
        body.put("message", message);
        return body;
    }

    /**
     * Reads little text as LinkedIn renders it: a backslash makes the next reserved character
     * literal, {@code {hashtag|\#|word}} is a hashtag, a link runs to the next space or backslash (no
     * URL holds one) less trailing
     * sentence punctuation and an unmatched closing bracket, and an unescaped reserved character
     * anywhere else is where LinkedIn cuts the post (a violation; the shown text stops there).
     */
    private String shown(String commentary) {
        StringBuilder shown = new StringBuilder();
        int i = 0;
        while (i < commentary.length()) {
            char c = commentary.charAt(i);
            Matcher link = LINK.matcher(commentary).region(i, commentary.length());
            boolean wordStart = i == 0 || !Character.isLetterOrDigit(commentary.charAt(i - 1));
            if (commentary.startsWith(HASHTAG, i) && commentary.indexOf('}', i) > 0) {
                int close = commentary.indexOf('}', i);
                shown.append('#').append(commentary, i + HASHTAG.length(), close);
                i = close + 1;
            } else if (wordStart && link.lookingAt()) {
                int end = linkEnd(link.group());
                shown.append(link.group(), 0, end);
                i += end;
            } else if (c == '\\' && i + 1 < commentary.length() && RESERVED.indexOf(commentary.charAt(i + 1)) >= 0) {
                shown.append(commentary.charAt(i + 1));
                i += 2;
            } else if (RESERVED.indexOf(c) >= 0) {
                violation("unescaped '" + c + "' at " + i + ": LinkedIn cuts the post here: " + commentary);
                return shown.toString();
            } else {
                shown.append(c);
                i++;
            }
        }
        return shown.toString();
    }

    private static int linkEnd(String run) {
        int end = run.length();
        while (end > 0) {
            char last = run.charAt(end - 1);
            String head = run.substring(0, end);
            if (".,;:!?'\"*".indexOf(last) >= 0
                    || (last == ')' && head.chars().filter(ch -> ch == '(').count() < head.chars().filter(ch -> ch == ')').count())
                    || (last == ']' && head.chars().filter(ch -> ch == '[').count() < head.chars().filter(ch -> ch == ']').count())) {
                end--;
            } else {
                return end;
            }
        }
        return end;
    }

    public synchronized int refreshes() {
        return refreshes;
    }

    /**
     * {@code POST /oauth/v2/accessToken} with {@code grant_type=refresh_token}, the client id and
     * secret in the form: a refresh token works once here and yields a new access token (60 days) and
     * refresh token.
     */
    private synchronized Reply token(RecordedRequest request) {
        String body = request.body();
        if (!"refresh_token".equals(formField(body, "grant_type")) || !CLIENT_ID.equals(formField(body, "client_id"))
                || !CLIENT_SECRET.equals(formField(body, "client_secret"))) {
            violation("token request without the refresh grant and client credentials: " + body);
            return Reply.json(401, Map.of("error", "invalid_client", "error_description", "Client authentication failed"));
        }
        if (!refreshTokens.remove(formField(body, "refresh_token"))) {
            return Reply.json(400, Map.of("error", "invalid_grant", "error_description", "The provided authorization grant is invalid"));
        }
        refreshes++;
        String access = "AQVfreshAccess" + refreshes;
        String refresh = "AQWfakeRefresh" + refreshes;
        accessTokens.add(access);
        refreshTokens.add(refresh);
        return Reply.json(200, Map.of("access_token", access, "expires_in", 5_184_000, "refresh_token", refresh,
                "refresh_token_expires_in", 31_536_000, "scope", "w_organization_social"));
    }

    private synchronized boolean accepted(String bearer) {
        return bearer != null && accessTokens.contains(bearer);
    }

    @Override
    protected Reply handle(RecordedRequest request) {
        if (request.method().equals("POST") && request.path().equals("/oauth/v2/accessToken")) {
            return token(request);
        }
        if (request.path().startsWith(LinkedInImageUploads.UPLOADS) || request.path().equals(LinkedInImageUploads.IMAGES)) {
            if (revoked || !accepted(request.bearer())) {
                return Reply.json(401, error(401, "REVOKED_ACCESS_TOKEN", 65601, "The token used in the request has been revoked by the user"));
            }
            return images.handle(request, baseUri());
        }
        if (request.method().equals("GET") && request.path().equals("/rest/posts")) {
            return postsByAuthor(request);
        }
        if (!request.method().equals("POST") || !request.path().equals("/rest/posts")) {
            violation("unexpected " + request.method() + " " + request.path());
            return Reply.json(404, error(404, "NOT_FOUND", 0, "Resource not found"));
        }
        if (!"2.0.0".equals(request.header("X-Restli-Protocol-Version"))) {
            violation("X-Restli-Protocol-Version " + request.header("X-Restli-Protocol-Version"));
        }
        String version = request.header("Linkedin-Version");
        if (version == null || !version.matches("\\d{6}")) {
            violation("Linkedin-Version " + version);
            return Reply.json(400, error(400, "VERSION_MISSING", 0, "A version must be present. Please specify a version by adding the LinkedIn-Version header."));
        }
        if (revoked || !accepted(request.bearer())) {
            return Reply.json(401, error(401, "REVOKED_ACCESS_TOKEN", 65601, "The token used in the request has been revoked by the user"));
        }
        Map<String, Object> body;
        try {
            body = request.json();
        } catch (JsonException e) {
            violation("body is not JSON");
            return Reply.json(400, error(400, "ILLEGAL_ARGUMENT", 0, "Request body could not be converted to data map"));
        }
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("author", AUTHOR);
        expected.put("commentary", body.get("commentary"));
        expected.put("visibility", "PUBLIC");
        expected.put("distribution", Map.of("feedDistribution", "MAIN_FEED", "targetEntities", List.of(),
                "thirdPartyDistributionChannels", List.of()));
        expected.put("lifecycleState", "PUBLISHED");
        expected.put("isReshareDisabledByAuthor", false);
        if (body.containsKey("content")) {
            String problem = images.contentProblem(body.get("content"));
            if (problem != null) {
                return Reply.json(422, Map.of("message", problem, "status", 422));
            }
            expected.put("content", body.get("content"));
        }
        if (!expected.equals(body) || !(body.get("commentary") instanceof String)) {
            violation("unexpected body " + body);
            return Reply.json(422, Map.of("message", "ERROR :: /commentary :: field is required but not found", "status", 422));
        }
        synchronized (this) {
            for (Post p : posts) {
                if (p.body().get("commentary").equals(body.get("commentary"))) {
                    String message = "com.linkedin.content.common.exception.BadRequestResponseException: Content is a duplicate"
                            + (hideDuplicateUrn ? "" : " of " + p.urn());
                    return Reply.json(422, Map.of("errorDetailType", "com.linkedin.common.error.BadRequest",
                            "message", message,
                            "errorDetails", Map.of("inputErrors", List.of(Map.of("description", "Duplicate post is detected",
                                    "input", Map.of(), "code", "DUPLICATE_POST"))),
                            "status", 422));
                }
            }
            String urn = "urn:li:share:" + nextId++;
            posts.add(new Post(urn, body, shown((String) body.get("commentary"))));
            createdAt.put(urn, java.time.Instant.now());
            return new Reply(201, Map.of("x-restli-id", urn, "x-linkedin-id", urn), null);
        }
    }

    /** Makes a post look created at {@code at}. */
    public synchronized void createdAt(String urn, java.time.Instant at) {
        createdAt.put(urn, at);
    }

    /**
     * The Posts API's author finder, {@code GET /rest/posts?q=author&author=<urn>&sortBy=CREATED|LAST_MODIFIED&count=n}
     * with {@code X-RestLi-Method: FINDER} and the versioned headers: the author's posts newest first,
     * as {@code {"paging": {...}, "elements": [{"id", "author", "commentary", "createdAt", ...}]}}.
     */
    private synchronized Reply postsByAuthor(RecordedRequest request) {
        if (!"FINDER".equalsIgnoreCase(String.valueOf(request.header("X-RestLi-Method")))) {
            violation("author finder without X-RestLi-Method: FINDER");
        }
        if (!"2.0.0".equals(request.header("X-Restli-Protocol-Version")) || request.header("Linkedin-Version") == null) {
            violation("author finder without the versioned headers");
            return Reply.json(400, error(400, "VERSION_MISSING", 0, "A version must be present."));
        }
        if (revoked || !accepted(request.bearer())) {
            return Reply.json(401, error(401, "REVOKED_ACCESS_TOKEN", 65601, "The token used in the request has been revoked by the user"));
        }
        if (!"author".equals(request.query("q")) || !AUTHOR.equals(request.query("author"))) {
            violation("author finder with q=" + request.query("q") + " author=" + request.query("author"));
            return Reply.json(400, error(400, "ILLEGAL_ARGUMENT", 0, "Invalid query parameters"));
        }
        int count = Integer.parseInt(java.util.Objects.requireNonNullElse(request.query("count"), "10"));
        List<Map<String, Object>> elements = new ArrayList<>();
        for (int i = posts.size() - 1; i >= 0 && elements.size() < count; i--) {
            Post p = posts.get(i);
            long created = createdAt.get(p.urn()).toEpochMilli();
            Map<String, Object> element = new LinkedHashMap<>(p.body());
            element.put("id", p.urn());
            element.put("createdAt", created);
            element.put("publishedAt", created);
            element.put("lastModifiedAt", created);
            elements.add(element);
        }
        return Reply.json(200, Map.of("paging", Map.of("start", 0, "count", count, "links", List.of()), "elements", elements));
    }
}
