package socialdesk.core.engagement;

/**
 * Triage as the ingestion sees it: text in, verdict out. Thread-safe. The production
 * implementation adapts {@code socialdesk.core.triage.CommentTriage} (no I/O); the optional model
 * triage (the Bedrock triage layer, layers/bedrock-triage) calls Bedrock within its own time budget and answers with that one whenever
 * the model does not. Tests pass their own.
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
