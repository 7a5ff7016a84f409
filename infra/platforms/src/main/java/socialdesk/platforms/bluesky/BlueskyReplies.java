package socialdesk.platforms.bluesky;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import socialdesk.core.json.Json;
import socialdesk.core.json.JsonRead;
import socialdesk.core.platform.BlueskyRules;
import socialdesk.core.platform.ContentRules;
import socialdesk.core.post.Platform;
import socialdesk.core.publish.PublishOutcome;
import socialdesk.core.publish.PublishOutcome.Permanent;
import socialdesk.core.publish.PublishOutcome.Published;
import socialdesk.core.reply.CommentResponder;
import socialdesk.core.reply.HideRequest;
import socialdesk.core.reply.ReplyRequest;
import socialdesk.platforms.PlatformHttp;
import socialdesk.platforms.PlatformHttp.Response;
import socialdesk.platforms.PlatformHttp.StatusClass;
import socialdesk.platforms.bluesky.BlueskySessions.Session;
import socialdesk.platforms.bluesky.BlueskySessions.SessionUnavailable;

/**
 * Answers a Bluesky post in its thread: the comment is read with {@code app.bsky.feed.getPosts}
 * for its {@code cid} and its own {@code reply.root}; the answer is an {@code app.bsky.feed.post}
 * record whose {@code reply.parent} is the comment (uri and cid) and whose {@code reply.root} is
 * the comment's root (the comment itself when it starts the thread), created with
 * {@code com.atproto.repo.createRecord} under a record key derived from the reply's idempotency key
 * and first send time: a resend after a lost answer lands on the same key, which the PDS refuses as
 * taken, and the record found there is the reply. Hiding uses the root post's threadgate
 * ({@code app.bsky.feed.threadgate}, record key = the root post's): the comment's URI is added to
 * (or taken from) its {@code hiddenReplies}, keeping whatever {@code allow} rules it had. Only the
 * root post's author can gate a thread, so a comment in someone else's thread cannot be hidden.
 */
public final class BlueskyReplies implements CommentResponder {
    static final String THREADGATE = "app.bsky.feed.threadgate";

    private final PlatformHttp http;
    private final BlueskyAccount account;
    private final BlueskySessions sessions;
    private final BlueskyRules rules = new BlueskyRules();

    public BlueskyReplies(HttpClient client, BlueskyAccount account, Clock clock, Duration requestTimeout) {
        this.account = Objects.requireNonNull(account, "account");
        this.http = new PlatformHttp(Platform.BLUESKY.id(), client, requestTimeout, clock);
        this.sessions = new BlueskySessions(http, account);
    }

    @Override
    public Platform platform() {
        return Platform.BLUESKY;
    }

    @Override
    public ContentRules rules() {
        return rules;
    }

    /** The record key is the idempotency key: the PDS never holds two records under one key. */
    @Override
    public boolean idempotent() {
        return true;
    }

    @Override
    public Duration idempotencyWindow() {
        return Duration.ofDays(365);
    }

    /** A post reference: at-uri and cid. */
    private record Ref(String uri, String cid) {
        Map<String, Object> json() {
            return Map.of("uri", uri, "cid", cid);
        }
    }

    /** The comment and the root of its thread. */
    private record Thread(Ref parent, Ref root) {
    }

    @Override
    public PublishOutcome reply(ReplyRequest request) {
        try {
            Session session = sessions.get();
            Response found = get(session, "app.bsky.feed.getPosts?uris=" + encode(request.commentId()));
            if (BlueskyPublisher.tokenRefused(found)) {
                session = sessions.renew(session);
                found = get(session, "app.bsky.feed.getPosts?uris=" + encode(request.commentId()));
            }
            if (found.statusClass() != StatusClass.SUCCESS) {
                return http.failure(found);
            }
            Thread thread = thread(found, request.commentId());
            if (thread == null) {
                return new Permanent("bluesky: the post " + request.commentId() + " is gone or not visible; nothing to answer");
            }
            String rkey;
            try {
                rkey = Tid.forPost(request.requestedAt(), request.idempotencyKey());
            } catch (IllegalArgumentException e) {
                return new Permanent("bluesky: " + e.getMessage());
            }
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("$type", BlueskyPublisher.COLLECTION);
            record.put("text", request.text());
            record.put("reply", Map.of("root", thread.root().json(), "parent", thread.parent().json()));
            List<String> langs = PostLanguages.of(request.text());
            if (!langs.isEmpty()) {
                record.put("langs", langs);
            }
            record.put("createdAt", BlueskyPublisher.CREATED_AT.format(request.requestedAt()));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("repo", session.did());
            body.put("collection", BlueskyPublisher.COLLECTION);
            body.put("rkey", rkey);
            body.put("record", record);
            Response created = post(session, "com.atproto.repo.createRecord", body);
            if (created.statusClass() == StatusClass.SUCCESS) {
                String uri = JsonRead.string(created.json(), "uri");
                return published(session, uri != null ? uri : atUri(session.did(), BlueskyPublisher.COLLECTION, rkey), rkey);
            }
            if (BlueskyPublisher.mayBeTakenKey(created)) {
                Response existing = get(session, "com.atproto.repo.getRecord?repo=" + encode(session.did())
                        + "&collection=" + BlueskyPublisher.COLLECTION + "&rkey=" + rkey);
                if (existing.statusClass() == StatusClass.SUCCESS) {
                    String parent = JsonRead.string(existing.json(), "value", "reply", "parent", "uri");
                    if (request.commentId().equals(parent)) {
                        return published(session, atUri(session.did(), BlueskyPublisher.COLLECTION, rkey), rkey);
                    }
                    return new Permanent("bluesky: record key " + rkey + " already holds a different post");
                }
            }
            return http.failure(created);
        } catch (SessionUnavailable e) {
            return e.outcome();
        } catch (Exception e) {
            return http.transportFailure(e);
        }
    }

