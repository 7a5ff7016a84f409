package socialdesk.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import socialdesk.core.json.JsonRead;
import socialdesk.core.triage.CommentTriage;

/** Microseconds per comment, measured warm: a warm-up, then timed passes over every comment. */
final class TriageBench {
    private static final int WARMUP_PASSES = 20;

    private final CommentTriage triage;

    TriageBench(CommentTriage triage) {
        this.triage = triage;
    }

    int run(String name, List<String> lines, int passes, PrintStream out, PrintStream err) {
        int[] skipped = new int[1];
        List<String[]> comments = new ArrayList<>();
        for (Map<String, Object> row : TriageCommand.readObjects(lines, skipped)) {
            String text = JsonRead.string(row, "text");
            if (text != null) {
                comments.add(new String[] {text, JsonRead.string(row, "lang")});
            }
        }
        if (comments.isEmpty()) {
            err.println("social triage: no comments with \"text\" in " + name);
            return 1;
        }
        long sink = 0;
        for (int p = 0; p < WARMUP_PASSES; p++) {
            for (String[] c : comments) {
                sink += triage.triage(c[0], c[1]).reasons().size();
            }
        }
        double[] perComment = new double[passes * comments.size()];
        double[] perPass = new double[passes];
        int k = 0;
        for (int p = 0; p < passes; p++) {
            long passStart = System.nanoTime();
            for (String[] c : comments) {
                long t0 = System.nanoTime();
                sink += triage.triage(c[0], c[1]).reasons().size();
                perComment[k++] = (System.nanoTime() - t0) / 1000.0;
            }
            perPass[p] = (System.nanoTime() - passStart) / 1000.0 / comments.size();
        }
        Arrays.sort(perComment);
        Arrays.sort(perPass);
        out.printf(Locale.ROOT, "triage bench: %s, %d comments, %d warm-up + %d timed passes%n",
                name, comments.size(), WARMUP_PASSES, passes);
        out.printf(Locale.ROOT, "  per comment (us): min %.1f  median %.1f  p99 %.1f  max %.1f%n",
                perComment[0], percentile(perComment, 50), percentile(perComment, 99), perComment[perComment.length - 1]);
        out.printf(Locale.ROOT, "  pass mean per comment (us): min %.1f  median %.1f  p99 %.1f%n",
                perPass[0], percentile(perPass, 50), percentile(perPass, 99));
        if (sink == 42) {
            out.println();
        }
        return 0;
    }

    private static double percentile(double[] sorted, double p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
