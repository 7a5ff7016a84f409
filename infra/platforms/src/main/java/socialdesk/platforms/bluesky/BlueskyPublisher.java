package socialdesk.platforms.bluesky;

import socialdesk.core.publish.SentPostLookup;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import socialdesk.core.json.Json;
import socialdesk.core.json.JsonRead;
import socialdesk.core.platform.BlueskyRules;
import socialdesk.core.platform.ContentRules;
import socialdesk.core.post.Platform;
import socialdesk.core.post.PostContent;
import socialdesk.core.publish.PlatformPublisher;
import socialdesk.core.publish.PublishOutcome;
import socialdesk.core.publish.PublishOutcome.Permanent;
import socialdesk.core.publish.PublishOutcome.Published;
import socialdesk.core.publish.PublishRequest;
import socialdesk.platforms.ImageFiles;
import socialdesk.platforms.PlatformHttp;
import socialdesk.platforms.PlatformHttp.Response;
import socialdesk.platforms.PlatformHttp.StatusClass;
import socialdesk.platforms.PublicUrlFetcher;
import socialdesk.platforms.bluesky.BlueskySessions.Session;
import socialdesk.platforms.bluesky.BlueskySessions.SessionUnavailable;

/**
 * Posts with {@code com.atproto.repo.createRecord} into the account's repo.
 *
 * <p>Exactly once: the record key is a {@link Tid#forPost TID derived from the post} (due time and
 * idempotency key), so every retry writes to the same key. When the key is already taken, the
 * publisher reads the record back with {@code com.atproto.repo.getRecord}; if it holds this post's
 * text, the earlier send worked and the outcome is {@link Published}. (The reference PDS answers a
 * taken key with a 500 today; an explicit error is planned; both are handled.)
 *
 * <p>Session: created once per publisher and shared by all threads, refreshed on expiry, created
 * again only when the refresh is refused (see {@link BlueskySessions}).
 *
 * <p>The record carries the text's {@link Facets facets} (mentions resolved to DIDs), its
 * {@link PostLanguages language} when the text tells it, and its {@link BlueskyImages images} with
 * their alt text or, for a post without images, a {@link LinkCards preview card} of its link. Facets,
 * languages and the card may not cost the post: a part the PDS refuses (its answer names
 * {@code $.record.facets}, {@code .langs} or {@code .embed}) is dropped and the post sent again
 * without it, which is safe since a refused record was not written. Images are the post: they are
 * never dropped.
 */
public final class BlueskyPublisher implements PlatformPublisher {
    public static final String COLLECTION = "app.bsky.feed.post";
    private static final DateTimeFormatter CREATED_AT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final PlatformHttp http;
    private final BlueskyAccount account;
    private final BlueskySessions sessions;
    private final BlueskyRules rules = new BlueskyRules();
    private final URI createRecordUri;
    private final URI uploadBlobUri;
    private final LinkCards cards;
    private final BlueskyImages images;

    /** How long a link card may take, page and image together: a card is not worth a late post. */
    public static final Duration LINK_CARD_TIMEOUT = Duration.ofSeconds(3);

    private static final class SharedFetcher {
        static final PublicUrlFetcher INSTANCE = new PublicUrlFetcher(LINK_CARD_TIMEOUT);
    }

    public BlueskyPublisher(HttpClient client, BlueskyAccount account, Clock clock) {
        this(client, account, clock, PlatformHttp.DEFAULT_REQUEST_TIMEOUT);
    }

    public BlueskyPublisher(HttpClient client, BlueskyAccount account, Clock clock, Duration requestTimeout) {
        this(client, account, clock, requestTimeout, SharedFetcher.INSTANCE, ImageFiles.sharedFetcher());
    }

    /** @param linkPages fetches link-card pages and thumbnails, and the posts' images; tests' allow loopback */
    public BlueskyPublisher(HttpClient client, BlueskyAccount account, Clock clock, Duration requestTimeout,
                            PublicUrlFetcher linkPages) {
        this(client, account, clock, requestTimeout, linkPages, linkPages);
    }

    /**
     * @param linkPages fetches link-card pages and thumbnails, briefly ({@link #LINK_CARD_TIMEOUT})
     * @param postImages fetches the posts' images; production's allows public addresses only
     */
    public BlueskyPublisher(HttpClient client, BlueskyAccount account, Clock clock, Duration requestTimeout,
                            PublicUrlFetcher linkPages, PublicUrlFetcher postImages) {
        this.account = Objects.requireNonNull(account, "account");
        this.http = new PlatformHttp(Platform.BLUESKY.id(), client, requestTimeout, clock);
        this.sessions = new BlueskySessions(http, account);
        this.createRecordUri = xrpc("com.atproto.repo.createRecord");
        this.uploadBlobUri = xrpc("com.atproto.repo.uploadBlob");
        this.cards = new LinkCards(Objects.requireNonNull(linkPages, "linkPages"));
        this.images = new BlueskyImages(new ImageFiles(postImages));
    }

