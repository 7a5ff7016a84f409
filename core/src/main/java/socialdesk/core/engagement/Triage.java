package socialdesk.core.engagement;

import socialdesk.core.triage.CommentTriage;
import socialdesk.core.triage.SuggestedResponse;
import socialdesk.core.triage.TriageResult;

/** Adapts the desk's comment triage to the verdict the engagement store and the bus carry. */
public final class Triage {
    private Triage() {
    }

    /** The production triager: {@link CommentTriage#standard()}, thread-safe, no I/O. */
    public static CommentTriager standard() {
        return of(CommentTriage.standard());
    }

    public static CommentTriager of(CommentTriage triage) {
        return (text, langHint) -> verdict(triage.triage(text, langHint));
    }

    static CommentVerdict verdict(TriageResult r) {
        SuggestedResponse s = r.suggestion();
        return new CommentVerdict(r.category().name(), r.severity().wire(), r.flagged(), r.lang(), r.reasons(),
                s == null ? null : s.action().name(), s == null ? null : s.reply());
    }
}
