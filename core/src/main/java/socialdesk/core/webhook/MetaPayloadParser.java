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
 * Meta's webhook deliveries: {@code {"object":"page"|"instagram","entry":[{"id","time","changes":[{"field","value"}]}]}}.
 *
 * <ul>
 *   <li>Facebook Page {@code feed}: {@code item} comment (verbs add, edited, remove; a
 *       {@code parent_id} other than the post makes it a reply), reaction and like (add, edit,
 *       remove; on the post or on a comment under it), share (add, remove). The page's own
 *       status/photo/video posts are ignored.</li>
 *   <li>Instagram {@code comments} (a comment or, with {@code parent_id}, a reply on our media) and
 *       {@code mentions} (our account mentioned in a comment; Meta sends only ids, no text).</li>
 * </ul>
 * Comments written by the Page itself or by the Instagram account itself ({@code from.id} equal to
 * the entry's {@code id}: staff answering in the thread) are ignored, as LinkedIn's and X's own are:
 * they are not engagement to count, triage or flag.
 * Meta sends no delivery id, so each event's id is built from the ids it carries, its verb and its
 * time: stable across redeliveries, distinct for a like, an unlike and a like again.
 */
public final class MetaPayloadParser implements PayloadParser {

    @Override
    public ParsedDelivery parse(Object json, Instant receivedAt) {
        String object = JsonRead.string(json, "object");
        if (!"page".equals(object) && !"instagram".equals(object)) {
            throw new MalformedPayloadException("object must be page or instagram");
        }
        if (!(JsonRead.at(json, "entry") instanceof List<?> entries)) {
            throw new MalformedPayloadException("entry must be an array");
        }
        Platform platform = "page".equals(object) ? Platform.FACEBOOK : Platform.INSTAGRAM;
        List<EngagementEvent> events = new ArrayList<>();
        int ignored = 0;
        int skipped = 0;
        for (Object entry : entries) {
            if (!(entry instanceof Map<?, ?>) || !(JsonRead.at(entry, "changes") instanceof List<?> changes)) {
                skipped++;
                continue;
            }
            Instant entryTime = Times.epochSeconds(JsonRead.at(entry, "time"), receivedAt);
            String ownId = idOrNull(entry, "id");
            for (Object change : changes) {
                String field = JsonRead.string(change, "field");
                Map<String, Object> value = JsonRead.object(change, "value");
                if (field == null || value == null) {
                    skipped++;
                    continue;
                }
                Entry r = switch (field) {
                    case "feed" -> platform == Platform.FACEBOOK ? feed(value, entryTime, ownId) : Entry.IGNORED;
                    case "comments" -> platform == Platform.INSTAGRAM ? instagramComment(value, entryTime, ownId) : Entry.IGNORED;
                    case "mentions" -> platform == Platform.INSTAGRAM ? instagramMention(value, entryTime) : Entry.IGNORED;
                    default -> Entry.IGNORED;
                };
                if (r.event() != null) {
                    events.add(r.event());
                } else if (r.skipped()) {
                    skipped++;
                } else {
                    ignored++;
                }
            }
        }
        return new ParsedDelivery(events, ignored, skipped);
    }


    private static Entry feed(Map<String, Object> v, Instant entryTime, String pageId) {
        String item = JsonRead.string(v, "item");
        String verb = JsonRead.string(v, "verb");
        if (item == null || verb == null) {
            return Entry.SKIPPED;
        }
        String postId = idOrNull(v, "post_id");
        Instant at = Times.epochSeconds(JsonRead.at(v, "created_time"), entryTime);
        Author from = new Author(idOrNull(v, "from", "id"), JsonRead.string(v, "from", "name"));
        return switch (item) {
            case "comment" -> pageId != null && pageId.equals(from.id()) ? Entry.IGNORED : feedComment(v, verb, postId, from, at);
            case "reaction", "like" -> feedReaction(v, item, verb, postId, from, at);
            case "share" -> feedShare(v, verb, postId, from, at);
            default -> Entry.IGNORED;
        };
    }

    private static Entry feedComment(Map<String, Object> v, String verb, String postId, Author from, Instant at) {
        String commentId = idOrNull(v, "comment_id");
        if (postId == null || commentId == null) {
            return Entry.SKIPPED;
        }
        String parentId = idOrNull(v, "parent_id");
        CommentKind kind = parentId != null && !parentId.equals(postId) ? CommentKind.REPLY : CommentKind.COMMENT;
        String eventId = "comment:" + verb + ":" + commentId + ":" + at.getEpochSecond();
        String permalink = "https://www.facebook.com/" + commentId;
        return switch (verb) {
            case "add" -> Entry.of(new EngagementEvent.CommentAdded(Platform.FACEBOOK, postId, eventId,
                    new Comment(commentId, kind, from, JsonRead.string(v, "message"), permalink, at)));
            case "edited" -> Entry.of(new EngagementEvent.CommentEdited(Platform.FACEBOOK, postId, eventId,
                    new Comment(commentId, kind, from, JsonRead.string(v, "message"), permalink, at)));
            case "remove" -> Entry.of(new EngagementEvent.CommentRemoved(Platform.FACEBOOK, postId, eventId, commentId, kind, at));
            default -> Entry.IGNORED;
        };
    }

    private static Entry feedReaction(Map<String, Object> v, String item, String verb, String postId, Author from, Instant at) {
        if (postId == null || from.id() == null) {
            return Entry.SKIPPED;
        }
        String commentId = idOrNull(v, "comment_id");
        String target = commentId != null ? commentId : postId;
        String type = item.equals("like") ? "like" : JsonRead.string(v, "reaction_type");
        String eventId = "reaction:" + verb + ":" + target + ":" + from.id() + ":" + at.getEpochSecond()
                + (type == null ? "" : ":" + type);
        return switch (verb) {
            case "add", "edit" -> Entry.of(new EngagementEvent.ReactionAdded(Platform.FACEBOOK, postId, eventId, target, from,
                    type == null ? "like" : type, at));
            case "remove" -> Entry.of(new EngagementEvent.ReactionRemoved(Platform.FACEBOOK, postId, eventId, target, from, at));
            default -> Entry.IGNORED;
        };
    }

    private static Entry feedShare(Map<String, Object> v, String verb, String postId, Author from, Instant at) {
        String shareId = idOrNull(v, "share_id");
        if (postId == null || shareId == null) {
            return Entry.SKIPPED;
        }
        String eventId = "share:" + verb + ":" + shareId + ":" + at.getEpochSecond();
        return switch (verb) {
            case "add" -> Entry.of(new EngagementEvent.Shared(Platform.FACEBOOK, postId, eventId, shareId, from, at));
            case "remove" -> Entry.of(new EngagementEvent.ShareRemoved(Platform.FACEBOOK, postId, eventId, shareId, at));
            default -> Entry.IGNORED;
        };
    }

    private static Entry instagramComment(Map<String, Object> v, Instant at, String igUserId) {
        String commentId = idOrNull(v, "id");
        String mediaId = idOrNull(v, "media", "id");
        String text = JsonRead.string(v, "text");
        if (commentId == null || mediaId == null || text == null) {
            return Entry.SKIPPED;
        }
        CommentKind kind = idOrNull(v, "parent_id") != null ? CommentKind.REPLY : CommentKind.COMMENT;
        Author from = new Author(idOrNull(v, "from", "id"), JsonRead.string(v, "from", "username"));
        if (igUserId != null && igUserId.equals(from.id())) {
            return Entry.IGNORED;
        }
        return Entry.of(new EngagementEvent.CommentAdded(Platform.INSTAGRAM, mediaId, "comment:" + commentId,
                new Comment(commentId, kind, from, text, null, at)));
    }

    private static Entry instagramMention(Map<String, Object> v, Instant at) {
        String commentId = idOrNull(v, "comment_id");
        String mediaId = idOrNull(v, "media_id");
        if (commentId == null || mediaId == null) {
            return Entry.SKIPPED;
        }
        return Entry.of(new EngagementEvent.CommentAdded(Platform.INSTAGRAM, mediaId, "mention:" + commentId,
                new Comment(commentId, CommentKind.MENTION, Author.UNKNOWN, null, null, at)));
    }
}
