package socialdesk.core.reply;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import socialdesk.core.post.Platform;

/**
 * The one reply to one comment, an item of its own, claimed conditionally like a delivery.
 *
 * @param ownerId          the comment's owner (our post id, or the unmatched owner)
 * @param attempt          1 for the first send; a new request after a refusal is the next attempt (and a new key)
 * @param leaseUntil       while SENDING, until when the claim is held by the request sending it
 * @param lashOutConfirmed true when the text read as abuse and a person confirmed it anyway
 */
public record Reply(String ownerId, Platform platform, String commentId, String text, String approvedBy,
                    ReplyStatus status, int attempt, Instant requestedAt, Instant leaseUntil,
                    String remoteId, String url, Instant sentAt, String lastError, boolean lashOutConfirmed) {
    public Reply {
        Objects.requireNonNull(ownerId, "ownerId");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(commentId, "commentId");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(requestedAt, "requestedAt");
    }

    /**
     * The platform idempotency key: the same for every retry of one attempt, different for the next
     * attempt (a platform may remember a refused key), and free of the comment's text.
     */
    public String idempotencyKey() {
        String name = "social-desk-reply:" + platform.id() + ":" + commentId + ":" + attempt;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    public Reply withStatus(ReplyStatus next) {
        return new Reply(ownerId, platform, commentId, text, approvedBy, next, attempt, requestedAt, leaseUntil,
                remoteId, url, sentAt, lastError, lashOutConfirmed);
    }
}
