package socialdesk.core.triage;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The triage of one comment.
 *
 * @param category   what the comment is
 * @param severity   how urgent; {@link Severity#NONE} unless flagged
 * @param lang       {@code en} or {@code vi}
 * @param reasons    why: the rule cues that fired and the model's view, short and human-readable
 * @param suggestion advice for a flagged comment, null otherwise
 * @param confidence how sure the triage is of {@code category}, from 0 to 1 (see {@link CommentTriage} for how it is set)
 */
public record TriageResult(Category category, Severity severity, String lang, List<String> reasons,
                           SuggestedResponse suggestion, double confidence) {
    public TriageResult {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(lang, "lang");
        reasons = List.copyOf(reasons);
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be within [0, 1]: " + confidence);
        }
    }

    /** A decision made without a measured confidence (the rules alone): confidence 1. */
    public TriageResult(Category category, Severity severity, String lang, List<String> reasons, SuggestedResponse suggestion) {
        this(category, severity, lang, reasons, suggestion, 1);
    }

    /** True for CONCERN and ABUSE: a human should look at it. */
    public boolean flagged() {
        return category.flagged();
    }

    /** The same decision with its confidence set and one more reason after the others. */
    TriageResult decided(double confidence, String reason) {
        List<String> more = new ArrayList<>(reasons);
        more.add(reason);
        return new TriageResult(category, severity, lang, more, suggestion, confidence);
    }
}
