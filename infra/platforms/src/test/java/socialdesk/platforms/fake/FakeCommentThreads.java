package socialdesk.platforms.fake;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import socialdesk.core.json.JsonRead;

/**
 * The comment threads of every platform the desk answers in, on loopback: each platform's reply and
 * hide calls as the platform takes them, checked field by field, answered in the platform's shape.
 * Comments are seeded with {@link #comment}; a reply to a comment the fake does not hold is refused
 * as the platform refuses it, and so is a reply whose thread fields are wrong (recorded as a
 * violation too). Kept apart from the publishing fakes: this one knows threads, not feeds.
 *
 * <ul>
 *   <li>Mastodon: {@code POST /api/v1/statuses} JSON {@code status}, {@code in_reply_to_id},
 *       {@code visibility}; bearer token; a repeated {@code Idempotency-Key} answers the first status.</li>
 *   <li>Bluesky: {@code createSession}; {@code app.bsky.feed.getPosts?uris=}; {@code createRecord} of an
 *       {@code app.bsky.feed.post} whose {@code reply.root} and {@code reply.parent} (uri and cid) must be the
 *       thread's; a taken record key is refused (500, as today's PDS does); {@code getRecord};
 *       {@code putRecord} of an {@code app.bsky.feed.threadgate}.</li>
 *   <li>Facebook: {@code POST /v24.0/{comment-id}/comments} form {@code message}; {@code POST /v24.0/{comment-id}}
 *       {@code is_hidden}. Instagram: {@code POST /v24.0/{comment-id}/replies} {@code message};
 *       {@code POST /v24.0/{comment-id}} {@code hide}. Threads: {@code POST /v1.0/{user}/threads} with
 *       {@code media_type=TEXT}, {@code text}, {@code reply_to_id}; {@code GET /v1.0/{container}?fields=status,id};
 *       {@code POST /v1.0/{user}/threads_publish} {@code creation_id}; {@code POST /v1.0/{reply}/manage_reply}
 *       {@code hide}. All with {@code access_token} in the form.</li>
 *   <li>X: {@code POST /2/tweets} {@code {"text", "reply": {"in_reply_to_tweet_id"}}}; {@code PUT /2/tweets/{id}/hidden}
 *       {@code {"hidden"}}.</li>
 *   <li>LinkedIn: {@code POST /rest/socialActions/{comment urn}/comments} with {@code actor}, {@code object},
 *       {@code message.text}, {@code parentComment}; headers {@code Linkedin-Version} and
 *       {@code X-Restli-Protocol-Version: 2.0.0}; answers 201 with {@code x-restli-id}.</li>
 * </ul>
 */
public final class FakeCommentThreads extends FakePlatformServer {
    public static final String TOKEN = "fake-thread-token-7Qm2";
    public static final String BSKY_DID = "did:plc:deskthreadsfake234567ab";
    public static final String THREADS_USER = "25000000000000009";
    public static final String LINKEDIN_AUTHOR = "urn:li:organization:2414183";

    /** One reply the fake accepted: the platform, the comment it answers, its id and text. */
    public record Answer(String platform, String parentId, String id, String text) {
    }

    private final Map<String, Map<String, String>> comments = new HashMap<>(); // platform -> id -> root (bluesky: "uri cid")
    private final List<Answer> replies = new ArrayList<>();                     // guarded by this
    private final Map<String, Answer> byKey = new HashMap<>();                   // guarded by this
    private final Set<String> hidden = new LinkedHashSet<>();                    // guarded by this
    private final Map<String, Map<String, Object>> records = new HashMap<>();   // bluesky rkey path -> record
    private final Map<String, String> containers = new HashMap<>();             // threads container -> "replyTo\ntext"
    private long next = 1000;

    /**
     * A comment the platform holds. For Bluesky {@code id} is the post's at-uri and {@code root} the
     * thread's first post as {@code "<uri> <cid>"} (null when the comment starts the thread).
     */
    public synchronized FakeCommentThreads comment(String platform, String id, String root) {
        comments.computeIfAbsent(platform, p -> new HashMap<>()).put(id, root == null ? "" : root);
        return this;
    }

    public synchronized List<Answer> replies() {
        return List.copyOf(replies);
    }

    public synchronized Set<String> hidden() {
        return Set.copyOf(hidden);
    }

