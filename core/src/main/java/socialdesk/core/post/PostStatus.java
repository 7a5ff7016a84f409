package socialdesk.core.post;

/**
 * The lifecycle of a post: QUEUED -> PUBLISHING -> PUBLISHED | PARTIALLY_PUBLISHED | FAILED, or
 * CANCELLED; UNCERTAIN while a delivery waits for a person to confirm or resend it.
 */
public enum PostStatus {
    QUEUED,
    PUBLISHING,
    PUBLISHED,
    PARTIALLY_PUBLISHED,
    FAILED,
    CANCELLED,
    /** Off the due index until a person decides about its UNCERTAIN deliveries. */
    UNCERTAIN;

    public boolean isFinal() {
        return this == PUBLISHED || this == PARTIALLY_PUBLISHED || this == FAILED || this == CANCELLED || this == UNCERTAIN;
    }
}
