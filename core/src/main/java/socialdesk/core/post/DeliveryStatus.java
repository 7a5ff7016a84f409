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
    FAILED;

    public boolean isFinal() {
        return this == PUBLISHED || this == FAILED;
    }
}
