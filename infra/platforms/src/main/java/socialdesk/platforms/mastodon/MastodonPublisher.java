package socialdesk.platforms.mastodon;

import socialdesk.core.publish.SentPostLookup;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import socialdesk.core.json.Json;
import socialdesk.core.json.JsonRead;
import socialdesk.core.platform.ContentRules;
import socialdesk.core.platform.MastodonRules;
import socialdesk.core.post.Platform;
import socialdesk.core.publish.PlatformPublisher;
import socialdesk.core.publish.PublishOutcome;
import socialdesk.core.publish.PublishOutcome.Permanent;
import socialdesk.core.publish.PublishOutcome.Published;
import socialdesk.core.publish.PublishRequest;
import socialdesk.platforms.ImageFiles;
import socialdesk.platforms.PlatformHttp;
import socialdesk.platforms.PlatformHttp.Response;
import socialdesk.platforms.PublicUrlFetcher;

/**
 * Posts a public status with {@code POST /api/v1/statuses}, its images first uploaded as media
 * attachments with their alt text ({@link MastodonMedia}).
 *
 * <p>Every send carries the request's idempotency key as {@code Idempotency-Key}; Mastodon answers
 * a repeated key with the status it created the first time, so a retry after a timeout cannot post
 * twice. Mastodon keeps a key for one hour only, and a retry may be deferred past that (a rate-limit
 * reset, a long outage). The first send of a post happens at or after its due time, so until an
 * hour after the due time the key still covers every earlier send. Later, the publisher first looks
 * for an earlier send that landed: it reads the account's newest statuses and, for each created
 * since the due time, its source text; one whose text is this post's is taken as this post. Only
 * when none is found is the status sent again; when the lookup itself fails the retry waits, rather
 * than risk a second copy. A plain resend with a fresh key would double-post after a lost answer,
 * and asking for the statuses on every send would cost two extra requests a post for the rare case.
 * The one case this cannot tell apart is two posts with the same text both due in the window.
 */
public final class MastodonPublisher implements PlatformPublisher {
    /** How long Mastodon keeps an Idempotency-Key. */
    static final Duration KEY_LIFETIME = Duration.ofHours(1);
    /** Allowance for the difference between our clock and the instance's. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    /** Mastodon's largest page of statuses. */
    static final int LOOKUP_LIMIT = 40;

    private final PlatformHttp http;
    private final MastodonAccount account;
    private final MastodonRules rules;
    private final URI statusesUri;
    private final MastodonMedia media;
    private volatile String accountId;

    public MastodonPublisher(HttpClient client, MastodonAccount account, Clock clock) {
        this(client, account, clock, PlatformHttp.DEFAULT_REQUEST_TIMEOUT);
    }

    public MastodonPublisher(HttpClient client, MastodonAccount account, Clock clock, Duration requestTimeout) {
        this(client, account, clock, requestTimeout, ImageFiles.sharedFetcher());
    }

    /** @param images fetches the posts' images; production's allows public addresses only */
    public MastodonPublisher(HttpClient client, MastodonAccount account, Clock clock, Duration requestTimeout,
                             PublicUrlFetcher images) {
        this.account = Objects.requireNonNull(account, "account");
        this.http = new PlatformHttp(Platform.MASTODON.id(), client, requestTimeout, clock);
        this.rules = new MastodonRules(account.maxChars());
        this.statusesUri = URI.create(account.instance() + "/api/v1/statuses");
        this.media = new MastodonMedia(http, account.instance(), new ImageFiles(images));
    }

    @Override
    public Platform platform() {
        return Platform.MASTODON;
    }

    @Override
    public ContentRules rules() {
        return rules;
    }

    /** Every send carries the post's Idempotency-Key, and past the key's hour {@link #publish} looks first (see above). */
    @Override
    public SentPostLookup sentPosts() {
        return SentPostLookup.resendIsSafe("mastodon: the Idempotency-Key, and the lookup the publisher makes past its hour");
    }

