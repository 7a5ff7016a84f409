package socialdesk.platforms.bluesky;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import socialdesk.core.engagement.Author;
import socialdesk.core.engagement.Comment;
import socialdesk.core.engagement.CommentKind;
import socialdesk.core.engagement.EngagementEvent;
import socialdesk.core.engagement.EngagementEvent.CommentAdded;
import socialdesk.core.engagement.EngagementEvent.ReactionAdded;
import socialdesk.core.engagement.EngagementEvent.Shared;
import socialdesk.core.engagement.polling.NotificationSource;
import socialdesk.core.engagement.polling.PollCursor;
import socialdesk.core.engagement.polling.PollResult;
import socialdesk.core.engagement.polling.PollResult.StopReason;
import socialdesk.core.engagement.polling.PollResult.Stopped;
import socialdesk.core.json.Json;
import socialdesk.core.json.JsonException;
import socialdesk.core.json.JsonRead;
import socialdesk.core.log.JsonLog;
import socialdesk.core.post.Platform;
import socialdesk.platforms.PlatformHttp;
import socialdesk.platforms.PlatformHttp.Response;
import socialdesk.platforms.PollFailures;
import socialdesk.platforms.bluesky.BlueskySessions.Session;
import socialdesk.platforms.bluesky.BlueskySessions.SessionUnavailable;

/**
 * The account's notifications from {@code app.bsky.notification.listNotifications} (reasons reply,
 * mention, quote, like, repost), with one session kept across runs (see {@link BlueskySessions}).
 *
 * <h2>Cursor</h2>
 * The platform answers newest first and its page cursor only walks towards older notifications, so
 * the stored state is a <em>high-water mark</em> (the {@code indexedAt} and {@code uri} of the
 * newest notification ingested) plus, while a backlog is being read, a <em>walk</em>: the newest
 * notification seen when the walk began ({@code top}) and the page cursor to continue from. A run
 * reads from the top (or continues the walk) page by page, ingesting each page, until it reaches a
 * notification not newer than the mark; then the mark becomes {@code top}. A run that stops early
 * (page limit, time, rate limit) leaves the walk stored, and the next run continues it: nothing
 * between the mark and {@code top} is skipped, and what arrived since is read by the walk after.
 * {@code seenAt} / {@code updateSeen} are left alone: they are the people's unread badge, not ours.
 * The position is a counter that grows with each stored state, so a stale run's write is refused.
 * Before the first poll the newest page is read and the mark starts there.
 *
 * <p>Mapping (event id = the notification's {@code uri}, stable): a reply, mention or quote is a
 * comment ({@code REPLY} under the parent post when the parent is ours, else under the thread's root;
 * {@code MENTION} under the post it replies to, if any; a quote under the quoted post); a like a
 * reaction on the liked post; a repost a share of it.
 */
public final class BlueskyNotifications implements NotificationSource {
    public static final int PAGE_SIZE = 50;
    static final List<String> REASONS = List.of("reply", "mention", "quote", "like", "repost");
    private static final int POSITION_WIDTH = 20;

    private final PlatformHttp http;
    private final BlueskyAccount account;
    private final BlueskySessions sessions;
    private final int pageSize;

    public BlueskyNotifications(HttpClient client, BlueskyAccount account, Clock clock) {
        this(client, account, clock, PlatformHttp.DEFAULT_REQUEST_TIMEOUT, PAGE_SIZE);
    }

    public BlueskyNotifications(HttpClient client, BlueskyAccount account, Clock clock, Duration requestTimeout, int pageSize) {
        if (pageSize < 1 || pageSize > 100) {
            throw new IllegalArgumentException("pageSize must be 1..100");
        }
        this.account = Objects.requireNonNull(account, "account");
        this.http = new PlatformHttp(Platform.BLUESKY.id(), client, requestTimeout, clock);
        this.sessions = new BlueskySessions(http, account);
        this.pageSize = pageSize;
    }

    @Override
    public Platform platform() {
        return Platform.BLUESKY;
    }

    @Override
    public PollResult next(PollCursor cursor) {
        try {
            return read(cursor, State.of(cursor));
        } catch (SessionUnavailable e) {
            return PollFailures.stopped(e.outcome());
        } catch (Exception e) {
            return PollFailures.transport(http, e);
        }
    }

    /** A notification's place in time: {@code indexedAt}, then {@code uri} to tell equal times apart. */
    record Mark(Instant at, String uri) {
        /** True when {@code n} is not this mark and not older than it. */
        boolean olderThan(Instant nAt, String nUri) {
            return nAt.isAfter(at) || (nAt.equals(at) && !nUri.equals(uri));
        }
    }

