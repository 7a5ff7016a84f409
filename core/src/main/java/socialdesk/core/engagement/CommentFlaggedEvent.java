package socialdesk.core.engagement;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import socialdesk.core.events.DomainEvent;
import socialdesk.core.triage.Excerpt;

/**
 * The {@code CommentFlagged} event: what a person on the desk needs to act on a flagged comment,
 * and nothing more (no tokens, no secrets, an excerpt rather than the whole text). Every key is
 * always present (empty string when unknown) so the rules' input transformers never see a hole.
 */
public final class CommentFlaggedEvent {
    public static final String SOURCE = "social.engagement";
    public static final String DETAIL_TYPE = "CommentFlagged";
    /** Longest excerpt, in characters, including the ellipsis. */
    public static final int EXCERPT_CHARS = 200;

    private CommentFlaggedEvent() {
    }

    public static DomainEvent of(StoredComment stored) {
        Comment c = stored.comment();
        CommentVerdict v = stored.verdict();
        boolean matched = !Owners.isUnmatched(stored.ownerId());
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("platform", stored.platform().id());
        detail.put("postId", matched ? stored.ownerId() : "");
        detail.put("matched", matched);
        detail.put("remotePostId", orEmpty(stored.remotePostId()));
        detail.put("commentId", c.id());
        detail.put("kind", c.kind().name());
        detail.put("permalink", orEmpty(c.permalink()));
        detail.put("author", c.author().label());
        detail.put("excerpt", c.text() == null ? "" : Excerpt.of(c.text(), EXCERPT_CHARS));
        detail.put("categories", List.of(v.category()));
        detail.put("severity", v.severity());
        detail.put("language", v.lang());
        detail.put("reasons", v.reasons());
        detail.put("action", orEmpty(v.action()));
        detail.put("suggestedReply", orEmpty(v.suggestedReply()));
        detail.put("writtenAt", c.at().toString());
        boolean replyable = v.suggestedReply() != null && !v.suggestedReply().isBlank();
        detail.put("answerCommand", AnswerHint.command(stored.platform(), c.id(), replyable));
        detail.put("answerApi", AnswerHint.api(stored.platform(), c.id(), replyable));
        // One comment at one version: an edit that is flagged again is a new fact with a new id.
        return DomainEvent.of(SOURCE, DETAIL_TYPE, stored.platform().id() + "/" + c.id() + "/" + c.at().toEpochMilli(), detail);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
