package socialdesk.core.reply;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import socialdesk.core.engagement.Owners;
import socialdesk.core.engagement.StoredComment;
import socialdesk.core.events.DomainEvent;
import socialdesk.core.triage.Excerpt;

/**
 * The {@code CommentAnswered} event: a person's reply is in the comment's thread. Carries ids, the
 * reply's link, who approved it and how long the comment waited; the reply's text only as an excerpt.
 */
public final class CommentAnsweredEvent {
    public static final String SOURCE = "social.engagement";
    public static final String DETAIL_TYPE = "CommentAnswered";

    private CommentAnsweredEvent() {
    }

    public static DomainEvent of(StoredComment comment, Reply sent, Duration waited) {
        boolean matched = !Owners.isUnmatched(comment.ownerId());
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("platform", comment.platform().id());
        detail.put("postId", matched ? comment.ownerId() : "");
        detail.put("commentId", comment.comment().id());
        detail.put("replyId", sent.remoteId() == null ? "" : sent.remoteId());
        detail.put("replyUrl", sent.url() == null ? "" : sent.url());
        detail.put("replyExcerpt", Excerpt.of(sent.text(), 200));
        detail.put("approvedBy", sent.approvedBy() == null ? "" : sent.approvedBy());
        detail.put("category", comment.verdict().category());
        detail.put("severity", comment.verdict().severity());
        detail.put("answeredAt", sent.sentAt() == null ? "" : sent.sentAt().toString());
        detail.put("waitedSeconds", waited.toSeconds());
        // A comment is answered once (the reply is claimed conditionally), so the comment names the fact.
        return DomainEvent.of(SOURCE, DETAIL_TYPE, comment.platform().id() + "/" + comment.comment().id(), detail);
    }
}
