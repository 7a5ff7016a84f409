package socialdesk.core.post;

/** Where one post stands on one platform. */
public enum DeliveryStatus {
    /** Not sent yet, or waiting for its next attempt after a transient failure. */
    PENDING,
    PUBLISHED,
    FAILED;

    public boolean isFinal() {
        return this != PENDING;
    }
}
