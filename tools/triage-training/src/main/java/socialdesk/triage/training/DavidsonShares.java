package socialdesk.triage.training;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import socialdesk.core.triage.Category;
import socialdesk.core.triage.CommentTriage;
import socialdesk.core.triage.TriageResult;

/**
 * The triage on Davidson tweets: the share of hate speech it calls ABUSE, of "neither" it leaves
 * unflagged, and (informative only) of offensive language it flags.
 */
public record DavidsonShares(int hate, int hateAbuse, int neither, int neitherClear, int offensive, int offensiveFlagged) {

    public static DavidsonShares of(CommentTriage triage, List<TrainingData.Tweet> tweets) {
        int[] k = new int[6];
        for (TrainingData.Tweet t : tweets) {
            TriageResult r = triage.triage(t.text(), "en");
            switch (t.davidsonClass()) {
                case "hate_speech" -> {
                    k[0]++;
                    k[1] += r.category() == Category.ABUSE ? 1 : 0;
                }
                case "neither" -> {
                    k[2]++;
                    k[3] += r.flagged() ? 0 : 1;
                }
                case "offensive_language" -> {
                    k[4]++;
                    k[5] += r.flagged() ? 1 : 0;
                }
                default -> {
                }
            }
        }
        return new DavidsonShares(k[0], k[1], k[2], k[3], k[4], k[5]);
    }

    public double hateAsAbuse() {
        return Evaluation.ratio(hateAbuse, hate);
    }

    public double neitherUnflagged() {
        return Evaluation.ratio(neitherClear, neither);
    }

    public void print(PrintStream out) {
        out.printf(Locale.ROOT, "davidson: hate_speech flagged ABUSE %.3f (%d/%d)   neither not flagged %.3f (%d/%d)"
                        + "   offensive_language flagged %.3f (%d/%d, informative)%n",
                hateAsAbuse(), hateAbuse, hate, neitherUnflagged(), neitherClear, neither,
                Evaluation.ratio(offensiveFlagged, offensive), offensiveFlagged, offensive);
    }
}
