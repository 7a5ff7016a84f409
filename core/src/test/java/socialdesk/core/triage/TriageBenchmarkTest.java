package socialdesk.core.triage;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import socialdesk.core.json.JsonRead;

/**
 * Prints what the triage costs: reading the shipped model, and microseconds per comment (rules
 * alone, model alone, both) over data/comments-dev2.jsonl, warm. Run with
 * {@code mvn -pl core verify -Dgroups=benchmark -DexcludedGroups=none -Dtest=TriageBenchmarkTest}.
 */
@Tag("benchmark")
class TriageBenchmarkTest {
    private static final int WARMUP_PASSES = 20;
    private static final int PASSES = 30;

    @Test
    void printsModelLoadTimeAndMicrosecondsPerComment() throws IOException {
        byte[] bytes;
        try (InputStream in = TriageModel.class.getResourceAsStream(TriageModel.RESOURCE)) {
            bytes = in.readAllBytes();
        }
        long t0 = System.nanoTime();
        TriageModel model = TriageModel.read(new ByteArrayInputStream(bytes));
        double loadMs = (System.nanoTime() - t0) / 1e6;
        CommentTriage triage = new CommentTriage(model);
        List<String[]> comments = RepositoryData.rows("comments-dev2.jsonl").stream()
                .map((Map<String, Object> r) -> new String[] {JsonRead.string(r, "text"), JsonRead.string(r, "lang")}).toList();

        System.out.printf(Locale.ROOT, "triage model: %d bytes, read in %.1f ms (first read in this JVM)%n", bytes.length, loadMs);
        double rules = perComment(comments, c -> CommentTriage.byRules(c[0], c[1]).category().ordinal());
        double learned = perComment(comments, c -> model.predict(c[0]).category().ordinal());
        double both = perComment(comments, c -> triage.triage(c[0], c[1]).category().ordinal());
        System.out.printf(Locale.ROOT, "triage per comment (median of %d passes over %d comments, us): rules %.1f, model %.1f, rules + model %.1f%n",
                PASSES, comments.size(), rules, learned, both);
        assertTrue(both > 0);
    }

    private static double perComment(List<String[]> comments, Function<String[], Integer> work) {
        long sink = 0;
        for (int p = 0; p < WARMUP_PASSES; p++) {
            for (String[] c : comments) {
                sink += work.apply(c);
            }
        }
        double[] pass = new double[PASSES];
        for (int p = 0; p < PASSES; p++) {
            long start = System.nanoTime();
            for (String[] c : comments) {
                sink += work.apply(c);
            }
            pass[p] = (System.nanoTime() - start) / 1000.0 / comments.size();
        }
        Arrays.sort(pass);
        return sink < 0 ? -1 : pass[PASSES / 2];
    }
}
