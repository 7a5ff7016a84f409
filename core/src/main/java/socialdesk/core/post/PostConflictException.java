package socialdesk.core.post;

/**
 * A change the post's current state does not allow: publishing has started, someone else changed
 * it first, or a client token was reused for another request. {@code code} is a stable,
 * machine-readable reason (for example {@code publishing_started}); the message is for people.
 */
public final class PostConflictException extends RuntimeException {
    public static final String PUBLISHING_STARTED = "publishing_started";
    public static final String VERSION_MISMATCH = "version_mismatch";
    public static final String CANCELLED = "post_cancelled";
    public static final String TOKEN_REUSED = "client_token_reused";
    public static final String NO_FREE_SLOT = "no_free_slot";
    public static final String NOT_UNCERTAIN = "delivery_not_uncertain";

    private final String code;

    public PostConflictException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