    @Override
    public PublishOutcome publish(PublishRequest request) {
        try {
            List<String> problems = rules.problems(request.content());
            if (!problems.isEmpty()) {
                return new Permanent(String.join("; ", problems));
            }
            if (request.idempotencyKey() == null || request.idempotencyKey().isBlank()) {
                return new Permanent("mastodon: request has no idempotency key; refusing to send without one");
            }
            if (!http.clock().instant().isBefore(request.dueAt().plus(KEY_LIFETIME).minus(CLOCK_SKEW))) {
                PublishOutcome earlier = earlierSend(request);
                if (earlier != null) {
                    return earlier;
                }
            }
            return send(request);
        } catch (ImageFiles.Unavailable e) {
            return e.outcome();
        } catch (Exception e) {
            return http.transportFailure(e);
        }
    }

    private PublishOutcome send(PublishRequest request) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", request.content().fullText());
        body.put("visibility", "public");
        List<String> mediaIds = media.upload(request.content().images(), rules.images(), account.accessToken());
        if (!mediaIds.isEmpty()) {
            body.put("media_ids", mediaIds);
        }
        HttpRequest httpRequest = http.request(statusesUri)
                .header("Authorization", "Bearer " + account.accessToken())
                .header("Idempotency-Key", request.idempotencyKey())
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body)))
                .build();
        Response response = http.send(httpRequest);
        if (response.statusClass() != PlatformHttp.StatusClass.SUCCESS) {
            return http.failure(response);
        }
        Map<String, Object> status = response.json();
        String id = JsonRead.id(status, "id");
        if (id == null) {
            // Created or not, a retry with the same Idempotency-Key finds out safely.
            return new PublishOutcome.Transient("mastodon: answer " + response.status() + " carried no status id", null);
        }
        String url = JsonRead.string(status, "url");
        if (url == null) {
            url = JsonRead.string(status, "uri");
        }
        return new Published(id, url);
    }

    /**
     * The status an earlier send of this post created, as Published; a Transient when the lookup
     * failed (resending then could post twice); null when no earlier send landed.
     */
    private PublishOutcome earlierSend(PublishRequest request) throws Exception {
        String text = request.content().fullText();
        Instant since = request.dueAt().minus(CLOCK_SKEW);
        if (accountId == null) {
            Response me = get(URI.create(account.instance() + "/api/v1/accounts/verify_credentials"));
            if (me.statusClass() != PlatformHttp.StatusClass.SUCCESS || JsonRead.id(me.json(), "id") == null) {
                return lookupFailed(me);
            }
            accountId = JsonRead.id(me.json(), "id");
        }
        Response page = get(URI.create(account.instance() + "/api/v1/accounts/" + accountId
                + "/statuses?limit=" + LOOKUP_LIMIT + "&exclude_reblogs=true"));
        if (page.statusClass() != PlatformHttp.StatusClass.SUCCESS || !(Json.parse(page.body()) instanceof List<?> statuses)) {
            return lookupFailed(page);
        }
        for (Object status : statuses) {
            Instant created = createdAt(status);
            if (created == null || created.isBefore(since)) {
                return null;
            }
            String id = JsonRead.id(status, "id");
            Response source = get(URI.create(account.instance() + "/api/v1/statuses/" + id + "/source"));
            if (source.statusClass() != PlatformHttp.StatusClass.SUCCESS) {
                return lookupFailed(source);
            }
            if (text.equals(JsonRead.string(source.json(), "text"))) {
                String url = JsonRead.string(status, "url");
                return new Published(id, url != null ? url : JsonRead.string(status, "uri"));
            }
        }
        if (statuses.size() >= LOOKUP_LIMIT) {
            return new Permanent("mastodon: more than " + LOOKUP_LIMIT + " statuses since this post was due, so an earlier "
                    + "send cannot be ruled out and the idempotency key has expired; check the account and requeue the post");
        }
        return null;
    }

    private Response get(URI uri) throws Exception {
        return http.send(http.request(uri).header("Authorization", "Bearer " + account.accessToken()).GET().build());
    }

    private PublishOutcome lookupFailed(Response response) {
        if (PlatformHttp.classify(response.status()) == PlatformHttp.StatusClass.CREDENTIALS_REJECTED) {
            return http.failure(response);
        }
        return new PublishOutcome.Transient("mastodon: could not check for an earlier send before resending (" + response.status()
                + ") and the idempotency key may have expired; will try again", http.notBefore(response.headers()));
    }

    private static Instant createdAt(Object status) {
        String at = JsonRead.string(status, "created_at");
        try {
            return at == null ? null : Instant.parse(at);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "MastodonPublisher[" + account.instance() + "]";
    }
}
