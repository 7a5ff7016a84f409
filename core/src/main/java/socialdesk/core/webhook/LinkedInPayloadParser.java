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
 * LinkedIn organization social action notifications (event type
 * {@code ORGANIZATION_SOCIAL_ACTION_NOTIFICATIONS}): {@code {"type": ..., "notifications": [...]}},
 * each with {@code notificationId}, {@code action}, {@code actor}, {@code sourcePost},
 * {@code generatedActivity}, {@code decoratedGeneratedActivity} and {@code lastModifiedAt} (ms).
 *
 * <ul>
 *   <li>COMMENT, COMMENT_EDIT, COMMENT_DELETE: a comment on our post (text from
 *       {@code decoratedGeneratedActivity.comment.text}), its edit and its deletion;</li>
 *   <li>LIKE: a reaction to our post; SHARE: a reshare of it;</li>
 *   <li>SHARE_MENTION: a post that mentions our organization (kept as a mention);</li>
 *   <li>ADMIN_COMMENT (our own page answering) and anything else are ignored.</li>
 * </ul>
 * LinkedIn asks receivers to deduplicate by {@code notificationId}; it is the event id here.
 */
public final class LinkedInPayloadParser implements PayloadParser {

    @Override
    public ParsedDelivery parse(Object json, Instant receivedAt) {
        if (!(json instanceof Map<?, ?>) || !(JsonRead.at(json, "notifications") instanceof List<?> notifications)) {
            throw new MalformedPayloadException("notifications must be an array");
        }
        Object type = JsonRead.at(json, "type");
        if (type != null && !(type instanceof String)) {
            throw new MalformedPayloadException("type must be a string");
        }
        List<EngagementEvent> events = new ArrayList<>();
        int ignored = 0;
        int skipped = 0;
        for (Object n : notifications) {
            Entry entry = notification(n, receivedAt);
            if (entry.event() != null) {
                events.add(entry.event());
            } else if (entry.skipped()) {
                skipped++;
            } else {
                ignored++;
            }
        }
        return new ParsedDelivery(events, ignored, skipped);
    }

    private static Entry notification(Object n, Instant receivedAt) {
        String action = JsonRead.string(n, "action");
        if (action == null) {
            return Entry.SKIPPED;
        }
        String sourcePost = idOrNull(n, "sourcePost");
        String activity = idOrNull(n, "generatedActivity");
        String notificationId = idOrNull(n, "notificationId");
        Instant at = Times.epochMillis(JsonRead.at(n, "lastModifiedAt"), receivedAt);
        Author actor = new Author(idOrNull(n, "actor"), null);
        if (notificationId == null) {
            if (activity == null && sourcePost == null) {
                return Entry.SKIPPED;
            }
            notificationId = action + ":" + (activity != null ? activity : sourcePost + ":" + actor.id()) + ":" + at.toEpochMilli();
        }
        String eventId = "notification:" + notificationId;
        String permalink = sourcePost == null ? null : "https://www.linkedin.com/feed/update/" + sourcePost;
        return switch (action) {
            case "COMMENT", "COMMENT_EDIT" -> {
                String text = JsonRead.string(n, "decoratedGeneratedActivity", "comment", "text");
                if (sourcePost == null || activity == null || text == null) {
                    yield Entry.SKIPPED;
                }
                Author author = new Author(commentOwner(n, actor), null);
                Comment comment = new Comment(activity, CommentKind.COMMENT, author, text, permalink, at);
                yield Entry.of(action.equals("COMMENT")
                        ? new EngagementEvent.CommentAdded(Platform.LINKEDIN, sourcePost, eventId, comment)
                        : new EngagementEvent.CommentEdited(Platform.LINKEDIN, sourcePost, eventId, comment));
            }
            case "COMMENT_DELETE" -> sourcePost == null || activity == null ? Entry.SKIPPED
                    : Entry.of(new EngagementEvent.CommentRemoved(Platform.LINKEDIN, sourcePost, eventId, activity, CommentKind.COMMENT, at));
            case "LIKE" -> sourcePost == null || actor.id() == null ? Entry.SKIPPED
                    : Entry.of(new EngagementEvent.ReactionAdded(Platform.LINKEDIN, sourcePost, eventId, sourcePost, actor, "like", at));
            case "SHARE" -> sourcePost == null || activity == null ? Entry.SKIPPED
                    : Entry.of(new EngagementEvent.Shared(Platform.LINKEDIN, sourcePost, eventId, activity, actor, at));
            case "SHARE_MENTION" -> {
                String mentionId = activity != null ? activity : sourcePost;
                if (mentionId == null) {
                    yield Entry.SKIPPED;
                }
                String text = JsonRead.string(n, "decoratedGeneratedActivity", "share", "text");
                yield Entry.of(new EngagementEvent.CommentAdded(Platform.LINKEDIN, null, eventId,
                        new Comment(mentionId, CommentKind.MENTION, actor, text, permalink, at)));
            }
            default -> Entry.IGNORED;
        };
    }

    private static String commentOwner(Object n, Author actor) {
        String owner = idOrNull(n, "decoratedGeneratedActivity", "comment", "owner");
        return owner != null ? owner : actor.id();
    }
}
