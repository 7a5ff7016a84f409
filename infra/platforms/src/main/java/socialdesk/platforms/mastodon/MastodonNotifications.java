package socialdesk.platforms.mastodon;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

/**
 * The account's notifications from {@code GET /api/v1/notifications} (scope
 * {@code read:notifications}), restricted to mentions, favourites and reblogs.
 *
 * <h2>Cursor</h2>
 * The state is a notification id: the newest one ingested. Pages are asked for with
 * {@code min_id=<that id>}, which Mastodon answers with the notifications <em>immediately</em>
 * newer than it (the oldest of what is new, newest first within the page), so a backlog is read
 * oldest first a page at a time and nothing between two pages is skipped. The next page's
 * {@code min_id} comes from the answer's {@code Link} header ({@code rel="prev"}, which points at
 * newer notifications), else from the newest id of the page. The position is the id left-padded
 * with zeros, so ids of different lengths compare as numbers. Before the first poll there is no
 * cursor: the newest page is read and the cursor starts there (older history is not backfilled).
 *
 * <p>Mapping (event id = notification id, stable, so a page read twice is stored once):
 * a mention whose status has {@code in_reply_to_id} is a reply under that status, any other mention
 * a mention; a favourite is a reaction on the favourited status; a reblog a share of it.
 */
public final class MastodonNotifications implements NotificationSource {
    /** Mastodon's default page size; the maximum is 80. */
    public static final int PAGE_SIZE = 40;
    static final List<String> TYPES = List.of("mention", "favourite", "reblog");
    private static final int POSITION_WIDTH = 32;
    private static final Pattern LINK = Pattern.compile("<([^>]*)>\\s*;\\s*rel=\"?([a-z]+)\"?");

    private final PlatformHttp http;
    private final MastodonAccount account;
    private final URI notificationsUri;
    private final int pageSize;

    public MastodonNotifications(HttpClient client, MastodonAccount account, Clock clock) {
        this(client, account, clock, PlatformHttp.DEFAULT_REQUEST_TIMEOUT, PAGE_SIZE);
    }

    public MastodonNotifications(HttpClient client, MastodonAccount account, Clock clock, Duration requestTimeout, int pageSize) {
        if (pageSize < 1 || pageSize > 80) {
            throw new IllegalArgumentException("pageSize must be 1..80");
        }
        this.account = Objects.requireNonNull(account, "account");
        this.http = new PlatformHttp(Platform.MASTODON.id(), client, requestTimeout, clock);
        this.notificationsUri = URI.create(account.instance() + "/api/v1/notifications");
        this.pageSize = pageSize;
    }

    @Override
    public Platform platform() {
        return Platform.MASTODON;
    }

    @Override
    public PollResult next(PollCursor cursor) {
        try {
            return read(cursor);
        } catch (Exception e) {
            return PollFailures.transport(http, e);
        }
    }

    private PollResult read(PollCursor cursor) throws Exception {
        String minId = cursor == null || cursor.state().isEmpty() ? null : cursor.state();
        Response response = http.send(http.request(pageUri(minId))
                .header("Authorization", "Bearer " + account.accessToken())
                .GET()
                .build());
        if (response.statusClass() != PlatformHttp.StatusClass.SUCCESS) {
            return PollFailures.stopped(http, response);
        }
        Object body;
        try {
            body = Json.parse(response.body());
        } catch (JsonException e) {
            return new Stopped(StopReason.UNAVAILABLE, "mastodon: notifications answer is not JSON", null);
        }
        if (!(body instanceof List<?> list)) {
            return new Stopped(StopReason.UNAVAILABLE, "mastodon: notifications answer is not a list", null);
        }
        List<Map<String, Object>> notifications = new ArrayList<>();
        for (Object item : list) {
            String id = JsonRead.id(item, "id");
            if (id != null && (minId == null || compareIds(id, minId) > 0)) {
                notifications.add(JsonRead.object(item));
            }
        }
        notifications.sort(Comparator.comparing((Map<String, Object> n) -> JsonRead.id(n, "id"), MastodonNotifications::compareIds));
        List<EngagementEvent> events = new ArrayList<>(notifications.size());
        for (Map<String, Object> n : notifications) {
            EngagementEvent event = toEvent(n);
            if (event != null) {
                events.add(event);
            }
        }
        if (notifications.isEmpty()) {
            return new PollResult.Page(List.of(), cursor == null ? initial() : cursor, false);
        }
        String newest = JsonRead.id(notifications.getLast(), "id");
        String next = prevLinkMinId(response);
        if (next == null || compareIds(next, newest) < 0) {
            next = newest;
        }
        // Without a cursor only the newest page is read: there is nothing newer to page towards.
        boolean more = minId != null && list.size() >= pageSize;
        return new PollResult.Page(events, cursorAt(next), more);
    }

