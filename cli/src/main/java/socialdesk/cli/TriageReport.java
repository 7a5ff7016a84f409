package socialdesk.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import socialdesk.core.triage.CommentTriage;
import socialdesk.core.triage.TriageResult;
import socialdesk.triage.training.DavidsonShares;
import socialdesk.triage.training.Evaluation;
import socialdesk.triage.training.LabelledComment;
import socialdesk.triage.training.TrainingData;

/**
 * {@code social triage --evaluate FILE}: scores the triage against a labelled JSON Lines file: per
 * category precision, recall and F1, macro-F1 and flagged precision and recall for en, vi and all;
 * and for Davidson-style lines ({@code davidson_class}) the share of hate speech called ABUSE and of
 * "neither" left unflagged.
 */
final class TriageReport {
    private final CommentTriage triage;

    TriageReport(CommentTriage triage) {
        this.triage = triage;
    }

    /** The scores of the labelled comments of a file. */
    Evaluation score(List<LabelledComment> comments, PrintStream errors) {
        Evaluation evaluation = new Evaluation();
        for (LabelledComment c : comments) {
            TriageResult r = triage.triage(c.text(), c.lang());
            evaluation.add(c, r.category(), r.severity().wire());
            if (errors != null && (r.category() != c.category() || c.severity() != null && !c.severity().equals(r.severity().wire()))) {
                errors.printf("%-10s %s/%s -> %s/%s %s | %s%n", c.id(), c.category(), c.severity(), r.category(),
                        r.severity().wire(), r.reasons(), c.text());
            }
        }
        return evaluation;
    }

    void run(Path file, PrintStream out, PrintStream errors) throws IOException {
        List<LabelledComment> comments = TrainingData.commentFile(file);
        List<TrainingData.Tweet> tweets = TrainingData.tweetFile(file);
        out.println("triage evaluation: " + file.getFileName());
        if (!comments.isEmpty()) {
            score(comments, errors).print(out);
        }
        if (!tweets.isEmpty()) {
            out.println();
            DavidsonShares.of(triage, tweets).print(out);
        }
        if (comments.isEmpty() && tweets.isEmpty()) {
            out.println("no labelled lines (need \"category\" or \"davidson_class\" with \"text\")");
        }
    }
}
