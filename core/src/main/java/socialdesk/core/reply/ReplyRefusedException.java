package socialdesk.core.reply;

import java.util.List;

/** A reply, hide or dismissal the desk will not do, with a reason a person can act on. */
public final class ReplyRefusedException extends RuntimeException {

    /** Why; the API turns each into an HTTP status and the lower-case name as its error code. */
    public enum Reason {
        COMMENT_NOT_FOUND,
        INVALID_REQUEST,
        VALIDATION_FAILED,
        /** The text reads as abuse; it goes only with an explicit confirmation. */
        READS_AS_ABUSE,
        PLATFORM_CANNOT,
        PLATFORM_NOT_CONFIGURED,
        NO_SUGGESTION,
        COMMENT_REMOVED,
        ALREADY_ANSWERED,
        REPLY_IN_PROGRESS,
        REPLY_UNCERTAIN,
        PLATFORM_REFUSED,
        CREDENTIALS_REJECTED,
        /** The platform did not answer; the request can be repeated safely. */
        PLATFORM_UNAVAILABLE;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Reason reason;
    private final List<String> problems;

    public ReplyRefusedException(Reason reason, String message) {
        this(reason, message, List.of());
    }

    public ReplyRefusedException(Reason reason, String message, List<String> problems) {
        super(message);
        this.reason = reason;
        this.problems = List.copyOf(problems);
    }

    public Reason reason() {
        return reason;
    }

    public List<String> problems() {
        return problems;
    }
}
