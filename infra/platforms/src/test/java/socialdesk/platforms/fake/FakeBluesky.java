package socialdesk.platforms.fake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import socialdesk.core.json.Json;
import socialdesk.core.json.JsonException;
import socialdesk.core.json.JsonRead;
import socialdesk.core.platform.TextMeasure;
import socialdesk.platforms.bluesky.BlueskyAccount;
import socialdesk.platforms.bluesky.Tid;

/**
 * A Bluesky PDS on loopback with one account and the XRPC methods the desk uses:
 * {@code com.atproto.server.createSession} / {@code refreshSession} (HS256 JWTs with {@code exp},
 * refresh tokens rotate on use), {@code com.atproto.repo.createRecord} / {@code getRecord} for
 * {@code app.bsky.feed.post} (TID record keys checked, text limits and facet ranges validated) and
 * {@code com.atproto.identity.resolveHandle}.
 *
 * <p>A create into a key that is taken fails as the reference PDS fails today, with a 500
 * {@code InternalServerError}; {@link #answerTakenKeyWith} switches to an explicit 400. Errors use
 * XRPC's {@code {"error","message"}} shape; every answer carries {@code ratelimit-*} headers.
 *
 * <p>For tests: {@link #records()} (every post created, with its key), counters of session calls,
 * {@link #expireAccessTokens()} and {@link #expireRefreshTokens()}, {@link #registerHandle}; and
 * the scripting of {@link FakePlatformServer}.
 */
public final class FakeBluesky extends FakePlatformServer {
    public static final String CREATE_SESSION = "/xrpc/com.atproto.server.createSession";
    public static final String REFRESH_SESSION = "/xrpc/com.atproto.server.refreshSession";
    public static final String CREATE_RECORD = "/xrpc/com.atproto.repo.createRecord";
    public static final String GET_RECORD = "/xrpc/com.atproto.repo.getRecord";
    public static final String RESOLVE_HANDLE = "/xrpc/com.atproto.identity.resolveHandle";
    public static final String UPLOAD_BLOB = "/xrpc/com.atproto.repo.uploadBlob";
    /** The lexicon's {@code uri} format, as the PDS's syntax package states it (JavaScript's \s is Unicode whitespace plus U+FEFF). */
    private static final java.util.regex.Pattern LEXICON_URI =
            java.util.regex.Pattern.compile("\\w+:(?://)?[^\\s\uFEFF/][^\\s\uFEFF]*", java.util.regex.Pattern.UNICODE_CHARACTER_CLASS);
    private static final java.util.regex.Pattern LEXICON_DID = java.util.regex.Pattern.compile("did:[a-z]+:[a-zA-Z0-9._:%-]*[a-zA-Z0-9._-]");
    public static final String POST_COLLECTION = "app.bsky.feed.post";
    public static final String LIST_NOTIFICATIONS = "/xrpc/app.bsky.notification.listNotifications";

    public static final String HANDLE = "desk.example.com";
    public static final String DID = "did:plc:deskfakeaccount2345abcd";
    public static final String APP_PASSWORD = "abcd-efgh-ijkl-mnop";

    /** How a create into a taken record key is answered. */
    public enum TakenKeyAnswer {
        /** What the reference PDS answers today: 500 InternalServerError. */
        INTERNAL_SERVER_ERROR,
        /** An explicit refusal: 400 InvalidRequest "Record already exists". */
        INVALID_REQUEST
    }

    /** One post in the repo. */
    public record StoredRecord(String rkey, String uri, String cid, String text, Map<String, Object> value) {
    }

