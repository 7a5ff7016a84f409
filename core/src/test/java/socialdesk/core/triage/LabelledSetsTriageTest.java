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

    @Test
    void tuningSetReachesItsFloors() throws IOException {
        TriageScores s = score("tuning-set.jsonl", 150);

        assertTrue(s.macroF1() >= 0.95, "macro-F1 " + s.macroF1());
        assertTrue(s.flaggedRecall() >= 0.95, "flagged recall " + s.flaggedRecall());
        assertTrue(s.flaggedPrecision() >= 0.95, "flagged precision " + s.flaggedPrecision());
        assertTrue(s.concernRecall() >= 0.92, "CONCERN recall " + s.concernRecall());
        assertTrue(s.abuseRecall() >= 0.92, "ABUSE recall " + s.abuseRecall());
    }

    @Test
    void heldOutSetReachesItsFloors() throws IOException {
        TriageScores s = score("holdout.jsonl", 200);

        assertTrue(s.macroF1() >= 0.78, "macro-F1 " + s.macroF1());
        assertTrue(s.flaggedRecall() >= 0.75, "flagged recall " + s.flaggedRecall());
        assertTrue(s.flaggedPrecision() >= 0.85, "flagged precision " + s.flaggedPrecision());
    }

    private TriageScores score(String resource, int minimumLines) throws IOException {
        List<Map<String, Object>> rows = rows(resource);
        assertTrue(rows.size() >= minimumLines, resource + " has " + rows.size() + " lines");
        return TriageScores.of(triage, rows);
    }

    private static List<Map<String, Object>> rows(String resource) throws IOException {
        InputStream in = LabelledSetsTriageTest.class.getResourceAsStream(resource);
        assertNotNull(in, "missing " + resource);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().filter(l -> !l.isBlank()).map(Json::parseObject).toList();
        }
    }
}
