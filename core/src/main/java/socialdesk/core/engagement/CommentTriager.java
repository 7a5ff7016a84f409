package socialdesk.core.engagement;

/**
 * Triage as the ingestion sees it: text in, verdict out. Thread-safe, no I/O. The production
 * implementation adapts {@code socialdesk.core.triage.CommentTriage}; tests pass their own.
 */
@FunctionalInterface
public interface CommentTriager {
    /** Never flags anything: for wiring where triage is not wanted. */
    CommentTriager NONE = (text, langHint) -> CommentVerdict.UNTRIAGED;

    /**
     * @param text     the comment's text, never null
     * @param langHint the platform's language hint, or null
     */
    CommentVerdict triage(String text, String langHint);
}
