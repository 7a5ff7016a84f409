package socialdesk.webhook;

import java.util.List;
import java.util.Locale;
import socialdesk.core.engagement.CommentTriager;
import socialdesk.core.engagement.CommentVerdict;

/**
 * A stand-in for comment triage in handler tests: money words make a high-severity concern,
 * "idiot" makes abuse, everything else is neutral. The handler tests are about storage and
 * routing; triage quality is tested where triage lives.
 */
final class KeywordTriager implements CommentTriager {
    @Override
    public CommentVerdict triage(String text, String langHint) {
        String t = text.toLowerCase(Locale.ROOT);
        if (t.contains("charged twice") || t.contains("trừ tiền")) {
            return new CommentVerdict("CONCERN", "high", true, "en", List.of("money lost"), "ESCALATE",
                    "We're sorry about the double charge. Please send us a private message with your order number so we can put it right.");
        }
        if (t.contains("idiot")) {
            return new CommentVerdict("ABUSE", "medium", true, "en", List.of("insult"), "HIDE_OR_REPORT", null);
        }
        return new CommentVerdict("NEUTRAL", "none", false, "en", List.of(), null, null);
    }
}
