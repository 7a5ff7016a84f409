package socialdesk.cli;

import java.io.PrintStream;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import socialdesk.core.json.JsonRead;
import socialdesk.core.triage.Category;
import socialdesk.core.triage.CommentTriage;
import socialdesk.core.triage.TriageResult;

/**
 * Scores the triage against a labelled JSON Lines file: per category precision, recall and F1,
 * macro-F1 and flagged precision and recall for en, vi and all; and for Davidson-style lines
 * ({@code davidson_class}) the share of hate speech flagged ABUSE and of "neither" left unflagged.
 */
final class TriageReport {
    private static final String[] LANGS = {"en", "vi", "all"};

    private final CommentTriage triage;

    TriageReport(CommentTriage triage) {
        this.triage = triage;
    }

    /** Counts for one language slice. */
    static final class Scores {
        final Map<Category, int[]> counts = new EnumMap<>(Category.class); // tp, fp, fn
        int n;
        int flaggedTp;
        int flaggedFp;
        int flaggedFn;
        int severityRight;
        int severityTotal;
        int langRight;

        Scores() {
            for (Category c : Category.values()) {
                counts.put(c, new int[3]);
            }
        }

        void add(Category expected, Category actual) {
            n++;
            if (expected == actual) {
                counts.get(expected)[0]++;
            } else {
                counts.get(actual)[1]++;
                counts.get(expected)[2]++;
            }
            boolean e = expected.flagged();
            boolean a = actual.flagged();
            if (e && a) {
                flaggedTp++;
            } else if (a) {
                flaggedFp++;
            } else if (e) {
                flaggedFn++;
            }
        }

        double precision(Category c) {
            int[] k = counts.get(c);
            return ratio(k[0], k[0] + k[1]);
        }

        double recall(Category c) {
            int[] k = counts.get(c);
            return ratio(k[0], k[0] + k[2]);
        }

        double f1(Category c) {
            double p = precision(c);
            double r = recall(c);
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        /** Mean F1 over the categories that occur in the labels or the predictions. */
        double macroF1() {
            double sum = 0;
            int used = 0;
            for (Category c : Category.values()) {
                int[] k = counts.get(c);
                if (k[0] + k[1] + k[2] > 0) {
                    sum += f1(c);
                    used++;
                }
            }
            return used == 0 ? 0 : sum / used;
        }

        double flaggedPrecision() {
            return ratio(flaggedTp, flaggedTp + flaggedFp);
        }

        double flaggedRecall() {
            return ratio(flaggedTp, flaggedTp + flaggedFn);
        }
    }

