package socialdesk.platforms.x;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import socialdesk.core.json.Json;
import socialdesk.core.json.JsonRead;
import socialdesk.core.platform.ContentRules;
import socialdesk.core.platform.XRules;
import socialdesk.core.post.Platform;
import socialdesk.core.publish.PlatformPublisher;
import socialdesk.core.publish.PublishOutcome;
import socialdesk.core.platform.token.TokenRefreshException;
import socialdesk.core.platform.token.TokenSource;
import socialdesk.core.publish.PublishOutcome.Permanent;
import socialdesk.core.publish.PublishOutcome.Published;
import socialdesk.core.publish.PublishOutcome.Transient;
import socialdesk.core.publish.PublishRequest;
import socialdesk.platforms.ImageFiles;
import socialdesk.core.publish.SentPostLookup;
import socialdesk.platforms.PlatformHttp;
import socialdesk.platforms.PlatformHttp.Response;
import socialdesk.platforms.PublicUrlFetcher;

/**
 * Posts with {@code POST /2/tweets} ({@code {"text": ...}}, and {@code media.media_ids} of images
 * uploaded first by {@link XMedia}), answered {@code 201 {"data": {"id", "text"}}}.
 *
 * <p>Rate limits: a 429 waits for the latest of {@code Retry-After}, {@code x-rate-limit-reset}
 * (epoch seconds, the 15-minute window) and, when the 24-hour allowance is used up
 * ({@code x-user-limit-24hour-remaining} or {@code x-app-limit-24hour-remaining} at 0), its reset.
 * A 401 is credentials rejected. A 403 is read by its problem document ({@code type}, {@code title},
 * {@code detail}), since X answers 403 both for the account and for one post: the types
 * {@code client-forbidden}, {@code unsupported-authentication} and {@code oauth1-permissions}, and the
 * details of a read-only app or a suspended or locked account, hold the account; anything else
 * (a disallowed reply, a post flagged as automated, a refused resource) fails that post only. X has
 * no idempotency key: a retry after a lost answer is refused as duplicate content (403 "You are not
 * allowed to create a Tweet with duplicate content"), without the id of the existing post. So the
 * publisher then looks for it: the account's own posts since the due time ({@code GET /2/users/me},
 * then {@code GET /2/users/{id}/tweets}), matched on the exact text once X's t.co links are expanded
 * and its HTML escapes undone. Found, the send succeeded after all and is recorded as published;
 * not found, it is a permanent failure (a duplicate of an older post); a lookup that fails is
 * retried later rather than guessed.
 */
public final class XPublisher implements PlatformPublisher {
    /** Problem types (the last path segment of {@code https://api.x.com/2/problems/...}) that concern the app or the account. */
    private static final List<String> ACCOUNT_PROBLEM_TYPES = List.of(
            "/problems/client-forbidden", "/problems/unsupported-authentication", "/problems/oauth1-permissions");
    /** Words of X's about:blank 403 details that concern the account: a read-only app, a suspended or locked account. */
    private static final List<String> ACCOUNT_PROBLEM_WORDS = List.of(
            "not permitted to perform this action", "cannot perform write actions", "suspended", "locked",
            "client forbidden");

    private final PlatformHttp http;
    private final XAccount account;
    private final XRules rules = new XRules();
    private final URI tweetsUri;
    private final TokenSource tokens;
    private final XMedia media;

    public XPublisher(HttpClient client, XAccount account, Clock clock) {
        this(client, account, clock, PlatformHttp.DEFAULT_REQUEST_TIMEOUT);
    }

    public XPublisher(HttpClient client, XAccount account, Clock clock, Duration requestTimeout) {
        this(client, account, clock, requestTimeout, TokenSource.fixed(account.accessToken()));
    }

    /** @param tokens the access token to send, refreshed by {@code offline.access} when it is about to expire */
    public XPublisher(HttpClient client, XAccount account, Clock clock, Duration requestTimeout, TokenSource tokens) {
        this(client, account, clock, requestTimeout, tokens, ImageFiles.sharedFetcher());
    }

    /** @param images fetches the posts' images; production's allows public addresses only */
    public XPublisher(HttpClient client, XAccount account, Clock clock, Duration requestTimeout, TokenSource tokens,
                      PublicUrlFetcher images) {
        this.account = Objects.requireNonNull(account, "account");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.http = new PlatformHttp(Platform.X.id(), client, requestTimeout, clock);
        this.tweetsUri = URI.create(account.apiUrl() + "/2/tweets");
        this.media = new XMedia(http, account.apiUrl(), new ImageFiles(images));
    }

    @Override
    public Platform platform() {
        return Platform.X;
    }

    @Override
    public ContentRules rules() {
        return rules;
    }