    @Override
    public Platform platform() {
        return Platform.BLUESKY;
    }

    @Override
    public ContentRules rules() {
        return rules;
    }

    /** The record key is derived from the post, so a repeated createRecord is refused and resolved to the record. */
    @Override
    public SentPostLookup sentPosts() {
        return SentPostLookup.resendIsSafe("bluesky: a record key derived from the post; a repeat resolves to the existing record");
    }

    @Override
    public PublishOutcome publish(PublishRequest request) {
        try {
            List<String> problems = rules.problems(request.content());
            if (!problems.isEmpty()) {
                return new Permanent(String.join("; ", problems));
            }
            String rkey;
            try {
                rkey = Tid.forPost(request.dueAt(), request.idempotencyKey());
            } catch (IllegalArgumentException e) {
                return new Permanent("bluesky: " + e.getMessage());
            }
            return send(request.content(), rkey);
        } catch (SessionUnavailable e) {
            return e.outcome();
        } catch (ImageFiles.Unavailable e) {
            return e.outcome();
        } catch (Exception e) {
            return http.transportFailure(e);
        }
    }

    private PublishOutcome send(PostContent content, String rkey) throws Exception {
        String text = content.fullText();
        Session session = sessions.get();
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("$type", COLLECTION);
        record.put("text", text);
        List<Object> facets = resolvedFacets(text, session);
        if (!facets.isEmpty()) {
            record.put("facets", facets);
        }
        List<String> langs = PostLanguages.of(content.text());
        if (!langs.isEmpty()) {
            record.put("langs", langs);
        }
        String link = content.link() != null ? content.link() : firstLink(text);
        if (content.hasImage()) {
            Session uploading = session;
            record.put("embed", images.embed(content.images(), rules.images(), (image, type) -> uploadBlob(uploading, image, type)));
        } else if (link != null) {
            Session carding = session;
            Map<String, Object> card = cards.card(link, (image, type) -> uploadBlob(carding, image, type));
            if (card != null) {
                record.put("embed", card);
            }
        }
        record.put("createdAt", CREATED_AT.format(http.clock().instant()));

        Response response = createRecord(session, record, rkey);
        if (tokenRefused(response)) {
            session = sessions.renew(session);
            response = createRecord(session, record, rkey);
        }
        String refusedPart;
        while ((refusedPart = refusedOptionalPart(response, record)) != null) {
            record.remove(refusedPart);
            response = createRecord(session, record, rkey);
        }
        if (response.statusClass() == StatusClass.SUCCESS) {
            String uri = JsonRead.string(response.json(), "uri");
            return published(session, uri != null ? uri : atUri(session.did(), rkey), rkey);
        }
        if (tokenRefused(response)) {
            return http.credentialsRejected(response.status(), response.detail());
        }
        if (mayBeTakenKey(response)) {
            PublishOutcome existing = existing(session, text, rkey);
            if (existing != null) {
                return existing;
            }
        }
        return http.failure(response);
    }