    /** The scores per language ("en", "vi", "all") of the labelled lines, for tests and the report. */
    Map<String, Scores> score(List<Map<String, Object>> rows, PrintStream errors) {
        Map<String, Scores> byLang = new java.util.LinkedHashMap<>();
        for (String l : LANGS) {
            byLang.put(l, new Scores());
        }
        for (Map<String, Object> row : rows) {
            String label = JsonRead.string(row, "category");
            String text = JsonRead.string(row, "text");
            if (label == null || text == null) {
                continue;
            }
            Category expected;
            try {
                expected = Category.valueOf(label.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                continue;
            }
            String lang = JsonRead.string(row, "lang");
            TriageResult result = triage.triage(text, lang);
            String detected = triage.triage(text, null).lang();
            String severity = JsonRead.string(row, "severity");
            for (String key : new String[] {"all", lang}) {
                Scores s = byLang.get(key);
                if (s == null) {
                    continue;
                }
                s.add(expected, result.category());
                if (detected.equals(lang)) {
                    s.langRight++;
                }
                if (expected == result.category() && expected.flagged() && severity != null) {
                    s.severityTotal++;
                    if (severity.equalsIgnoreCase(result.severity().wire())) {
                        s.severityRight++;
                    }
                }
            }
            if (errors != null && (expected != result.category()
                    || severity != null && !severity.equalsIgnoreCase(result.severity().wire()))) {
                errors.printf("%-8s %s/%s -> %s/%s %s | %s%n", JsonRead.id(row, "id"), expected, severity,
                        result.category(), result.severity().wire(), result.reasons(), text);
            }
        }
        return byLang;
    }

    /** Davidson shares: [hate flagged ABUSE, hate total, neither unflagged, neither total, offensive flagged, offensive total]. */
    int[] davidson(List<Map<String, Object>> rows, PrintStream errors) {
        int[] k = new int[6];
        for (Map<String, Object> row : rows) {
            String cls = JsonRead.string(row, "davidson_class");
            String text = JsonRead.string(row, "text");
            if (cls == null || text == null) {
                continue;
            }
            TriageResult r = triage.triage(text, JsonRead.string(row, "lang"));
            switch (cls) {
                case "hate_speech" -> {
                    k[1]++;
                    if (r.category() == Category.ABUSE) {
                        k[0]++;
                    } else if (errors != null) {
                        errors.println("hate missed: " + r.category() + " " + r.reasons() + " | " + text);
                    }
                }
                case "neither" -> {
                    k[3]++;
                    if (!r.flagged()) {
                        k[2]++;
                    } else if (errors != null) {
                        errors.println("neither flagged: " + r.category() + " " + r.reasons() + " | " + text);
                    }
                }
                case "offensive_language" -> {
                    k[5]++;
                    if (r.flagged()) {
                        k[4]++;
                    }
                }
                default -> {
                }
            }
        }
        return k;
    }

    void run(String name, List<String> lines, PrintStream out, PrintStream errors) {
        int[] skipped = new int[1];
        List<Map<String, Object>> rows = TriageCommand.readObjects(lines, skipped);
        Map<String, Scores> byLang = score(rows, errors);
        int[] dav = davidson(rows, errors);
        out.println("triage report: " + name);
        if (skipped[0] > 0) {
            out.println("skipped " + skipped[0] + " line(s) that are not JSON objects");
        }
        if (byLang.get("all").n > 0) {
            for (String lang : LANGS) {
                Scores s = byLang.get(lang);
                if (s.n == 0) {
                    continue;
                }
                out.printf(Locale.ROOT, "%n[%s] %d comments%n", lang, s.n);
                out.printf(Locale.ROOT, "  %-9s %6s %6s %6s %8s%n", "category", "P", "R", "F1", "support");
                for (Category c : Category.values()) {
                    int[] k = s.counts.get(c);
                    out.printf(Locale.ROOT, "  %-9s %6.3f %6.3f %6.3f %8d%n", c, s.precision(c), s.recall(c), s.f1(c), k[0] + k[2]);
                }
                out.printf(Locale.ROOT, "  macro-F1 %.3f   flagged P %.3f R %.3f   severity agreement %.3f (%d/%d)   language detection %.3f%n",
                        s.macroF1(), s.flaggedPrecision(), s.flaggedRecall(), ratio(s.severityRight, s.severityTotal),
                        s.severityRight, s.severityTotal, ratio(s.langRight, s.n));
            }
        }
        if (dav[1] + dav[3] + dav[5] > 0) {
            out.printf(Locale.ROOT, "%ndavidson: hate_speech flagged ABUSE %.3f (%d/%d)   neither not flagged %.3f (%d/%d)   offensive_language flagged %.3f (%d/%d, informative)%n",
                    ratio(dav[0], dav[1]), dav[0], dav[1], ratio(dav[2], dav[3]), dav[2], dav[3],
                    ratio(dav[4], dav[5]), dav[4], dav[5]);
        }
        if (byLang.get("all").n == 0 && dav[1] + dav[3] + dav[5] == 0) {
            out.println("no labelled lines (need \"category\" or \"davidson_class\" with \"text\")");
        }
    }

    static double ratio(int a, int b) {
        return b == 0 ? 0 : (double) a / b;
    }
}
