package socialdesk.core.engagement;

import java.util.List;
import java.util.Objects;

/**
 * What triage made of a comment, in the plain strings the store and the bus carry.
 *
 * @param category       CONCERN, ABUSE, SPAM, QUESTION, PRAISE or NEUTRAL
 * @param severity       high, medium, low or none
 * @param flagged        true when a person should look at it
 * @param lang           the comment's language ({@code en}, {@code vi}, ...)
 * @param reasons        the cues that decided it
 * @param action         what the desk is advised to do (REPLY, ESCALATE, HIDE_OR_REPORT), or null
 * @param suggestedReply a calm public reply in the comment's language, or null
 */
public record CommentVerdict(String category, String severity, boolean flagged, String lang, List<String> reasons,
                             String action, String suggestedReply) {
    /** For text that could not be triaged (none, or a triage failure): nothing to flag. */
    public static final CommentVerdict UNTRIAGED = new CommentVerdict("NEUTRAL", "none", false, "und", List.of(), null, null);

    public CommentVerdict {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(severity, "severity");
        lang = lang == null ? "und" : lang;
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }
}
