package socialdesk.core.webhook;

import static socialdesk.core.webhook.Times.idOrNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import socialdesk.core.engagement.Author;
import socialdesk.core.engagement.Comment;
import socialdesk.core.engagement.CommentKind;
import socialdesk.core.engagement.EngagementEvent;
import socialdesk.core.json.JsonRead;
import socialdesk.core.post.Platform;

/**
 * X Account Activity deliveries: {@code {"for_user_id": ..., "tweet_create_events": [...], "favorite_events": [...]}}.
 *
 * <ul>
 *   <li>a tweet by someone else that replies to a tweet becomes a REPLY under that tweet (ours when
 *       the remote index knows it); a retweet becomes a share of the retweeted tweet; any other
 *       tweet delivered to us mentions us (a quote tweet is kept under the quoted tweet);</li>
 *   <li>a favourite by someone else is a reaction to the favourited tweet.</li>
 * </ul>
 * Our own tweets and favourites, and every other event array (direct messages, follows, blocks,
 * deletions, which name no post), are ignored.
 */
public final class XPayloadParser implements PayloadParser {

    @Override
    public ParsedDelivery parse(Object json, Instant receivedAt) {
        String forUser = idOrNull(json, "for_user_id");
        if (!(json instanceof Map<?, ?> body) || forUser == null) {
            throw new MalformedPayloadException("for_user_id is required");
        }
        List<EngagementEvent> events = new ArrayList<>();
        int ignored = 0;
        int skipped = 0;
        for (Map.Entry<?, ?> e : body.entrySet()) {
            String key = String.valueOf(e.getKey());
            if (key.equals("for_user_id") || key.equals("user_has_blocked")) {
                continue;
            }
            if (!(e.getValue() instanceof List<?> items)) {
                ignored++;
                continue;
            }
            for (Object item : items) {
                Entry entry = switch (key) {
                    case "tweet_create_events" -> tweet(item, forUser, receivedAt);
                    case "favorite_events" -> favorite(item, forUser, receivedAt);
                    default -> Entry.IGNORED;
                };
                if (entry.event() != null) {
                    events.add(entry.event());
                } else if (entry.skipped()) {
                    skipped++;
                } else {
                    ignored++;
                }
            }
        }
        return new ParsedDelivery(events, ignored, skipped);
    }

    private static Entry tweet(Object t, String forUser, Instant receivedAt) {
        String id = idOrNull(t, "id_str");
        String userId = idOrNull(t, "user", "id_str");
        if (id == null || userId == null) {
            return Entry.SKIPPED;
        }
        if (userId.equals(forUser)) {
            return Entry.IGNORED;
        }
        Instant at = Times.epochMillis(JsonRead.at(t, "timestamp_ms"), Times.xCreatedAt(JsonRead.at(t, "created_at"), receivedAt));
        String handle = JsonRead.string(t, "user", "screen_name");
        Author author = new Author(userId, handle != null ? "@" + handle : JsonRead.string(t, "user", "name"));
        String retweeted = idOrNull(t, "retweeted_status", "id_str");
        if (retweeted != null) {
            return Entry.of(new EngagementEvent.Shared(Platform.X, retweeted, "tweet:" + id, id, author, at));
        }
        String text = JsonRead.string(t, "extended_tweet", "full_text");
        if (text == null) {
            text = JsonRead.string(t, "text");
        }
        if (text == null) {
            return Entry.SKIPPED;
        }
        String permalink = "https://x.com/" + (handle != null ? handle : "i/web") + "/status/" + id;
        String inReplyTo = idOrNull(t, "in_reply_to_status_id_str");
        if (inReplyTo != null) {
            return Entry.of(new EngagementEvent.CommentAdded(Platform.X, inReplyTo, "tweet:" + id,
                    new Comment(id, CommentKind.REPLY, author, text, permalink, at)));
        }
        String quoted = idOrNull(t, "quoted_status_id_str");
        return Entry.of(new EngagementEvent.CommentAdded(Platform.X, quoted, "tweet:" + id,
                new Comment(id, CommentKind.MENTION, author, text, permalink, at)));
    }

    private static Entry favorite(Object f, String forUser, Instant receivedAt) {
        String statusId = idOrNull(f, "favorited_status", "id_str");
        String userId = idOrNull(f, "user", "id_str");
        if (statusId == null || userId == null) {
            return Entry.SKIPPED;
        }
        if (userId.equals(forUser)) {
            return Entry.IGNORED;
        }
        Instant at = Times.epochMillis(JsonRead.at(f, "timestamp_ms"), Times.xCreatedAt(JsonRead.at(f, "created_at"), receivedAt));
        String favId = idOrNull(f, "id");
        String eventId = "favorite:" + (favId != null ? favId : statusId + ":" + userId);
        String handle = JsonRead.string(f, "user", "screen_name");
        return Entry.of(new EngagementEvent.ReactionAdded(Platform.X, statusId, eventId, statusId,
                new Author(userId, handle != null ? "@" + handle : null), "favorite", at));
    }
}