    private final Clock clock;
    private final byte[] signingKey = "fake-pds-signing-key".getBytes(StandardCharsets.UTF_8);
    private final Map<String, StoredRecord> repo = new LinkedHashMap<>(); // guarded by this
    private final Map<String, String> handles = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> blobs = new ConcurrentHashMap<>();
    private final Set<String> liveAccess = ConcurrentHashMap.newKeySet();
    private final Set<String> issuedAccess = ConcurrentHashMap.newKeySet();
    private final Set<String> liveRefresh = ConcurrentHashMap.newKeySet();
    private final AtomicInteger createSessionCalls = new AtomicInteger();
    private final AtomicInteger refreshSessionCalls = new AtomicInteger();
    private final AtomicInteger createRecordCalls = new AtomicInteger();
    private final AtomicLong tokenSerial = new AtomicLong();
    private volatile Duration accessLifetime = Duration.ofHours(2);
    private volatile TakenKeyAnswer takenKeyAnswer = TakenKeyAnswer.INTERNAL_SERVER_ERROR;
    private final List<Map<String, Object>> notifications = new java.util.ArrayList<>(); // guarded by this, oldest first
    private long notificationSerial;                                                     // guarded by this

    public FakeBluesky() {
        this(Clock.systemUTC());
    }

    /** @param clock decides token {@code iat}/{@code exp} and their expiry; share it with the publisher under test */
    public FakeBluesky(Clock clock) {
        this.clock = clock;
        handles.put(HANDLE, DID);
    }

    /** The account this fake accepts (sign-in by handle). */
    public BlueskyAccount account() {
        return new BlueskyAccount(baseUri(), HANDLE, APP_PASSWORD);
    }

    /** Makes {@code resolveHandle} know another account. */
    public void registerHandle(String handle, String did) {
        handles.put(handle.toLowerCase(Locale.ROOT), did);
    }

    /** Lifetime of access tokens issued from now on (2 hours by default, like the reference PDS). */
    public void accessTokenLifetime(Duration lifetime) {
        this.accessLifetime = lifetime;
    }

    /** Every access token issued so far is expired from now on: using one answers 400 ExpiredToken. */
    public void expireAccessTokens() {
        liveAccess.clear();
    }

    /** Every refresh token issued so far is expired from now on: refreshSession answers 400 ExpiredToken. */
    public void expireRefreshTokens() {
        liveRefresh.clear();
    }

    public void answerTakenKeyWith(TakenKeyAnswer answer) {
        this.takenKeyAnswer = answer;
    }

    public int createSessionCalls() {
        return createSessionCalls.get();
    }

    public int refreshSessionCalls() {
        return refreshSessionCalls.get();
    }

    public int createRecordCalls() {
        return createRecordCalls.get();
    }

    /** Every post in the repo, in creation order. */
    public synchronized List<StoredRecord> records() {
        return List.copyOf(repo.values());
    }