    /** The stored Bluesky record at {@code collection/rkey} of the account, or null. */
    public synchronized Map<String, Object> record(String collection, String rkey) {
        return records.get(collection + "/" + rkey);
    }

    /** The cid the fake gives a Bluesky post. */
    public static String cidOf(String uri) {
        return "bafyrei" + Integer.toUnsignedString(uri.hashCode(), 32);
    }

    private synchronized boolean known(String platform, String id) {
        return comments.getOrDefault(platform, Map.of()).containsKey(id);
    }

    private synchronized String id() {
        return Long.toString(next++);
    }

    private static final Pattern GRAPH = Pattern.compile("/v(24\\.0|1\\.0)/([^/]+)(?:/([a-z_]+))?");
    private static final Pattern X_HIDDEN = Pattern.compile("/2/tweets/([0-9]+)/hidden");
    private static final Pattern LINKEDIN = Pattern.compile("/rest/socialActions/([^/]+)/comments");

    @Override
    protected Reply handle(RecordedRequest r) throws Exception {
        String path = r.path();
        if (path.equals("/api/v1/statuses") && r.method().equals("POST")) {
            return mastodon(r);
        }
        if (path.startsWith("/xrpc/")) {
            return bluesky(r, path.substring("/xrpc/".length()));
        }
        if (path.equals("/2/tweets") && r.method().equals("POST")) {
            return xReply(r);
        }
        Matcher m = X_HIDDEN.matcher(path);
        if (m.matches() && r.method().equals("PUT")) {
            return xHide(r, m.group(1));
        }
        m = LINKEDIN.matcher(path);
        if (m.matches() && r.method().equals("POST")) {
            return linkedIn(r, URLDecoder.decode(m.group(1), StandardCharsets.UTF_8));
        }
        m = GRAPH.matcher(path);
        if (m.matches()) {
            return graph(r, m.group(1), m.group(2), m.group(3));
        }
        violation("unexpected " + r.method() + " " + path);
        return Reply.json(404, Map.of("error", "not found"));
    }

    private Reply refused(String what, int status, Object body) {
        violation(what);
        return Reply.json(status, body);
    }

    // ---------------------------------------------------------------- Mastodon

    private Reply mastodon(RecordedRequest r) {
        if (!TOKEN.equals(r.bearer())) {
            return Reply.json(401, Map.of("error", "The access token is invalid"));
        }
        Map<String, Object> body = r.json();
        String parent = JsonRead.string(body, "in_reply_to_id");
        String text = JsonRead.string(body, "status");
        if (!"public".equals(JsonRead.string(body, "visibility")) || text == null || text.isBlank()) {
            return refused("mastodon: visibility must be public and status set: " + body, 422, Map.of("error", "Validation failed"));
        }
        if (parent == null || !known("mastodon", parent)) {
            return refused("mastodon: in_reply_to_id " + parent + " is not a status here", 404, Map.of("error", "Record not found"));
        }
        String key = r.header("Idempotency-Key");
        Answer answer;
        synchronized (this) {
            answer = key == null ? null : byKey.get("mastodon " + key);
            if (answer == null) {
                answer = new Answer("mastodon", parent, id(), text);
                replies.add(answer);
                if (key != null) {
                    byKey.put("mastodon " + key, answer);
                }
            }
        }
        return Reply.json(200, Map.of("id", answer.id(), "in_reply_to_id", parent, "url", baseUri() + "/@desk/" + answer.id(),
                "uri", baseUri() + "/users/desk/statuses/" + answer.id()));
    }

    // ---------------------------------------------------------------- Bluesky

    private Reply bluesky(RecordedRequest r, String method) {
        if (method.equals("com.atproto.server.createSession")) {
            return Reply.json(200, Map.of("accessJwt", TOKEN, "refreshJwt", TOKEN + "-refresh", "did", BSKY_DID, "handle", "desk.example.com"));
        }
        if (!TOKEN.equals(r.bearer())) {
            return Reply.json(401, Map.of("error", "AuthenticationRequired", "message", "Authentication Required"));
        }
        return switch (method) {
            case "app.bsky.feed.getPosts" -> getPosts(r.query("uris"));
            case "com.atproto.repo.createRecord" -> createRecord(r.json());
            case "com.atproto.repo.getRecord" -> getRecord(r.query("repo"), r.query("collection"), r.query("rkey"));
            case "com.atproto.repo.putRecord" -> putRecord(r.json());
            default -> refused("bluesky: unexpected " + method, 501, Map.of("error", "MethodNotImplemented"));
        };
    }