    @Override
    public PublishOutcome publish(PublishRequest request) {
        try {
            List<String> problems = rules.problems(request.content());
            if (!problems.isEmpty()) {
                return new Permanent(String.join("; ", problems));
            }
            String token;
            try {
                token = tokens.accessToken();
            } catch (TokenRefreshException e) {
                return PublishOutcome.tokenUnavailable(e);
            }
            Map<String, Object> post = new LinkedHashMap<>();
            post.put("text", request.content().fullText());
            List<String> mediaIds = media.upload(request.content().images(), rules.images(), token);
            if (!mediaIds.isEmpty()) {
                post.put("media", Map.of("media_ids", mediaIds));
            }
            Response response = http.send(http.request(tweetsUri)
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Json.write(post)))
                    .build());
            if (response.statusClass() == PlatformHttp.StatusClass.SUCCESS) {
                String id = JsonRead.id(response.json(), "data", "id");
                if (id == null) {
                    return new Transient("x: answer " + response.status() + " carried no post id", null);
                }
                return new Published(id, postUrl(id));
            }
            return failure(response, request);
        } catch (ImageFiles.Unavailable e) {
            return e.outcome();
        } catch (Exception e) {
            return http.transportFailure(e);
        }
    }

    private PublishOutcome failure(Response response, PublishRequest request) {
        String detail = detail(response);
        int status = response.status();
        if (status == 403 && detail.toLowerCase(Locale.ROOT).contains("duplicate content")) {
            return duplicate(detail, request);
        }
        if (status == 403 && !accountProblem(response)) {
            return new Permanent("x: refused this post (403)" + (detail.isEmpty() ? "" : ": " + detail));
        }
        if (status == 401 || status == 403) {
            return http.credentialsRejected(status, detail);
        }
        if (status == 429) {
            return new Transient("x: rate limited (429)" + (detail.isEmpty() ? "" : ": " + detail), notBefore(response.headers()));
        }
        return http.failure(new Response(status, response.headers(), detail.isEmpty() ? response.body() : detail));
    }

    /** X refused the text as a duplicate: published already if one of the account's posts since the due time is it. */
    private PublishOutcome duplicate(String detail, PublishRequest request) {
        return switch (sentPosts().find(request, request.dueAt())) {
            case SentPostLookup.Reconciliation.Found f -> new Published(f.remoteId(), f.url());
            case SentPostLookup.Reconciliation.LookupFailed f -> new Transient("x: duplicate refused, and "
                    + f.reason().replaceFirst("^x: ", "") + "; trying again later", f.notBefore());
            default -> new Permanent("x: duplicate post: X already holds an older post with this text (" + detail
                    + "), and none of the account's posts since the due time is it");
        };
    }

    /** The account's posts since the due time, matched on the text as written. */
    @Override
    public SentPostLookup sentPosts() {
        return new XSentPosts(http, account, tokens);
    }

    static String postUrl(String id) {
        return "https://x.com/i/web/status/" + id;
    }

    /** A post's text as it was sent: X answers it with t.co links and &amp;, &lt;, &gt; escaped. */
    static String asWritten(Object post) {
        String text = JsonRead.string(post, "text");
        if (text == null) {
            return "";
        }
        for (Object url : JsonRead.list(post, "entities", "urls")) {
            String shortened = JsonRead.string(url, "url");
            String expanded = JsonRead.string(url, "expanded_url");
            if (shortened != null && expanded != null) {
                text = text.replace(shortened, expanded);
            }
        }
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    private Instant notBefore(HttpHeaders headers) {
        return notBefore(http, headers);
    }

    /** The latest of the retry hints, the 15-minute window's reset and, when used up, the 24-hour allowance's reset. */
    static Instant notBefore(PlatformHttp http, HttpHeaders headers) {
        Instant now = http.clock().instant();
        Instant at = http.notBefore(headers);
        for (String scope : List.of("x-user-limit-24hour", "x-app-limit-24hour")) {
            if (headers.firstValue(scope + "-remaining").map(String::strip).filter("0"::equals).isPresent()) {
                at = PlatformHttp.later(at, headers.firstValue(scope + "-reset")
                        .map(v -> PlatformHttp.parseReset(v, now)).orElse(null));
            }
        }
        return at;
    }

    /** Whether a 403 is about the app or the account (every post would be refused) rather than this post. */
    static boolean accountProblem(Response response) {
        Map<String, Object> json = response.json();
        String type = JsonRead.string(json, "type");
        if (type != null && ACCOUNT_PROBLEM_TYPES.stream().anyMatch(type::endsWith)) {
            return true;
        }
        String words = (JsonRead.string(json, "title") + " " + JsonRead.string(json, "detail")).toLowerCase(Locale.ROOT);
        return ACCOUNT_PROBLEM_WORDS.stream().anyMatch(words::contains);
    }

    /** X's problem details: {@code detail}, else {@code title}, else the first of {@code errors[].message}. */
    private static String detail(Response response) {
        Map<String, Object> json = response.json();
        String text = JsonRead.string(json, "detail");
        if (text == null) {
            text = JsonRead.string(json, "title");
        }
        if (text == null) {
            text = JsonRead.list(json, "errors").stream().map(e -> JsonRead.string(e, "message"))
                    .filter(Objects::nonNull).findFirst().orElse(null);
        }
        if (text == null) {
            return response.detail();
        }
        String flat = text.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
        return flat.length() <= 300 ? flat : flat.substring(0, 300) + "…";
    }

    @Override
    public String toString() {
        return "XPublisher[" + account.apiUrl() + "]";
    }
}
