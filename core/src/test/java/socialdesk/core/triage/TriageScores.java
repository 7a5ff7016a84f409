package socialdesk.core.triage;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import socialdesk.core.json.JsonRead;

/** Category and flagged scores of a triage over labelled rows ({@code text}, {@code lang}, {@code category}). */
record TriageScores(double macroF1, double flaggedPrecision, double flaggedRecall, double concernRecall, double abuseRecall) {

    static TriageScores of(BiFunction<String, String, TriageResult> triage, List<Map<String, Object>> rows) {
        int n = Category.values().length;
        int[] tp = new int[n];
        int[] fp = new int[n];
        int[] fn = new int[n];
        int flaggedTp = 0;
        int flaggedFp = 0;
        int flaggedFn = 0;
        for (Map<String, Object> row : rows) {
            Category expected = Category.valueOf(JsonRead.string(row, "category"));
            Category actual = triage.apply(JsonRead.string(row, "text"), JsonRead.string(row, "lang")).category();
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
        return new TriageScores(sum / n, (double) flaggedTp / (flaggedTp + flaggedFp),
                (double) flaggedTp / (flaggedTp + flaggedFn), recall(tp, fn, Category.CONCERN), recall(tp, fn, Category.ABUSE));
    }

    private static double recall(int[] tp, int[] fn, Category c) {
        int i = c.ordinal();
        return tp[i] + fn[i] == 0 ? 1 : (double) tp[i] / (tp[i] + fn[i]);
    }
}