    private URI pageUri(String minId) {
        StringBuilder query = new StringBuilder();
        for (String type : TYPES) {
            query.append("types[]=").append(type).append('&');
        }
        query.append("limit=").append(pageSize);
        if (minId != null) {
            query.append("&min_id=").append(java.net.URLEncoder.encode(minId, StandardCharsets.UTF_8));
        }
        return URI.create(notificationsUri + "?" + query.toString().replace("[]", "%5B%5D"));
    }

    /** The {@code min_id} of the answer's {@code rel="prev"} link (the newer page), when it points at this instance. */
    private String prevLinkMinId(Response response) {
        for (String header : response.headers().allValues("Link")) {
            Matcher m = LINK.matcher(header);
            while (m.find()) {
                if (!"prev".equals(m.group(2))) {
                    continue;
                }
                URI link;
                try {
                    link = URI.create(m.group(1));
                } catch (IllegalArgumentException e) {
                    return null;
                }
                if (link.getHost() == null || !link.getHost().equalsIgnoreCase(account.instance().getHost())) {
                    return null;
                }
                return queryParam(link.getRawQuery(), "min_id");
            }
        }
        return null;
    }

    private static String queryParam(String rawQuery, String name) {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals(name)) {
                String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                return value.isBlank() ? null : value;
            }
        }
        return null;
    }

    private EngagementEvent toEvent(Map<String, Object> n) {
        String id = JsonRead.id(n, "id");
        String type = JsonRead.string(n, "type");
        Map<String, Object> status = JsonRead.object(n, "status");
        String statusId = JsonRead.id(status, "id");
        Author actor = new Author(JsonRead.id(n, "account", "id"), JsonRead.string(n, "account", "acct"));
        Instant at = time(JsonRead.string(n, "created_at"));
        if (type == null || statusId == null || at == null) {
            JsonLog.warn("mastodon notification skipped: no type, status or time", "notificationId", id);
            return null;
        }
        return switch (type) {
            case "mention" -> {
                String replyTo = JsonRead.id(status, "in_reply_to_id");
                String spoiler = JsonRead.string(status, "spoiler_text");
                String text = StatusText.of(JsonRead.string(status, "content"));
                if (spoiler != null && !spoiler.isBlank()) {
                    text = spoiler.strip() + (text == null || text.isEmpty() ? "" : "\n\n" + text);
                }
                String permalink = JsonRead.string(status, "url");
                if (permalink == null) {
                    permalink = JsonRead.string(status, "uri");
                }
                Instant written = time(JsonRead.string(status, "created_at"));
                Comment comment = new Comment(statusId, replyTo == null ? CommentKind.MENTION : CommentKind.REPLY, actor,
                        text, permalink, written == null ? at : written);
                yield new CommentAdded(Platform.MASTODON, replyTo, id, comment);
            }
            case "favourite" -> actor.id() == null ? null
                    : new ReactionAdded(Platform.MASTODON, statusId, id, statusId, actor, "favourite", at);
            case "reblog" -> new Shared(Platform.MASTODON, statusId, id, statusId + "#" + (actor.id() == null ? id : actor.id()), actor, at);
            default -> null;
        };
    }

    private PollCursor cursorAt(String id) {
        String padded = id.length() >= POSITION_WIDTH ? id : "0".repeat(POSITION_WIDTH - id.length()) + id;
        return new PollCursor(padded, id);
    }

    /** Nothing read yet (the account had no notifications): the next poll starts at the newest again. */
    private static PollCursor initial() {
        return new PollCursor("0", "");
    }

    /** Mastodon ids are decimal strings of growing length: shorter is older. */
    static int compareIds(String a, String b) {
        return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
    }

    private static Instant time(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeException e) {
            try {
                return java.time.OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeException e2) {
                return null;
            }
        }
    }

    @Override
    public String toString() {
        return "MastodonNotifications[" + account.instance() + "]";
    }
}