    private synchronized Reply getPosts(String uri) {
        List<Object> posts = new ArrayList<>();
        String root = comments.getOrDefault("bluesky", Map.of()).get(uri);
        if (root != null) {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("$type", "app.bsky.feed.post");
            record.put("text", "a comment");
            if (!root.isEmpty()) {
                String[] rootRef = root.split(" ");
                record.put("reply", Map.of("root", Map.of("uri", rootRef[0], "cid", rootRef[1]),
                        "parent", Map.of("uri", rootRef[0], "cid", rootRef[1])));
            }
            posts.add(Map.of("uri", uri, "cid", cidOf(uri), "record", record));
        }
        return Reply.json(200, Map.of("posts", posts));
    }

    private synchronized Reply createRecord(Map<String, Object> body) {
        String rkey = JsonRead.string(body, "rkey");
        String collection = JsonRead.string(body, "collection");
        if (!BSKY_DID.equals(JsonRead.string(body, "repo")) || !"app.bsky.feed.post".equals(collection) || rkey == null) {
            return refused("bluesky: createRecord needs repo, collection app.bsky.feed.post and rkey: " + body, 400,
                    Map.of("error", "InvalidRequest", "message", "bad createRecord"));
        }
        if (records.containsKey(collection + "/" + rkey)) {
            return Reply.json(500, Map.of("error", "InternalServerError", "message", "Internal Server Error"));
        }
        Map<String, Object> record = JsonRead.object(body, "record");
        String parentUri = JsonRead.string(record, "reply", "parent", "uri");
        String parentCid = JsonRead.string(record, "reply", "parent", "cid");
        String root = parentUri == null ? null : comments.getOrDefault("bluesky", Map.of()).get(parentUri);
        if (root == null || !cidOf(parentUri).equals(parentCid)) {
            return refused("bluesky: reply.parent " + parentUri + " / " + parentCid + " is not a post here", 400,
                    Map.of("error", "InvalidRequest", "message", "Invalid reply parent"));
        }
        String expectedRoot = root.isEmpty() ? parentUri + " " + parentCid : root;
        String givenRoot = JsonRead.string(record, "reply", "root", "uri") + " " + JsonRead.string(record, "reply", "root", "cid");
        if (!expectedRoot.equals(givenRoot)) {
            return refused("bluesky: reply.root is " + givenRoot + ", the thread's root is " + expectedRoot, 400,
                    Map.of("error", "InvalidRequest", "message", "Invalid reply root"));
        }
        if (!"app.bsky.feed.post".equals(JsonRead.string(record, "$type")) || JsonRead.string(record, "createdAt") == null) {
            return refused("bluesky: record needs $type and createdAt: " + record, 400, Map.of("error", "InvalidRequest"));
        }
        records.put(collection + "/" + rkey, record);
        String uri = "at://" + BSKY_DID + "/" + collection + "/" + rkey;
        replies.add(new Answer("bluesky", parentUri, uri, JsonRead.string(record, "text")));
        return Reply.json(200, Map.of("uri", uri, "cid", cidOf(uri)));
    }

    private synchronized Reply getRecord(String repo, String collection, String rkey) {
        Map<String, Object> record = BSKY_DID.equals(repo) ? records.get(collection + "/" + rkey) : null;
        if (record == null) {
            return Reply.json(400, Map.of("error", "RecordNotFound", "message", "Could not locate record"));
        }
        return Reply.json(200, Map.of("uri", "at://" + repo + "/" + collection + "/" + rkey, "value", record));
    }

    private synchronized Reply putRecord(Map<String, Object> body) {
        String collection = JsonRead.string(body, "collection");
        String rkey = JsonRead.string(body, "rkey");
        Map<String, Object> record = JsonRead.object(body, "record");
        String post = JsonRead.string(record, "post");
        if (!"app.bsky.feed.threadgate".equals(collection) || !"app.bsky.feed.threadgate".equals(JsonRead.string(record, "$type"))
                || post == null || !post.equals("at://" + BSKY_DID + "/app.bsky.feed.post/" + rkey)) {
            return refused("bluesky: a threadgate's rkey must be its post's: " + body, 400, Map.of("error", "InvalidRequest"));
        }
        records.put(collection + "/" + rkey, record);
        hidden.clear();
        List<Object> list = JsonRead.list(record, "hiddenReplies");
        if (list != null) {
            list.forEach(u -> hidden.add(String.valueOf(u)));
        }
        return Reply.json(200, Map.of("uri", "at://" + BSKY_DID + "/" + collection + "/" + rkey, "cid", cidOf(rkey)));
    }