    /** Puts a post into the repo directly, as if an earlier send had made it. */
    public synchronized StoredRecord putRecord(String rkey, String text) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("$type", POST_COLLECTION);
        value.put("text", text);
        value.put("createdAt", clock.instant().toString());
        return store(rkey, value);
    }

    // ---------------------------------------------------------------- notifications

    /** A reply by {@code handle} to {@code parentUri} in the thread of {@code rootUri}; answers the notification's uri. */
    public String addReply(String handle, String text, String parentUri, String rootUri) {
        Map<String, Object> record = post(text);
        record.put("reply", Map.of("parent", Map.of("uri", parentUri, "cid", cid(parentUri)),
                "root", Map.of("uri", rootUri, "cid", cid(rootUri))));
        return addNotification("reply", handle, POST_COLLECTION, record, parentUri);
    }

    /** A post by {@code handle} that mentions the account (outside any thread of ours). */
    public String addMention(String handle, String text) {
        return addNotification("mention", handle, POST_COLLECTION, post(text), null);
    }

    /** A post by {@code handle} quoting {@code quotedUri}. */
    public String addQuote(String handle, String text, String quotedUri) {
        Map<String, Object> record = post(text);
        record.put("embed", Map.of("$type", "app.bsky.embed.record", "record", Map.of("uri", quotedUri, "cid", cid(quotedUri))));
        return addNotification("quote", handle, POST_COLLECTION, record, quotedUri);
    }

    public String addLike(String handle, String subjectUri) {
        return addNotification("like", handle, "app.bsky.feed.like", subject("app.bsky.feed.like", subjectUri), subjectUri);
    }

    public String addRepost(String handle, String subjectUri) {
        return addNotification("repost", handle, "app.bsky.feed.repost", subject("app.bsky.feed.repost", subjectUri), subjectUri);
    }

    /** A follow: a reason the desk does not ask for. */
    public String addFollow(String handle) {
        return addNotification("follow", handle, "app.bsky.graph.follow", subject("app.bsky.graph.follow", DID), null);
    }

    public static String didOf(String handle) {
        StringBuilder id = new StringBuilder();
        for (char c : handle.toLowerCase(Locale.ROOT).toCharArray()) {
            if (Character.isLetterOrDigit(c)) {
                id.append(c);
            }
        }
        return "did:plc:" + id;
    }

    private Map<String, Object> post(String text) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("$type", POST_COLLECTION);
        record.put("text", text);
        record.put("createdAt", clock.instant().toString());
        return record;
    }

    private Map<String, Object> subject(String type, String uri) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("$type", type);
        record.put("subject", uri.startsWith("at://") ? Map.of("uri", uri, "cid", cid(uri)) : uri);
        record.put("createdAt", clock.instant().toString());
        return record;
    }

    private synchronized String addNotification(String reason, String handle, String collection, Map<String, Object> record,
                                                String reasonSubject) {
        long serial = ++notificationSerial;
        String did = didOf(handle);
        String uri = "at://" + did + "/" + collection + "/" + Tid.encode(clock.instant().toEpochMilli() * 1000 + serial, 0);
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("uri", uri);
        n.put("cid", cid(uri));
        n.put("author", Map.of("did", did, "handle", handle, "displayName", handle));
        n.put("reason", reason);
        if (reasonSubject != null) {
            n.put("reasonSubject", reasonSubject);
        }
        n.put("record", record);
        n.put("isRead", false);
        // Distinct, growing times: the server's own clock plus the arrival order.
        n.put("indexedAt", clock.instant().plusMillis(serial).toString());
        n.put("labels", List.of());
        notifications.add(n);
        return uri;
    }

    /**
     * {@code app.bsky.notification.listNotifications}: newest first, {@code limit} 1..100 (default
     * 50), repeated {@code reasons} filter, and an opaque keyset {@code cursor} (the last item's
     * time and uri) present whenever the page is not empty, as the App View pages.
     */
    private Reply listNotifications(RecordedRequest request) {
        Reply refused = checkAccess(request);
        if (refused != null) {
            return refused;
        }
        List<String> reasons = new java.util.ArrayList<>();
        String limitText = null;
        String cursor = null;
        if (request.rawQuery() != null) {
            for (String pair : request.rawQuery().split("&")) {
                int eq = pair.indexOf('=');
                String key = pair.substring(0, eq < 0 ? pair.length() : eq);
                String value = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                switch (key) {
                    case "reasons" -> reasons.add(value);
                    case "limit" -> limitText = value;
                    case "cursor" -> cursor = value;
                    default -> { }
                }
            }
        }
        int limit = 50;
        if (limitText != null) {
            try {
                limit = Integer.parseInt(limitText);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > 100) {
                return error(400, "InvalidRequest", "Error: limit must be between 1 and 100");
            }
        }
        String after = cursor;
        if (after != null && !after.contains("::")) {
            return error(400, "InvalidRequest", "Malformed cursor");
        }
        List<Map<String, Object>> newestFirst;
        synchronized (this) {
            newestFirst = new java.util.ArrayList<>(notifications.reversed());
        }
        List<Map<String, Object>> page = newestFirst.stream()
                .filter(n -> reasons.isEmpty() || reasons.contains((String) n.get("reason")))
                .filter(n -> after == null || sortKey(n).compareTo(after) < 0)
                .limit(limit)
                .toList();
        Map<String, Object> answer = new LinkedHashMap<>();
        if (!page.isEmpty()) {
            answer.put("cursor", sortKey(page.getLast()));
        }
        answer.put("notifications", page);
        answer.put("priority", false);
        return ok(answer);
    }

    private static String sortKey(Map<String, Object> n) {
        return String.format(Locale.ROOT, "%020d", Instant.parse((String) n.get("indexedAt")).toEpochMilli()) + "::" + n.get("uri");
    }

    /**
     * The PDS is a Node server without an upgrade handler: a request offering {@code Upgrade: h2c}
     * (what the JDK client sends on plain http unless told HTTP/1.1) gets its connection closed.
     */
    @Override
    protected boolean closesWithoutAnswer(RecordedRequest request) {
        String upgrade = request.header("Upgrade");
        if (upgrade != null) {
            violation(request.method() + " " + request.path() + " offered Upgrade: " + upgrade);
            return true;
        }
        return false;
    }

    @Override
    protected Reply handle(RecordedRequest request) {
        return switch (request.method() + " " + request.path()) {
            case "GET " + LIST_NOTIFICATIONS -> listNotifications(request);
            case "POST " + CREATE_SESSION -> createSession(request);
            case "POST " + REFRESH_SESSION -> refreshSession(request);
            case "POST " + CREATE_RECORD -> createRecord(request);
            case "GET " + GET_RECORD -> getRecord(request);
            case "GET " + RESOLVE_HANDLE -> resolveHandle(request);
            case "POST " + UPLOAD_BLOB -> uploadBlob(request);
            default -> {
                violation("unexpected " + request.method() + " " + request.path());
                yield error(501, "MethodNotImplemented", "Method Not Implemented");
            }
        };
    }

    private Reply createSession(RecordedRequest request) {
        createSessionCalls.incrementAndGet();
        Map<String, Object> body = jsonBody(request);
        if (body == null) {
            return error(400, "InvalidRequest", "Invalid request body");
        }
        String identifier = JsonRead.string(body, "identifier");
        String password = JsonRead.string(body, "password");
        if (identifier == null || password == null) {
            violation("createSession without identifier or password");
            return error(400, "InvalidRequest", "Input must have the property \"identifier\" and \"password\"");
        }
        boolean known = identifier.equalsIgnoreCase(HANDLE) || identifier.equals(DID);
        if (!known || !password.equals(APP_PASSWORD)) {
            return error(401, "AuthenticationRequired", "Invalid identifier or password");
        }
        Map<String, Object> session = issueTokens();
        session.put("email", "desk@example.com");
        session.put("emailConfirmed", true);
        session.put("active", true);
        return ok(session);
    }

    private Reply refreshSession(RecordedRequest request) {
        refreshSessionCalls.incrementAndGet();
        String token = request.bearer();
        if (token == null) {
            violation("refreshSession without a bearer token");
            return error(401, "AuthenticationRequired", "Authentication Required");
        }
        if (!liveRefresh.remove(token)) { // rotation: a refresh token works once
            return error(400, "ExpiredToken", "Token has been revoked");
        }
        Map<String, Object> session = issueTokens();
        session.put("active", true);
        return ok(session);
    }

    private Reply createRecord(RecordedRequest request) {
        createRecordCalls.incrementAndGet();
        Reply refused = checkAccess(request);
        if (refused != null) {
            return refused;
        }
        Map<String, Object> body = jsonBody(request);
        if (body == null) {
            return error(400, "InvalidRequest", "Invalid request body");
        }
        String repoName = JsonRead.string(body, "repo");
        String collection = JsonRead.string(body, "collection");
        String rkey = JsonRead.string(body, "rkey");
        Map<String, Object> record = JsonRead.object(body, "record");
        String problem = !DID.equals(repoName) && !HANDLE.equals(repoName) ? "repo must be the session's DID or handle"
                : !POST_COLLECTION.equals(collection) ? "unexpected collection " + collection
                : rkey == null || !Tid.isValid(rkey) ? "Invalid record key: must be a TID for " + POST_COLLECTION
                : record == null ? "Input must have the property \"record\""
                : postProblem(record);
        if (problem != null) {
            violation("createRecord: " + problem);
            return error(400, "InvalidRequest", problem);
        }
        synchronized (this) {
            if (repo.containsKey(rkey)) {
                return takenKeyAnswer == TakenKeyAnswer.INTERNAL_SERVER_ERROR
                        ? error(500, "InternalServerError", "Internal Server Error")
                        : error(400, "InvalidRequest", "Record already exists");
            }
            StoredRecord stored = store(rkey, record);
            Map<String, Object> commit = new LinkedHashMap<>();
            commit.put("cid", cid("commit:" + stored.cid()));
            commit.put("rev", Tid.encode(clock.instant().toEpochMilli() * 1000, 0));
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("uri", stored.uri());
            answer.put("cid", stored.cid());
            answer.put("commit", commit);
            answer.put("validationStatus", "valid");
            return ok(answer);
        }
    }

    private Reply getRecord(RecordedRequest request) {
        String rkey = request.query("rkey");
        String repoName = request.query("repo");
        String collection = request.query("collection");
        if (rkey == null || repoName == null || collection == null) {
            violation("getRecord without repo, collection or rkey");
            return error(400, "InvalidRequest", "Error: Params must have the properties \"repo\", \"collection\" and \"rkey\"");
        }
        StoredRecord stored;
        synchronized (this) {
            stored = (DID.equals(repoName) || HANDLE.equals(repoName)) && POST_COLLECTION.equals(collection) ? repo.get(rkey) : null;
        }
        if (stored == null) {
            return error(400, "RecordNotFound", "Could not locate record: at://" + repoName + "/" + collection + "/" + rkey);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("uri", stored.uri());
        answer.put("cid", stored.cid());
        answer.put("value", stored.value());
        return ok(answer);
    }

    /** Blobs uploaded so far, by CID: {@code mimeType} and {@code size} as the PDS stored them. */
    public Map<String, Map<String, Object>> blobs() {
        return Map.copyOf(blobs);
    }

    /** {@code com.atproto.repo.uploadBlob}: the body is the blob, its Content-Type its MIME type. */
    private Reply uploadBlob(RecordedRequest request) {
        Reply refused = checkAccess(request);
        if (refused != null) {
            return refused;
        }
        String type = request.header("Content-Type");
        String length = request.header("Content-Length");
        if (type == null || length == null) {
            violation("uploadBlob without Content-Type or Content-Length");
            return error(400, "InvalidRequest", "Missing Content-Type or Content-Length");
        }
        String cid = cid("blob:" + request.body());
        Map<String, Object> blob = new LinkedHashMap<>();
        blob.put("$type", "blob");
        blob.put("ref", Map.of("$link", cid));
        blob.put("mimeType", type);
        blob.put("size", Long.parseLong(length));
        blobs.put(cid, blob);
        return ok(Map.of("blob", blob));
    }

    private Reply resolveHandle(RecordedRequest request) {
        String handle = request.query("handle");
        String did = handle == null ? null : handles.get(handle.toLowerCase(Locale.ROOT));
        return did == null ? error(400, "InvalidRequest", "Unable to resolve handle") : ok(Map.of("did", did));
    }

    /** Null when the bearer token is a live access token; otherwise the PDS's answer. */
    private Reply checkAccess(RecordedRequest request) {
        String token = request.bearer();
        if (token == null) {
            violation(request.path() + " without a bearer token");
            return error(401, "AuthenticationRequired", "Authentication Required");
        }
        if (!issuedAccess.contains(token)) {
            return error(401, "AuthenticationRequired", "Token could not be verified");
        }
        Long exp = JsonRead.integer(Json.parse(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]),
                StandardCharsets.UTF_8)), "exp");
        if (!liveAccess.contains(token) || exp == null || clock.instant().getEpochSecond() >= exp) {
            return error(400, "ExpiredToken", "Token has expired");
        }
        return null;
    }

    private String postProblem(Map<String, Object> record) {
        if (!POST_COLLECTION.equals(JsonRead.string(record, "$type"))) {
            return "Invalid $type: must be " + POST_COLLECTION;
        }
        String text = JsonRead.string(record, "text");
        if (text == null) {
            return "Invalid app.bsky.feed.post record: Record must have the property \"text\"";
        }
        if (TextMeasure.graphemes(text) > 300) {
            return "Invalid app.bsky.feed.post record: Record/text must not be longer than 300 graphemes";
        }
        int bytes = TextMeasure.utf8Length(text);
        if (bytes > 3000) {
            return "Invalid app.bsky.feed.post record: Record/text must not be longer than 3000 characters";
        }
        String createdAt = JsonRead.string(record, "createdAt");
        try {
            if (createdAt == null || !createdAt.contains("T")) {
                return "Invalid app.bsky.feed.post record: Record/createdAt must be an valid atproto datetime";
            }
            OffsetDateTime.parse(createdAt);
        } catch (DateTimeException e) {
            return "Invalid app.bsky.feed.post record: Record/createdAt must be an valid atproto datetime";
        }
        List<Object> facets = JsonRead.list(record, "facets");
        for (int i = 0; i < facets.size(); i++) {
            String problem = facetProblem(facets.get(i), bytes, "$.record.facets[" + i + "]");
            if (problem != null) {
                return "Invalid app.bsky.feed.post record: " + problem;
            }
        }
        List<Object> langs = JsonRead.list(record, "langs");
        if (langs.size() > 3) {
            return "Invalid app.bsky.feed.post record: Array too long at $.record.langs";
        }
        for (int i = 0; i < langs.size(); i++) {
            if (!(langs.get(i) instanceof String tag) || !isLanguageTag(tag)) {
                return "Invalid app.bsky.feed.post record: Invalid language at $.record.langs[" + i + "]";
            }
        }
        Map<String, Object> embed = JsonRead.object(record, "embed");
        if (embed != null) {
            String problem = embedProblem(embed);
            if (problem != null) {
                return "Invalid app.bsky.feed.post record: " + problem;
            }
        }
        return null;
    }

    /** What the PDS checks of one {@code app.bsky.richtext.facet}: a byte slice inside the text and valid features. */
    private static String facetProblem(Object facet, int textBytes, String path) {
        Long start = JsonRead.integer(facet, "index", "byteStart");
        Long end = JsonRead.integer(facet, "index", "byteEnd");
        if (start == null || end == null || start < 0 || end < start || end > textBytes) {
            return "facet index out of range at " + path + ".index";
        }
        List<Object> features = JsonRead.list(facet, "features");
        if (features.isEmpty()) {
            return "facet without features at " + path + ".features";
        }
        for (int j = 0; j < features.size(); j++) {
            Object feature = features.get(j);
            String at = path + ".features[" + j + "]";
            String type = JsonRead.string(feature, "$type");
            switch (type == null ? "" : type) {
                case "app.bsky.richtext.facet#link" -> {
                    String uri = JsonRead.string(feature, "uri");
                    if (uri == null || !LEXICON_URI.matcher(uri).matches()) {
                        return "Invalid uri (got \"" + uri + "\") at " + at + ".uri";
                    }
                }
                case "app.bsky.richtext.facet#mention" -> {
                    String did = JsonRead.string(feature, "did");
                    if (did == null || !LEXICON_DID.matcher(did).matches()) {
                        return "Invalid DID at " + at + ".did";
                    }
                }
                case "app.bsky.richtext.facet#tag" -> {
                    String tag = JsonRead.string(feature, "tag");
                    if (tag == null || TextMeasure.graphemes(tag) > 64 || TextMeasure.utf8Length(tag) > 640) {
                        return "tag must not be longer than 64 graphemes or 640 bytes at " + at + ".tag";
                    }
                }
                default -> {
                    return "unknown facet feature " + type + " at " + at;
                }
            }
        }
        return null;
    }

    /** {@code app.bsky.embed.external}: a valid uri, a title and description, and a thumb that is an uploaded image blob of at most 1 MB. */
    private String embedProblem(Map<String, Object> embed) {
        if (BlueskyImageEmbeds.TYPE.equals(JsonRead.string(embed, "$type"))) {
            return BlueskyImageEmbeds.problem(embed, blobs);
        }
        if (!"app.bsky.embed.external".equals(JsonRead.string(embed, "$type"))) {
            return "unexpected embed " + JsonRead.string(embed, "$type") + " at $.record.embed";
        }
        Map<String, Object> external = JsonRead.object(embed, "external");
        if (external == null) {
            return "Object must have the property \"external\" at $.record.embed";
        }
        String uri = JsonRead.string(external, "uri");
        if (uri == null || !LEXICON_URI.matcher(uri).matches()) {
            return "Invalid uri at $.record.embed.external.uri";
        }
        if (JsonRead.string(external, "title") == null || JsonRead.string(external, "description") == null) {
            return "title and description must be strings at $.record.embed.external";
        }
        Map<String, Object> thumb = JsonRead.object(external, "thumb");
        if (thumb != null) {
            String cid = JsonRead.string(thumb, "ref", "$link");
            Map<String, Object> stored = cid == null ? null : blobs.get(cid);
            if (stored == null) {
                return "Could not find blob at $.record.embed.external.thumb";
            }
            String mime = String.valueOf(stored.get("mimeType"));
            long size = ((Number) stored.get("size")).longValue();
            if (!mime.startsWith("image/") || size > 1_000_000) {
                return "Invalid blob (" + mime + ", " + size + " bytes) at $.record.embed.external.thumb";
            }
        }
        return null;
    }

    /** A well-formed BCP-47 tag, as the lexicon's {@code language} format requires. */
    private static boolean isLanguageTag(String tag) {
        try {
            new Locale.Builder().setLanguageTag(tag);
            return !tag.isEmpty();
        } catch (java.util.IllformedLocaleException e) {
            return false;
        }
    }

    private StoredRecord store(String rkey, Map<String, Object> value) {
        String uri = "at://" + DID + "/" + POST_COLLECTION + "/" + rkey;
        StoredRecord stored = new StoredRecord(rkey, uri, cid(Json.write(value)), JsonRead.string(value, "text"),
                Map.copyOf(new HashMap<>(value)));
        repo.put(rkey, stored);
        return stored;
    }

    private Map<String, Object> issueTokens() {
        long now = clock.instant().getEpochSecond();
        String access = jwt("at+jwt", "com.atproto.appPass", now, now + accessLifetime.toSeconds());
        String refresh = jwt("refresh+jwt", "com.atproto.refresh", now, now + Duration.ofDays(90).toSeconds());
        issuedAccess.add(access);
        liveAccess.add(access);
        liveRefresh.add(refresh);
        Map<String, Object> session = new LinkedHashMap<>();
        session.put("did", DID);
        session.put("handle", HANDLE);
        session.put("accessJwt", access);
        session.put("refreshJwt", refresh);
        return session;
    }

    private String jwt(String type, String scope, long iat, long exp) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("typ", type);
        header.put("alg", "HS256");
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("scope", scope);
        claims.put("sub", DID);
        claims.put("aud", "did:web:" + baseUri().getHost());
        claims.put("jti", Long.toHexString(tokenSerial.incrementAndGet()) + "-" + Long.toHexString(System.nanoTime()));
        claims.put("iat", iat);
        claims.put("exp", exp);
        String unsigned = b64.encodeToString(Json.write(header).getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(Json.write(claims).getBytes(StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingKey, "HmacSHA256"));
            return unsigned + "." + b64.encodeToString(mac.doFinal(unsigned.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A CID-looking string (base32 "bafyrei..." of a SHA-256), stable for the same content. */
    private static String cid(String content) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
            StringBuilder out = new StringBuilder("bafyrei");
            long bits = 0;
            int count = 0;
            for (byte b : digest) {
                bits = (bits << 8) | (b & 0xff);
                count += 8;
                while (count >= 5) {
                    out.append("abcdefghijklmnopqrstuvwxyz234567".charAt((int) ((bits >>> (count - 5)) & 31)));
                    count -= 5;
                }
            }
            return out.toString();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Object> jsonBody(RecordedRequest request) {
        String type = request.header("Content-Type");
        if (type == null || !type.startsWith("application/json")) {
            violation(request.path() + " with Content-Type " + type);
            return null;
        }
        try {
            return request.json();
        } catch (JsonException e) {
            violation(request.path() + " body is not JSON: " + e.getMessage());
            return null;
        }
    }

    private Reply ok(Object body) {
        return Reply.json(200, rateLimitHeaders(), body);
    }

    private Reply error(int status, String error, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("message", message);
        return Reply.json(status, rateLimitHeaders(), body);
    }

    private Map<String, String> rateLimitHeaders() {
        long reset = clock.instant().getEpochSecond() + 300;
        return Map.of("ratelimit-limit", "3000", "ratelimit-remaining", "2999",
                "ratelimit-reset", Long.toString(reset), "ratelimit-policy", "3000;w=300");
    }
}
