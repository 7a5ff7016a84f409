package socialdesk.triage.training;

import java.io.PrintStream;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import socialdesk.core.triage.Category;

/**
 * Scores of triage decisions against labels, per language ({@code en}, {@code vi}) and over all:
 * per-category precision, recall and F1, macro-F1, flagged (CONCERN or ABUSE) precision and recall,
 * and agreement on severity where the category is right.
 */
public final class Evaluation {
    private static final List<String> SLICES = List.of("en", "vi", "all");
    private final Map<String, Slice> slices = new LinkedHashMap<>();

    public Evaluation() {
        for (String s : SLICES) {
            slices.put(s, new Slice());
        }
    }

    /** Counts one decision. */
    public void add(LabelledComment labelled, Category actual, String actualSeverity) {
        for (String key : new String[] {labelled.lang(), "all"}) {
            Slice s = key == null ? null : slices.get(key);
            if (s != null) {
                s.add(labelled.category(), actual, labelled.severity(), actualSeverity);
            }
        }
    }

    /** The scores of one language ({@code en}, {@code vi}) or of {@code all}. */
    public Slice slice(String lang) {
        return slices.get(lang);
    }

    /** Counts for one language slice. */
    public static final class Slice {
        private final Map<Category, int[]> counts = new EnumMap<>(Category.class); // true pos., false pos., false neg.
        private int n;
        private int flaggedTp;
        private int flaggedFp;
        private int flaggedFn;
        private int severityRight;
        private int severityTotal;

        Slice() {
            for (Category c : Category.values()) {
                counts.put(c, new int[3]);
            }
        }

        void add(Category expected, Category actual, String expectedSeverity, String actualSeverity) {
            n++;
            if (expected == actual) {
                counts.get(expected)[0]++;
                if (expected.flagged() && expectedSeverity != null) {
                    severityTotal++;
                    severityRight += expectedSeverity.equalsIgnoreCase(actualSeverity) ? 1 : 0;
                }
            } else {
                counts.get(actual)[1]++;
                counts.get(expected)[2]++;
            }
            if (expected.flagged() && actual.flagged()) {
                flaggedTp++;
            } else if (actual.flagged()) {
                flaggedFp++;
            } else if (expected.flagged()) {
                flaggedFn++;
            }
        }

        public int size() {
            return n;
        }

        public double precision(Category c) {
            int[] k = counts.get(c);
            return ratio(k[0], k[0] + k[1]);
        }

        public double recall(Category c) {
            int[] k = counts.get(c);
            return ratio(k[0], k[0] + k[2]);
        }

        public double f1(Category c) {
            double p = precision(c);
            double r = recall(c);
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        /** Mean F1 over the categories that occur in the labels or the decisions. */
        public double macroF1() {
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

        public double flaggedPrecision() {
            return ratio(flaggedTp, flaggedTp + flaggedFp);
        }

        public double flaggedRecall() {
            return ratio(flaggedTp, flaggedTp + flaggedFn);
        }

        public double severityAgreement() {
            return ratio(severityRight, severityTotal);
        }

        private void print(String title, PrintStream out) {
            out.printf(Locale.ROOT, "%n[%s] %d comments%n", title, n);
            out.printf(Locale.ROOT, "  %-9s %6s %6s %6s %8s%n", "category", "P", "R", "F1", "support");
            for (Category c : Category.values()) {
                int[] k = counts.get(c);
                out.printf(Locale.ROOT, "  %-9s %6.3f %6.3f %6.3f %8d%n", c, precision(c), recall(c), f1(c), k[0] + k[2]);
            }
            out.printf(Locale.ROOT, "  macro-F1 %.3f   flagged P %.3f R %.3f   severity agreement %.3f (%d/%d)%n",
                    macroF1(), flaggedPrecision(), flaggedRecall(), severityAgreement(), severityRight, severityTotal);
        }
    }

    /** Prints every language slice that has comments. */
    public void print(PrintStream out) {
        for (Map.Entry<String, Slice> e : slices.entrySet()) {
            if (e.getValue().n > 0) {
                e.getValue().print(e.getKey(), out);
            }
        }
    }

    /** One line per language: macro-F1 and flagged precision and recall. */
    public void printSummary(String title, PrintStream out) {
        for (Map.Entry<String, Slice> e : slices.entrySet()) {
            Slice s = e.getValue();
            if (s.n > 0) {
                out.printf(Locale.ROOT, "  %-26s [%-3s] n=%-4d macro-F1 %.3f   flagged P %.3f R %.3f%n", title, e.getKey(), s.n,
                        s.macroF1(), s.flaggedPrecision(), s.flaggedRecall());
            }
        }
    }

    static double ratio(int a, int b) {
        return b == 0 ? 0 : (double) a / b;
    }
}