    // ---------------------------------------------------------------- Graph: Facebook, Instagram, Threads

    private Reply graph(RecordedRequest r, String version, String node, String edge) {
        Map<String, String> form = new LinkedHashMap<>();
        String fields = r.method().equals("GET") ? r.rawQuery() : r.body();
        for (String name : new String[] {"access_token", "message", "is_hidden", "hide", "media_type", "text", "reply_to_id",
                "creation_id", "fields"}) {
            String v = formField(fields, name);
            if (v != null) {
                form.put(name, v);
            }
        }
        if (!TOKEN.equals(form.get("access_token"))) {
            return Reply.json(400, Map.of("error", Map.of("message", "Invalid OAuth access token.", "type", "OAuthException", "code", 190)));
        }
        boolean threads = version.equals("1.0");
        if (threads) {
            return threads(r, node, edge, form);
        }
        String platform = known("facebook", node) ? "facebook" : known("instagram", node) ? "instagram" : null;
        if (platform == null) {
            return refused("graph: no comment " + node, 400, Map.of("error", Map.of("message",
                    "Unsupported post request. Object with ID '" + node + "' does not exist", "type", "GraphMethodException", "code", 100)));
        }
        if (edge == null) {
            String flag = platform.equals("facebook") ? form.get("is_hidden") : form.get("hide");
            if (!"true".equals(flag) && !"false".equals(flag)) {
                return refused(platform + ": hide needs " + (platform.equals("facebook") ? "is_hidden" : "hide") + "=true|false: " + form,
                        400, Map.of("error", Map.of("message", "(#100) param missing", "type", "OAuthException", "code", 100)));
            }
            synchronized (this) {
                if (flag.equals("true")) {
                    hidden.add(node);
                } else {
                    hidden.remove(node);
                }
            }
            return Reply.json(200, Map.of("success", true));
        }
        String expectedEdge = platform.equals("facebook") ? "comments" : "replies";
        if (!expectedEdge.equals(edge) || form.get("message") == null || form.get("message").isBlank()) {
            return refused(platform + ": a reply is POST /{comment-id}/" + expectedEdge + " with message, got /" + edge + " " + form,
                    400, Map.of("error", Map.of("message", "(#100) Invalid parameter", "type", "OAuthException", "code", 100)));
        }
        Answer answer;
        synchronized (this) {
            answer = new Answer(platform, node, platform.equals("facebook") ? node.substring(0, node.indexOf('_') + 1) + id() : "1789" + id(),
                    form.get("message"));
            replies.add(answer);
        }
        return Reply.json(200, Map.of("id", answer.id()));
    }

    private Reply threads(RecordedRequest r, String node, String edge, Map<String, String> form) {
        if (node.equals(THREADS_USER) && "threads".equals(edge)) {
            String replyTo = form.get("reply_to_id");
            if (!"TEXT".equals(form.get("media_type")) || replyTo == null || !known("threads", replyTo) || form.get("text") == null) {
                return refused("threads: a reply container needs media_type=TEXT, text and a known reply_to_id: " + form, 400,
                        Map.of("error", Map.of("message", "Invalid parameter", "type", "THApiException", "code", 100)));
            }
            synchronized (this) {
                String container = "c" + id();
                containers.put(container, replyTo + "\n" + form.get("text"));
                return Reply.json(200, Map.of("id", container));
            }
        }
        if (node.equals(THREADS_USER) && "threads_publish".equals(edge)) {
            synchronized (this) {
                String made = containers.remove(Objects.requireNonNullElse(form.get("creation_id"), ""));
                if (made == null) {
                    return refused("threads: publish of unknown container " + form.get("creation_id"), 400,
                            Map.of("error", Map.of("message", "Invalid creation_id", "type", "THApiException", "code", 100)));
                }
                String[] parts = made.split("\n", 2);
                Answer answer = new Answer("threads", parts[0], "1790" + id(), parts[1]);
                replies.add(answer);
                return Reply.json(200, Map.of("id", answer.id()));
            }
        }
        if (r.method().equals("GET") && edge == null) {
            synchronized (this) {
                if (containers.containsKey(node)) {
                    return Reply.json(200, Map.of("status", "FINISHED", "id", node));
                }
                boolean published = replies.stream().anyMatch(a -> a.id().equals(node));
                return published ? Reply.json(200, Map.of("id", node, "permalink", "https://www.threads.net/@desk/post/" + node))
                        : Reply.json(400, Map.of("error", Map.of("message", "no such object", "code", 100)));
            }
        }
        if ("manage_reply".equals(edge) && known("threads", node)) {
            String flag = form.get("hide");
            if (!"true".equals(flag) && !"false".equals(flag)) {
                return refused("threads: manage_reply needs hide=true|false", 400, Map.of("error", Map.of("message", "param hide", "code", 100)));
            }
            synchronized (this) {
                if (flag.equals("true")) {
                    hidden.add(node);
                } else {
                    hidden.remove(node);
                }
            }
            return Reply.json(200, Map.of("success", true));
        }
        return refused("threads: unexpected " + r.method() + " " + r.path(), 400, Map.of("error", Map.of("message", "Unsupported", "code", 100)));
    }

