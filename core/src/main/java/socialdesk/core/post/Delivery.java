package socialdesk.core.post;

import java.time.Instant;

/**
 * One post on one platform: how many attempts were made, what the platform answered, and when the
 * next attempt may be made while it is still pending.
 *
 * @param inDoubtSince when a send whose outcome nobody saw started (a run died mid-send), while the
 *                     platform has not yet been asked whether it holds the post; null otherwise
 * @param decision     a person's decision about an UNCERTAIN delivery (who, what, when), kept once made
 */
public record Delivery(
        String postId,
        Platform platform,
        DeliveryStatus status,
        int attempts,
        String remoteId,
        String remoteUrl,
        String lastError,
        Instant nextAttemptAt,
        Instant inDoubtSince,
        String decision) {

    public Delivery(String postId, Platform platform, DeliveryStatus status, int attempts, String remoteId,
                    String remoteUrl, String lastError, Instant nextAttemptAt) {
        this(postId, platform, status, attempts, remoteId, remoteUrl, lastError, nextAttemptAt, null, null);
    }

    public static Delivery pending(String postId, Platform platform) {
        return new Delivery(postId, platform, DeliveryStatus.PENDING, 0, null, null, null, null);
    }

    public Delivery published(String remoteId, String remoteUrl) {
        return new Delivery(postId, platform, DeliveryStatus.PUBLISHED, attempts + 1, remoteId, remoteUrl, null, null,
                null, decision);
    }

    public Delivery retryAt(Instant next, String error) {
        return new Delivery(postId, platform, DeliveryStatus.PENDING, attempts + 1, null, null, error, next, null, decision);
    }

    /** Held until the account's credentials work again; not an attempt, so it never uses up the retry budget. */
    public Delivery blocked(Instant recheckAt, String reason) {
        return new Delivery(postId, platform, DeliveryStatus.BLOCKED, attempts, null, null, reason, recheckAt,
                inDoubtSince, decision);
    }

    /** A final failure; {@code attempted} is false when the post never reached the platform (invalid content). */
    public Delivery failed(String error, boolean attempted) {
        return new Delivery(postId, platform, DeliveryStatus.FAILED, attempted ? attempts + 1 : attempts, null, null,
                error, null, null, decision);
    }

    /** A send that started at {@code since} may have reached the platform: ask it before sending again. */
    public Delivery inDoubt(Instant since) {
        return new Delivery(postId, platform, status, attempts, remoteId, remoteUrl, lastError, nextAttemptAt,
                since, decision);
    }

    /** The platform could not tell yet (lookup failed, or too soon to trust its answer): ask again at {@code next}. */
    public Delivery askAgainAt(Instant next, String reason) {
        return new Delivery(postId, platform, DeliveryStatus.PENDING, attempts, null, null, reason, next,
                inDoubtSince, decision);
    }

    /** The send in doubt was found on the platform: published by the earlier attempt, nothing sent now. */
    public Delivery foundPublished(String remoteId, String remoteUrl) {
        return new Delivery(postId, platform, DeliveryStatus.PUBLISHED, attempts + 1, remoteId, remoteUrl, null, null,
                null, decision);
    }

    /** The send in doubt cannot be checked: a person decides; never resent automatically. */
    public Delivery uncertain(String reason) {
        return new Delivery(postId, platform, DeliveryStatus.UNCERTAIN, attempts + 1, null, null, reason, null,
                inDoubtSince, decision);
    }

    /** A person saw the post on the platform. */
    public Delivery confirmed(String remoteId, String remoteUrl, String decision) {
        return new Delivery(postId, platform, DeliveryStatus.PUBLISHED, attempts, remoteId, remoteUrl, null, null,
                null, decision);
    }

    /** A person found the post missing and asked for it to be sent again at {@code now}. */
    public Delivery resendRequested(Instant now, String decision) {
        return new Delivery(postId, platform, DeliveryStatus.PENDING, attempts, null, null, null, now, null, decision);
    }

    public boolean dueAt(Instant now) {
        return !status.isFinal() && (nextAttemptAt == null || !nextAttemptAt.isAfter(now));
    }
}
