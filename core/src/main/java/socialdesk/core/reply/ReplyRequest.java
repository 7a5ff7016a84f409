package socialdesk.core.reply;

import java.util.Objects;

/**
 * One reply to send.
 *
 * @param commentId      the platform's id of the comment answered (a Bluesky at-uri, a LinkedIn comment urn, ...)
 * @param remotePostId   the platform's id of the post the comment is under, or null when unknown
 * @param text           the reply's text, checked against the platform's rules already
 * @param idempotencyKey stable for this comment across every retry
 */
public record ReplyRequest(String commentId, String remotePostId, String text, String idempotencyKey) {
    public ReplyRequest {
        Objects.requireNonNull(commentId, "commentId");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    }
}
