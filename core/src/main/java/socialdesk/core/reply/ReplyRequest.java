package socialdesk.core.reply;

import java.time.Instant;
import java.util.Objects;

/**
 * One reply to send.
 *
 * @param commentId      the platform's id of the comment answered (a Bluesky at-uri, a LinkedIn comment urn, ...)
 * @param remotePostId   the platform's id of the post the comment is under, or null when unknown
 * @param text           the reply's text, checked against the platform's rules already
 * @param idempotencyKey stable for this comment across every retry of one attempt
 * @param requestedAt    when the attempt was first claimed, stable across its resends (Bluesky's record key derives from it)
 */
public record ReplyRequest(String commentId, String remotePostId, String text, String idempotencyKey, Instant requestedAt) {
    public ReplyRequest {
        Objects.requireNonNull(commentId, "commentId");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(requestedAt, "requestedAt");
    }
}