    // ---------------------------------------------------------------- X

    private Reply xReply(RecordedRequest r) {
        if (!TOKEN.equals(r.bearer())) {
            return Reply.json(401, Map.of("title", "Unauthorized", "status", 401, "detail", "Unauthorized"));
        }
        Map<String, Object> body = r.json();
        String parent = JsonRead.string(body, "reply", "in_reply_to_tweet_id");
        String text = JsonRead.string(body, "text");
        if (parent == null || !known("x", parent) || text == null) {
            return refused("x: reply.in_reply_to_tweet_id " + parent + " is not a post here", 400,
                    Map.of("title", "Invalid Request", "detail", "One or more parameters to your request was invalid."));
        }
        Answer answer;
        synchronized (this) {
            answer = new Answer("x", parent, "18600" + id(), text);
            replies.add(answer);
        }
        return Reply.json(201, Map.of("data", Map.of("id", answer.id(), "text", text)));
    }

    private Reply xHide(RecordedRequest r, String id) {
        if (!TOKEN.equals(r.bearer())) {
            return Reply.json(401, Map.of("title", "Unauthorized", "status", 401));
        }
        Object flag = r.json().get("hidden");
        if (!(flag instanceof Boolean hide) || !known("x", id)) {
            return refused("x: PUT hidden needs {\"hidden\": boolean} for a known reply", 400, Map.of("title", "Invalid Request"));
        }
        synchronized (this) {
            if (hide) {
                hidden.add(id);
            } else {
                hidden.remove(id);
            }
        }
        return Reply.json(200, Map.of("data", Map.of("hidden", hide)));
    }

    // ---------------------------------------------------------------- LinkedIn

    private Reply linkedIn(RecordedRequest r, String target) {
        if (!TOKEN.equals(r.bearer())) {
            return Reply.json(401, Map.of("status", 401, "serviceErrorCode", 65600, "message", "Invalid access token"));
        }
        if (r.header("Linkedin-Version") == null || !"2.0.0".equals(r.header("X-Restli-Protocol-Version"))) {
            return refused("linkedin: Linkedin-Version and X-Restli-Protocol-Version 2.0.0 are required", 400,
                    Map.of("status", 400, "message", "missing version headers"));
        }
        Map<String, Object> body = r.json();
        String parent = JsonRead.string(body, "parentComment");
        String object = JsonRead.string(body, "object");
        String text = JsonRead.string(body, "message", "text");
        Matcher urn = Pattern.compile("urn:li:comment:\\((urn:li:[A-Za-z]+:[^,]+),[^)]+\\)").matcher(target);
        if (!target.equals(parent) || !urn.matches() || !urn.group(1).equals(object) || !known("linkedin", target)
                || !LINKEDIN_AUTHOR.equals(JsonRead.string(body, "actor")) || text == null) {
            return refused("linkedin: a nested comment needs actor, object (the post's activity), message.text and parentComment "
                    + "equal to the comment in the path: " + body, 400, Map.of("status", 400, "message", "Invalid nested comment"));
        }
        Answer answer;
        synchronized (this) {
            answer = new Answer("linkedin", target, "urn:li:comment:(" + object + "," + id() + ")", text);
            replies.add(answer);
        }
        return new Reply(201, Map.of("x-restli-id", answer.id(), "Content-Type", "application/json"), "{}");
    }
}