    /** The stored state: the high-water mark, and the walk in progress (top and page cursor), if any. */
    record State(long seq, Mark mark, Mark walkTop, String walkCursor) {
        static State of(PollCursor cursor) {
            if (cursor == null) {
                return new State(0, null, null, null);
            }
            Map<String, Object> json;
            try {
                json = Json.parseObject(cursor.state());
            } catch (JsonException e) {
                throw new IllegalStateException("stored bluesky cursor is not JSON");
            }
            Long seq = JsonRead.integer(json, "seq");
            return new State(seq == null ? 0 : seq, mark(json, "mark"), mark(json, "walkTop"), JsonRead.string(json, "walkCursor"));
        }

        private static Mark mark(Map<String, Object> json, String name) {
            String at = JsonRead.string(json, name, "at");
            String uri = JsonRead.string(json, name, "uri");
            Instant time = time(at);
            return time == null || uri == null ? null : new Mark(time, uri);
        }

        PollCursor toCursor() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("seq", seq);
            if (mark != null) {
                json.put("mark", Map.of("at", mark.at().toString(), "uri", mark.uri()));
            }
            if (walkTop != null) {
                json.put("walkTop", Map.of("at", walkTop.at().toString(), "uri", walkTop.uri()));
                json.put("walkCursor", walkCursor);
            }
            String digits = Long.toString(seq);
            return new PollCursor("0".repeat(Math.max(0, POSITION_WIDTH - digits.length())) + digits, Json.write(json));
        }
    }

    private PollResult read(PollCursor cursor, State state) throws Exception {
        Session session = sessions.get();
        Response response = list(session, state.walkCursor());
        if (tokenRefused(response)) {
            session = sessions.renew(session);
            response = list(session, state.walkCursor());
        }
        if (tokenRefused(response)) {
            return PollFailures.stopped(http.credentialsRejected(response.status(), response.detail()));
        }
        if (response.status() == 400 && state.walkCursor() != null) {
            // The page cursor is no longer accepted: walk again from the top, down to the same mark.
            JsonLog.warn("bluesky refused the stored page cursor; reading again from the newest", "detail", response.detail());
            State restart = new State(state.seq() + 1, state.mark(), null, null);
            return new PollResult.Page(List.of(), restart.toCursor(), true);
        }
        if (response.statusClass() != PlatformHttp.StatusClass.SUCCESS) {
            return PollFailures.stopped(http, response);
        }
        Map<String, Object> json = response.json();
        if (json == null || !(JsonRead.at(json, "notifications") instanceof List<?>)) {
            return new Stopped(StopReason.UNAVAILABLE, "bluesky: listNotifications answer without notifications", null);
        }
        List<Object> notifications = JsonRead.list(json, "notifications");
        String pageCursor = JsonRead.string(json, "cursor");

        List<Object> fresh = new ArrayList<>();
        Mark newest = null;
        boolean reachedMark = state.mark() == null; // first poll: the newest page only
        for (Object n : notifications) {
            Instant at = time(JsonRead.string(n, "indexedAt"));
            String uri = JsonRead.string(n, "uri");
            if (at == null || uri == null) {
                continue;
            }
            if (newest == null) {
                newest = new Mark(at, uri);
            }
            if (state.mark() != null && !state.mark().olderThan(at, uri)) {
                reachedMark = true;
                break;
            }
            fresh.add(n);
        }
        if (notifications.isEmpty() || pageCursor == null || pageCursor.isBlank()) {
            reachedMark = true;
        }
        List<EngagementEvent> events = new ArrayList<>(fresh.size());
        for (Object n : fresh.reversed()) {
            EngagementEvent event = toEvent(n, session.did());
            if (event != null) {
                events.add(event);
            }
        }
        Mark top = state.walkTop() != null ? state.walkTop() : newest;
        if (reachedMark) {
            Mark mark = later(state.mark(), top);
            if (state.walkTop() == null && Objects.equals(mark, state.mark()) && cursor != null) {
                return new PollResult.Page(events, cursor, false); // nothing new: no write
            }
            return new PollResult.Page(events, new State(state.seq() + 1, mark, null, null).toCursor(), false);
        }
        return new PollResult.Page(events, new State(state.seq() + 1, state.mark(), top, pageCursor).toCursor(), true);
    }

    private static Mark later(Mark a, Mark b) {
        if (a == null) {
            return b;
        }
        return b == null || !b.at().isAfter(a.at()) ? a : b;
    }

    private Response list(Session session, String pageCursor) throws Exception {
        StringBuilder query = new StringBuilder("limit=").append(pageSize);
        for (String reason : REASONS) {
            query.append("&reasons=").append(reason);
        }
        if (pageCursor != null) {
            query.append("&cursor=").append(URLEncoder.encode(pageCursor, StandardCharsets.UTF_8));
        }
        URI uri = URI.create(account.service() + "/xrpc/app.bsky.notification.listNotifications?" + query);
        return http.send(http.request(uri)
                .header("Authorization", "Bearer " + session.accessJwt())
                .GET()
                .build());
    }

    private static boolean tokenRefused(Response response) {
        return response.status() == 401
                || (response.status() == 400 && ("ExpiredToken".equals(response.errorCode()) || "InvalidToken".equals(response.errorCode())));
    }

    private EngagementEvent toEvent(Object n, String ourDid) {
        String uri = JsonRead.string(n, "uri");
        String reason = JsonRead.string(n, "reason");
        Instant at = time(JsonRead.string(n, "indexedAt"));
        Author actor = new Author(JsonRead.string(n, "author", "did"), JsonRead.string(n, "author", "handle"));
        Map<String, Object> record = JsonRead.object(n, "record");
        if (reason == null || at == null || actor.id() == null) {
            JsonLog.warn("bluesky notification skipped: no reason, time or author", "uri", uri);
            return null;
        }
        String subject = JsonRead.string(n, "reasonSubject");
        return switch (reason) {
            case "like" -> {
                String liked = subject != null ? subject : JsonRead.string(record, "subject", "uri");
                yield liked == null ? null : new ReactionAdded(Platform.BLUESKY, liked, uri, liked, actor, "like", at);
            }
            case "repost" -> {
                String reposted = subject != null ? subject : JsonRead.string(record, "subject", "uri");
                yield reposted == null ? null : new Shared(Platform.BLUESKY, reposted, uri, uri, actor, at);
            }
            case "reply" -> comment(uri, CommentKind.REPLY, threadPost(record, ourDid), actor, record, at);
            case "mention" -> comment(uri, CommentKind.MENTION, threadPost(record, ourDid), actor, record, at);
            case "quote" -> {
                String quoted = subject != null ? subject : quotedUri(record);
                yield comment(uri, CommentKind.COMMENT, quoted, actor, record, at);
            }
            default -> null;
        };
    }

    private static CommentAdded comment(String uri, CommentKind kind, String remotePostId, Author actor,
                                        Map<String, Object> record, Instant indexedAt) {
        Instant written = time(JsonRead.string(record, "createdAt"));
        Comment comment = new Comment(uri, kind, actor, JsonRead.string(record, "text"), permalink(uri),
                written == null ? indexedAt : written);
        return new CommentAdded(Platform.BLUESKY, remotePostId, uri, comment);
    }

    /** The post of ours a reply sits under: its parent when that is ours, else the thread's root; null outside a thread. */
    private static String threadPost(Map<String, Object> record, String ourDid) {
        String parent = JsonRead.string(record, "reply", "parent", "uri");
        String root = JsonRead.string(record, "reply", "root", "uri");
        if (parent != null && ourDid != null && parent.startsWith("at://" + ourDid + "/")) {
            return parent;
        }
        if (root != null && ourDid != null && root.startsWith("at://" + ourDid + "/")) {
            return root;
        }
        return parent;
    }

    /** The quoted post: {@code app.bsky.embed.record} or {@code app.bsky.embed.recordWithMedia}. */
    private static String quotedUri(Map<String, Object> record) {
        String direct = JsonRead.string(record, "embed", "record", "uri");
        return direct != null ? direct : JsonRead.string(record, "embed", "record", "record", "uri");
    }

    /** {@code https://bsky.app/profile/<did>/post/<rkey>} for {@code at://<did>/app.bsky.feed.post/<rkey>}. */
    static String permalink(String atUri) {
        if (atUri == null || !atUri.startsWith("at://")) {
            return null;
        }
        String[] parts = atUri.substring("at://".length()).split("/");
        if (parts.length != 3 || !BlueskyPublisher.COLLECTION.equals(parts[1])) {
            return null;
        }
        return "https://bsky.app/profile/" + parts[0] + "/post/" + parts[2];
    }

    private static Instant time(String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "BlueskyNotifications[" + account.service() + ", " + account.identifier() + "]";
    }
}