    @Override
    public PublishOutcome setHidden(HideRequest request, boolean hidden) {
        try {
            Session session = sessions.get();
            Response found = get(session, "app.bsky.feed.getPosts?uris=" + encode(request.commentId()));
            if (BlueskyPublisher.tokenRefused(found)) {
                session = sessions.renew(session);
                found = get(session, "app.bsky.feed.getPosts?uris=" + encode(request.commentId()));
            }
            if (found.statusClass() != StatusClass.SUCCESS) {
                return http.failure(found);
            }
            Thread thread = thread(found, request.commentId());
            if (thread == null) {
                return new Permanent("bluesky: the post " + request.commentId() + " is gone or not visible");
            }
            String root = thread.root().uri();
            if (root.equals(request.commentId()) || !root.startsWith("at://" + session.did() + "/")) {
                return new Permanent("bluesky: only the author of a thread's first post can hide replies in it, "
                        + "and this thread is not the account's");
            }
            String rootKey = root.substring(root.lastIndexOf('/') + 1);
            Response gate = get(session, "com.atproto.repo.getRecord?repo=" + encode(session.did())
                    + "&collection=" + THREADGATE + "&rkey=" + rootKey);
            Map<String, Object> value = gate.statusClass() == StatusClass.SUCCESS ? JsonRead.object(gate.json(), "value") : null;
            if (value == null && gate.status() != 400 && gate.status() != 404) {
                return http.failure(gate);
            }
            List<String> hiddenReplies = new ArrayList<>();
            List<Object> before = value == null ? null : JsonRead.list(value, "hiddenReplies");
            if (before != null) {
                before.forEach(u -> hiddenReplies.add(String.valueOf(u)));
            }
            hiddenReplies.remove(request.commentId());
            if (hidden) {
                hiddenReplies.add(request.commentId());
            }
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("$type", THREADGATE);
            record.put("post", root);
            if (value != null && value.containsKey("allow")) {
                record.put("allow", value.get("allow"));
            }
            record.put("hiddenReplies", hiddenReplies);
            record.put("createdAt", value != null && JsonRead.string(value, "createdAt") != null
                    ? JsonRead.string(value, "createdAt") : BlueskyPublisher.CREATED_AT.format(http.clock().instant()));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("repo", session.did());
            body.put("collection", THREADGATE);
            body.put("rkey", rootKey);
            body.put("record", record);
            Response put = post(session, "com.atproto.repo.putRecord", body);
            if (put.statusClass() != StatusClass.SUCCESS) {
                return http.failure(put);
            }
            return new Published(request.commentId(), null);
        } catch (SessionUnavailable e) {
            return e.outcome();
        } catch (Exception e) {
            return http.transportFailure(e);
        }
    }

    /** The comment's reference and its thread's root, from a getPosts answer; null when the post is not in it. */
    private static Thread thread(Response found, String uri) {
        List<Object> posts = JsonRead.list(found.json(), "posts");
        if (posts == null) {
            return null;
        }
        for (Object post : posts) {
            if (uri.equals(JsonRead.string(post, "uri")) && JsonRead.string(post, "cid") != null) {
                Ref parent = new Ref(uri, JsonRead.string(post, "cid"));
                String rootUri = JsonRead.string(post, "record", "reply", "root", "uri");
                String rootCid = JsonRead.string(post, "record", "reply", "root", "cid");
                return new Thread(parent, rootUri != null && rootCid != null ? new Ref(rootUri, rootCid) : parent);
            }
        }
        return null;
    }

    private Response get(Session session, String methodAndQuery) throws IOException, InterruptedException {
        return http.send(http.request(xrpc(methodAndQuery)).header("Authorization", "Bearer " + session.accessJwt()).GET().build());
    }

    private Response post(Session session, String method, Map<String, Object> body) throws IOException, InterruptedException {
        return http.send(http.request(xrpc(method))
                .header("Authorization", "Bearer " + session.accessJwt())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body)))
                .build());
    }

    private URI xrpc(String methodAndQuery) {
        return URI.create(account.service() + "/xrpc/" + methodAndQuery);
    }

    private static Published published(Session session, String uri, String rkey) {
        return new Published(uri, "https://bsky.app/profile/" + session.did() + "/post/" + rkey);
    }

    private static String atUri(String did, String collection, String rkey) {
        return "at://" + did + "/" + collection + "/" + rkey;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
