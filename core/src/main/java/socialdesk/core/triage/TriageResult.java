package socialdesk.core.triage;

import java.util.List;
import java.util.Objects;

/**
 * The triage of one comment.
 *
 * @param category   what the comment is
 * @param severity   how urgent; {@link Severity#NONE} unless flagged
 * @param lang       {@code en} or {@code vi}
 * @param reasons    the cues that decided it, short and human-readable
 * @param suggestion advice for a flagged comment, null otherwise
 */
public record TriageResult(Category category, Severity severity, String lang, List<String> reasons,
                           SuggestedResponse suggestion) {
    public TriageResult {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(lang, "lang");
        reasons = List.copyOf(reasons);
    }

    /** True for CONCERN and ABUSE: a human should look at it. */
    public boolean flagged() {
        return category.flagged();
    }
}
