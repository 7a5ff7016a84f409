package socialdesk.core.triage;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Regression floors of the rules alone on two labelled sets (en/vi) in {@code data/}, each written
 * by someone who saw only the category definitions, never this code. (The model trains on both, so
 * the combined triage is measured by grouped cross-validation in tools/triage-training.)
 *
 * <p>{@code comments-tuning.jsonl} (160 comments) has been used for tuning the rules, so its floors
 * sit just under what they reach. The rules were never tuned on {@code comments-holdout.jsonl} (200
 * comments): do not add cues for its lines, or it stops telling how the rules do on comments they
 * have not seen. Its floors sit a little under the figures first measured.
 */
class LabelledSetsTriageTest {

    @Test
    void tuningSetReachesItsFloors() throws IOException {
        TriageScores s = score("comments-tuning.jsonl", 150);

        assertTrue(s.macroF1() >= 0.95, "macro-F1 " + s.macroF1());
        assertTrue(s.flaggedRecall() >= 0.95, "flagged recall " + s.flaggedRecall());
        assertTrue(s.flaggedPrecision() >= 0.95, "flagged precision " + s.flaggedPrecision());
        assertTrue(s.concernRecall() >= 0.92, "CONCERN recall " + s.concernRecall());
        assertTrue(s.abuseRecall() >= 0.92, "ABUSE recall " + s.abuseRecall());
    }

    @Test
    void heldOutSetReachesItsFloors() throws IOException {
        TriageScores s = score("comments-holdout.jsonl", 200);

        assertTrue(s.macroF1() >= 0.78, "macro-F1 " + s.macroF1());
        assertTrue(s.flaggedRecall() >= 0.75, "flagged recall " + s.flaggedRecall());
        assertTrue(s.flaggedPrecision() >= 0.85, "flagged precision " + s.flaggedPrecision());
    }

    private static TriageScores score(String file, int minimumLines) throws IOException {
        List<Map<String, Object>> rows = RepositoryData.rows(file);
        assertTrue(rows.size() >= minimumLines, file + " has " + rows.size() + " lines");
        return TriageScores.of(CommentTriage::byRules, rows);
    }
}
