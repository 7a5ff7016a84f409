package socialdesk.core.triage;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import socialdesk.core.json.Json;
import socialdesk.core.json.JsonRead;

/**
 * Regression floors on two labelled sets (en/vi) kept in the test resources, each written by
 * someone who saw only the category definitions, never this code.
 *
 * <p>{@code tuning-set.jsonl} (160 comments) has since been used for tuning, so its floors sit just
 * under what the triage reaches. {@code holdout.jsonl} (200 comments) is measured, never tuned on:
 * do not add cues for its lines, or it stops telling how the triage does on comments it has not
 * seen. Its floors sit a little under the figures first measured.
 */
class LabelledSetsTriageTest {
    private final CommentTriage triage = CommentTriage.standard();

    private record Scores(double macroF1, double flaggedPrecision, double flaggedRecall, double concernRecall,
                          double abuseRecall) {
    }

    @Test
    void tuningSetReachesItsFloors() throws IOException {
        Scores s = score("tuning-set.jsonl", 150);

        assertTrue(s.macroF1() >= 0.95, "macro-F1 " + s.macroF1());
        assertTrue(s.flaggedRecall() >= 0.95, "flagged recall " + s.flaggedRecall());
        assertTrue(s.flaggedPrecision() >= 0.95, "flagged precision " + s.flaggedPrecision());
        assertTrue(s.concernRecall() >= 0.92, "CONCERN recall " + s.concernRecall());
        assertTrue(s.abuseRecall() >= 0.92, "ABUSE recall " + s.abuseRecall());
    }

    @Test
    void heldOutSetReachesItsFloors() throws IOException {
        Scores s = score("holdout.jsonl", 200);

        assertTrue(s.macroF1() >= 0.78, "macro-F1 " + s.macroF1());
        assertTrue(s.flaggedRecall() >= 0.75, "flagged recall " + s.flaggedRecall());
        assertTrue(s.flaggedPrecision() >= 0.85, "flagged precision " + s.flaggedPrecision());
    }

    private Scores score(String resource, int minimumLines) throws IOException {
        int n = Category.values().length;
        int[] tp = new int[n];
        int[] fp = new int[n];
        int[] fn = new int[n];
        int flaggedTp = 0;
        int flaggedFp = 0;
        int flaggedFn = 0;
        List<Map<String, Object>> rows = rows(resource);
        assertTrue(rows.size() >= minimumLines, resource + " has " + rows.size() + " lines");
        for (Map<String, Object> row : rows) {
            Category expected = Category.valueOf(JsonRead.string(row, "category"));
            Category actual = triage.triage(JsonRead.string(row, "text"), JsonRead.string(row, "lang")).category();
            if (expected == actual) {
                tp[expected.ordinal()]++;
            } else {
                fp[actual.ordinal()]++;
                fn[expected.ordinal()]++;
            }
            if (expected.flagged() && actual.flagged()) {
                flaggedTp++;
            } else if (actual.flagged()) {
                flaggedFp++;
            } else if (expected.flagged()) {
                flaggedFn++;
            }
        }
        double sum = 0;
        for (int c = 0; c < n; c++) {
            double p = tp[c] + fp[c] == 0 ? 0 : (double) tp[c] / (tp[c] + fp[c]);
            double r = tp[c] + fn[c] == 0 ? 0 : (double) tp[c] / (tp[c] + fn[c]);
            sum += p + r == 0 ? 0 : 2 * p * r / (p + r);
        }
        return new Scores(sum / n, (double) flaggedTp / (flaggedTp + flaggedFp),
                (double) flaggedTp / (flaggedTp + flaggedFn), recall(tp, fn, Category.CONCERN), recall(tp, fn, Category.ABUSE));
    }

    private static List<Map<String, Object>> rows(String resource) throws IOException {
        InputStream in = LabelledSetsTriageTest.class.getResourceAsStream(resource);
        assertNotNull(in, "missing " + resource);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().filter(l -> !l.isBlank()).map(Json::parseObject).toList();
        }
    }

    private static double recall(int[] tp, int[] fn, Category c) {
        int i = c.ordinal();
        return tp[i] + fn[i] == 0 ? 1 : (double) tp[i] / (tp[i] + fn[i]);
    }
}