    private Response createRecord(Session session, Map<String, Object> record, String rkey)
            throws IOException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("repo", session.did());
        body.put("collection", COLLECTION);
        body.put("rkey", rkey);
        body.put("record", record);
        return http.send(http.request(createRecordUri)
                .header("Authorization", "Bearer " + session.accessJwt())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body)))
                .build());
    }

    /** The card's thumbnail as a blob of the account's repo; an upload the PDS refuses leaves the card without one. */
    private Map<String, Object> uploadBlob(Session session, byte[] image, String mimeType) throws IOException, InterruptedException {
        Response response = http.send(http.request(uploadBlobUri)
                .header("Authorization", "Bearer " + session.accessJwt())
                .header("Content-Type", mimeType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(image))
                .build());
        Map<String, Object> blob = response.statusClass() == StatusClass.SUCCESS ? JsonRead.object(response.json(), "blob") : null;
        if (blob == null) {
            throw new IOException("bluesky: uploadBlob answered " + response.status());
        }
        return blob;
    }

    /**
     * The optional part of the record ({@code facets}, {@code langs}, a link card's {@code embed}) that a 400
     * answer blames, when the record still has it; null otherwise. The PDS names the failing path
     * ({@code ... at $.record.facets[0].features[0].uri}); older servers wrote {@code Record/facets}.
     */
    private static String refusedOptionalPart(Response response, Map<String, Object> record) {
        if (response.status() != 400 || !"InvalidRequest".equals(response.errorCode())) {
            return null;
        }
        String message = String.valueOf(JsonRead.string(response.json(), "message"));
        for (String part : new String[] {"facets", "langs", "embed"}) {
            if (part.equals("embed") && !LinkCards.EXTERNAL_TYPE.equals(JsonRead.string(record.get("embed"), "$type"))) {
                continue; // a post's images are the post: never sent without them
            }
            if (record.containsKey(part) && (message.contains("$.record." + part) || message.contains("Record/" + part))) {
                return part;
            }
        }
        return null;
    }

    private static String firstLink(String text) {
        return Facets.detect(text).stream().filter(f -> f.kind() == Facets.Kind.LINK).map(Facets.Facet::value)
                .findFirst().orElse(null);
    }

    /** The access token was not accepted: expired ({@code ExpiredToken}, 400 or 401), revoked or otherwise refused (401). */
    private static boolean tokenRefused(Response response) {
        return response.status() == 401
                || (response.status() == 400 && "ExpiredToken".equals(response.errorCode()))
                || (response.status() == 400 && "InvalidToken".equals(response.errorCode()));
    }

    /** What a create into a taken key looks like: a 500 from today's PDS, or a 4xx that says the record exists. */
    private static boolean mayBeTakenKey(Response response) {
        if (response.status() == 500) {
            return true;
        }
        return (response.status() == 400 || response.status() == 409)
                && response.detail().toLowerCase(Locale.ROOT).contains("exist");
    }

    /** Published when the key holds this very post; a permanent failure when it holds another; null when it is empty or unreadable. */
    private PublishOutcome existing(Session session, String text, String rkey) throws IOException, InterruptedException {
        URI uri = xrpc("com.atproto.repo.getRecord?repo=" + encode(session.did()) + "&collection=" + COLLECTION
                + "&rkey=" + rkey);
        Response response = http.send(http.request(uri)
                .header("Authorization", "Bearer " + session.accessJwt())
                .GET()
                .build());
        if (response.statusClass() != StatusClass.SUCCESS) {
            return null;
        }
        Map<String, Object> json = response.json();
        String existingText = JsonRead.string(json, "value", "text");
        if (existingText == null) {
            return null;
        }
        if (!existingText.equals(text)) {
            return new Permanent("bluesky: record key " + rkey + " already holds a different post");
        }
        String found = JsonRead.string(json, "uri");
        return published(session, found != null ? found : atUri(session.did(), rkey), rkey);
    }

    private Published published(Session session, String uri, String rkey) {
        // The DID never changes; a handle can, and would break a stored link.
        return new Published(uri, "https://bsky.app/profile/" + session.did() + "/post/" + rkey);
    }

    /** Facets with mentions resolved to DIDs; a mention whose handle does not resolve is left as plain text. */
    private List<Object> resolvedFacets(String text, Session session) throws IOException, InterruptedException {
        List<Facets.Facet> found = Facets.detect(text);
        List<Object> out = new ArrayList<>(found.size());
        Map<String, String> dids = new LinkedHashMap<>();
        for (Facets.Facet facet : found) {
            if (facet.kind() == Facets.Kind.MENTION) {
                String handle = facet.value();
                String did = handle.equalsIgnoreCase(session.handle()) ? session.did() : dids.get(handle);
                if (did == null && !dids.containsKey(handle)) {
                    did = resolveHandle(handle);
                    dids.put(handle, did);
                }
                if (Facets.isDid(did)) {
                    out.add(facet.toJson(did));
                }
            } else {
                out.add(facet.toJson(null));
            }
        }
        return out;
    }

    private String resolveHandle(String handle) throws IOException, InterruptedException {
        Response response = http.send(http.request(xrpc("com.atproto.identity.resolveHandle?handle=" + encode(handle)))
                .GET()
                .build());
        if (response.statusClass() != StatusClass.SUCCESS) {
            return null;
        }
        String did = JsonRead.string(response.json(), "did");
        return did != null && did.startsWith("did:") ? did : null;
    }

    private URI xrpc(String methodAndQuery) {
        return URI.create(account.service() + "/xrpc/" + methodAndQuery);
    }

    private static String atUri(String did, String rkey) {
        return "at://" + did + "/" + COLLECTION + "/" + rkey;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "BlueskyPublisher[" + account.service() + ", " + account.identifier() + "]";
    }
}
