package socialdesk.core.triage;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import socialdesk.core.json.Json;
import socialdesk.core.json.JsonRead;

/** Regression floors on the shared labelled data (set below what the triage reaches, to catch regressions). */
class DevSetTriageTest {
    private static final double MIN_MACRO_F1 = 0.90;
    private static final double MIN_FLAGGED_RECALL = 0.93;
    private static final double MIN_FLAGGED_PRECISION = 0.90;
    private static final double MIN_HATE_AS_ABUSE = 0.90;
    private static final double MIN_NEITHER_UNFLAGGED = 0.90;

    private final CommentTriage triage = CommentTriage.standard();

    private static List<Map<String, Object>> rows(String file) throws IOException {
        String root = System.getProperty("project.root");
        Path base = root != null ? Path.of(root).resolve("../shared/data") : Path.of("../../../shared/data");
        return Files.readAllLines(base.resolve(file), StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank()).map(Json::parseObject).toList();
    }

    @Test
    void labelledCommentsReachTheMacroF1AndFlaggedRecallFloors() throws IOException {
        int n = Category.values().length;
        int[] tp = new int[n];
        int[] fp = new int[n];
        int[] fn = new int[n];
        int flaggedTp = 0;
        int flaggedFp = 0;
        int flaggedFn = 0;
        for (Map<String, Object> row : rows("comments-dev.jsonl")) {
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
        assertTrue(macroF1 >= MIN_MACRO_F1, "macro-F1 " + macroF1);
        assertTrue(flaggedRecall >= MIN_FLAGGED_RECALL, "flagged recall " + flaggedRecall);
        assertTrue(flaggedPrecision >= MIN_FLAGGED_PRECISION, "flagged precision " + flaggedPrecision);
    }

    @Test
    void hateSpeechIsAbuseAndHarmlessTweetsAreNotFlagged() throws IOException {
        int hate = 0;
        int hateAsAbuse = 0;
        int neither = 0;
        int neitherUnflagged = 0;
        for (Map<String, Object> row : rows("davidson-dev.jsonl")) {
            TriageResult r = triage.triage(JsonRead.string(row, "text"), JsonRead.string(row, "lang"));
            switch (JsonRead.string(row, "davidson_class")) {
                case "hate_speech" -> {
                    hate++;
                    hateAsAbuse += r.category() == Category.ABUSE ? 1 : 0;
                }
                case "neither" -> {
                    neither++;
                    neitherUnflagged += r.flagged() ? 0 : 1;
                }
                default -> {
                }
            }
        }
        assertTrue(hate > 0 && neither > 0, "no davidson lines");
        assertTrue((double) hateAsAbuse / hate >= MIN_HATE_AS_ABUSE, "hate as abuse " + hateAsAbuse + "/" + hate);
        assertTrue((double) neitherUnflagged / neither >= MIN_NEITHER_UNFLAGGED, "neither unflagged " + neitherUnflagged + "/" + neither);
    }
}
