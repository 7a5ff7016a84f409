package socialdesk.core.post;

/** The lifecycle of a post: QUEUED -> PUBLISHING -> PUBLISHED | PARTIALLY_PUBLISHED | FAILED, or CANCELLED. */
public enum PostStatus {
    QUEUED,
    PUBLISHING,
    PUBLISHED,
    PARTIALLY_PUBLISHED,
    FAILED,
    CANCELLED;

    public boolean isFinal() {
        return this == PUBLISHED || this == PARTIALLY_PUBLISHED || this == FAILED || this == CANCELLED;
    }
}
