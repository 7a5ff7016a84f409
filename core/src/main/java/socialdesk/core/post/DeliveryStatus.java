package socialdesk.core.post;

/** Where one post stands on one platform. */
public enum DeliveryStatus {
    /** Not sent yet, or waiting for its next attempt after a transient failure. */
    PENDING,
    /**
     * Held back because the platform rejected the account's credentials: not failed, not retried in
     * a loop; it goes out once the account works again.
     */
    BLOCKED,
    PUBLISHED,
    FAILED,
    /**
     * A send may have reached the platform but nobody saw the answer, and the platform offers no way
     * to look (a Telegram bot, a Discord webhook): never resent automatically; a person confirms it
     * (then PUBLISHED) or asks for a resend (then PENDING).
     */
    UNCERTAIN;

    /** No more automatic work: published, failed for good, or waiting for a person's decision. */
    public boolean isFinal() {
        return this == PUBLISHED || this == FAILED || this == UNCERTAIN;
    }
}
