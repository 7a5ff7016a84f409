package socialdesk.core.post;

import java.time.Instant;

/**
 * One post on one platform: how many attempts were made, what the platform answered, and when the
 * next attempt may be made while it is still pending.
 */
public record Delivery(
        String postId,
        Platform platform,
        DeliveryStatus status,
        int attempts,
        String remoteId,
        String remoteUrl,
        String lastError,
        Instant nextAttemptAt) {

    public static Delivery pending(String postId, Platform platform) {
        return new Delivery(postId, platform, DeliveryStatus.PENDING, 0, null, null, null, null);
    }

    public Delivery published(String remoteId, String remoteUrl) {
        return new Delivery(postId, platform, DeliveryStatus.PUBLISHED, attempts + 1, remoteId, remoteUrl, null, null);
    }

    public Delivery retryAt(Instant next, String error) {
        return new Delivery(postId, platform, DeliveryStatus.PENDING, attempts + 1, null, null, error, next);
    }

    /** Held until the account's credentials work again; not an attempt, so it never uses up the retry budget. */
    public Delivery blocked(Instant recheckAt, String reason) {
        return new Delivery(postId, platform, DeliveryStatus.BLOCKED, attempts, null, null, reason, recheckAt);
    }

    /** A final failure; {@code attempted} is false when the post never reached the platform (invalid content). */
    public Delivery failed(String error, boolean attempted) {
        return new Delivery(postId, platform, DeliveryStatus.FAILED, attempted ? attempts + 1 : attempts, null, null, error, null);
    }

    public boolean dueAt(Instant now) {
        return !status.isFinal() && (nextAttemptAt == null || !nextAttemptAt.isAfter(now));
    }
}
