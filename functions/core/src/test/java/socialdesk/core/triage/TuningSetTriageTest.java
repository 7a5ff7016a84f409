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

/** Regression floors on the second labelled set (160 comments, en/vi), set a little below what the triage reaches. */
class TuningSetTriageTest {
    // tuning-set.jsonl was written independently of this code, by someone else, but it has since been used for tuning.
    private static final String RESOURCE = "tuning-set.jsonl";
    private static final double MIN_MACRO_F1 = 0.95;
    private static final double MIN_FLAGGED_RECALL = 0.95;
    private static final double MIN_FLAGGED_PRECISION = 0.95;
    private static final double MIN_CONCERN_RECALL = 0.92;
    private static final double MIN_ABUSE_RECALL = 0.92;

    private final CommentTriage triage = CommentTriage.standard();

    private static List<Map<String, Object>> rows() throws IOException {
        InputStream in = TuningSetTriageTest.class.getResourceAsStream(RESOURCE);
        assertNotNull(in, "missing " + RESOURCE);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().filter(l -> !l.isBlank()).map(Json::parseObject).toList();
        }
    }

    @Test
    void tuningSetReachesItsFloors() throws IOException {
        int n = Category.values().length;
        int[] tp = new int[n];
        int[] fp = new int[n];
        int[] fn = new int[n];
        int flaggedTp = 0;
        int flaggedFp = 0;
        int flaggedFn = 0;
        List<Map<String, Object>> rows = rows();
        assertTrue(rows.size() >= 150, "tuning set has " + rows.size() + " lines");
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
        double macroF1 = sum / n;
        double flaggedRecall = (double) flaggedTp / (flaggedTp + flaggedFn);
        double flaggedPrecision = (double) flaggedTp / (flaggedTp + flaggedFp);
        double concernRecall = recall(tp, fn, Category.CONCERN);
        double abuseRecall = recall(tp, fn, Category.ABUSE);
        assertTrue(macroF1 >= MIN_MACRO_F1, "macro-F1 " + macroF1);
        assertTrue(flaggedRecall >= MIN_FLAGGED_RECALL, "flagged recall " + flaggedRecall);
        assertTrue(flaggedPrecision >= MIN_FLAGGED_PRECISION, "flagged precision " + flaggedPrecision);
        assertTrue(concernRecall >= MIN_CONCERN_RECALL, "CONCERN recall " + concernRecall);
        assertTrue(abuseRecall >= MIN_ABUSE_RECALL, "ABUSE recall " + abuseRecall);
    }

    private static double recall(int[] tp, int[] fn, Category c) {
        int i = c.ordinal();
        return tp[i] + fn[i] == 0 ? 1 : (double) tp[i] / (tp[i] + fn[i]);
    }
}
