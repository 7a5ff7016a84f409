package socialdesk.triage.training;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import socialdesk.core.triage.CommentTriage;
import socialdesk.core.triage.TriageModel;
import socialdesk.core.triage.TriageResult;

/**
 * Cross-validation grouped by business: the labelled comments' businesses are dealt into folds; for
 * each fold the model is retrained on the other folds' comments and the public corpora, and the
 * triage (rules and that model) is scored on the fold's comments, so no business is ever both
 * trained and tested on. The rules and the model are also scored alone, to show what each half does.
 */
public final class GroupedCrossValidation {
    public static final int FOLDS = 5;

    /** The scores over every fold's test comments. */
    public record Result(Evaluation combined, Evaluation rulesAlone, Evaluation modelAlone, Map<String, Evaluation> bySource,
                         int folds, int businesses) {
        public void print(PrintStream out) {
            out.printf(Locale.ROOT, "grouped cross-validation: %d folds over %d businesses (model retrained per fold)%n", folds, businesses);
            combined.printSummary("rules + model", out);
            rulesAlone.printSummary("rules alone", out);
            modelAlone.printSummary("model alone", out);
            out.println();
            out.println("rules + model, by file (the rules were written against comments-dev and comments-tuning):");
            for (Map.Entry<String, Evaluation> e : bySource.entrySet()) {
                e.getValue().printSummary(e.getKey(), out);
            }
            out.println();
            out.println("rules + model, per category:");
            combined.print(out);
        }
    }

    private GroupedCrossValidation() {
    }

    /** The raise thresholds a nested run chooses from, per language. */
    static final double[] RAISE_CHOICES = {0.5, 0.6, 0.7, 0.8};
    /** Inner folds of a nested run. */
    static final int INNER_FOLDS = 3;

    public static Result run(List<LabelledComment> comments, List<LabelledComment> corpora, int folds) {
        return run(comments, corpora, folds, false, null);
    }

    /**
     * @param nested when true, each outer fold chooses its raise threshold by an inner grouped
     *               cross-validation over its own training businesses (never looking at its test
     *               fold), instead of using {@link CommentTriage#RAISE_AT_EN} and {@link CommentTriage#RAISE_AT_VI}
     * @param log    where to note each fold's choice, or null
     */
    public static Result run(List<LabelledComment> comments, List<LabelledComment> corpora, int folds, boolean nested,
                             PrintStream log) {
        Map<String, Integer> foldOf = assignFolds(comments, folds);
        Evaluation combined = new Evaluation();
        Evaluation rules = new Evaluation();
        Evaluation model = new Evaluation();
        Map<String, Evaluation> bySource = new TreeMap<>();
        for (int f = 0; f < folds; f++) {
            List<LabelledComment> train = new ArrayList<>();
            List<LabelledComment> test = new ArrayList<>();
            for (LabelledComment c : comments) {
                (foldOf.get(c.business()) == f ? test : train).add(c);
            }
            TriageModel trained = Trainer.train(train, corpora);
            double[] raiseAt = nested ? chooseRaiseThresholds(train, corpora)
                    : new double[] {CommentTriage.RAISE_AT_EN, CommentTriage.RAISE_AT_VI};
            if (log != null) {
                log.printf(Locale.ROOT, "fold %d: %d test comments, raise threshold en %.1f, vi %.1f%n", f, test.size(),
                        raiseAt[0], raiseAt[1]);
            }
            CommentTriage triage = new CommentTriage(trained, raiseAt[0], raiseAt[1]);
            for (LabelledComment c : test) {
                TriageResult r = triage.triage(c.text(), c.lang());
                combined.add(c, r.category(), r.severity().wire());
                bySource.computeIfAbsent(c.source(), k -> new Evaluation()).add(c, r.category(), r.severity().wire());
                TriageResult byRules = CommentTriage.byRules(c.text(), c.lang());
                rules.add(c, byRules.category(), byRules.severity().wire());
                model.add(c, trained.predict(c.text()).category(), null);
            }
        }
        return new Result(combined, rules, model, bySource, folds, foldOf.size());
    }

    /**
     * The raise thresholds, English and Vietnamese, each with the best flagged F1 in its language
     * over an inner grouped cross-validation of the given (training) comments; ties go to the
     * higher, more cautious threshold.
     */
    public static double[] chooseRaiseThresholds(List<LabelledComment> comments, List<LabelledComment> corpora) {
        Map<String, Integer> foldOf = assignFolds(comments, INNER_FOLDS);
        String[] langs = {"en", "vi"};
        int[][][] counts = new int[langs.length][RAISE_CHOICES.length][3]; // flagged true pos., false pos., false neg.
        for (int f = 0; f < INNER_FOLDS; f++) {
            List<LabelledComment> train = new ArrayList<>();
            List<LabelledComment> test = new ArrayList<>();
            for (LabelledComment c : comments) {
                (foldOf.get(c.business()) == f ? test : train).add(c);
            }
            TriageModel model = Trainer.train(train, corpora);
            for (int k = 0; k < RAISE_CHOICES.length; k++) {
                CommentTriage triage = new CommentTriage(model, RAISE_CHOICES[k], RAISE_CHOICES[k]);
                for (LabelledComment c : test) {
                    int[] n = counts["vi".equals(c.lang()) ? 1 : 0][k];
                    boolean flagged = triage.triage(c.text(), c.lang()).flagged();
                    boolean expected = c.category().flagged();
                    if (flagged && expected) {
                        n[0]++;
                    } else if (flagged) {
                        n[1]++;
                    } else if (expected) {
                        n[2]++;
                    }
                }
            }
        }
        double[] chosen = new double[langs.length];
        for (int l = 0; l < langs.length; l++) {
            double bestF1 = -1;
            for (int k = 0; k < RAISE_CHOICES.length; k++) {
                int[] n = counts[l][k];
                double f1 = 2.0 * n[0] / (2.0 * n[0] + n[1] + n[2]);
                if (f1 >= bestF1) {
                    bestF1 = f1;
                    chosen[l] = RAISE_CHOICES[k];
                }
            }
        }
        return chosen;
    }

    /**
     * Businesses dealt into folds, largest first, each to the fold with the fewest comments so far
     * (ties to the lower fold): balanced and deterministic.
     */
    static Map<String, Integer> assignFolds(List<LabelledComment> comments, int folds) {
        Map<String, Integer> size = new TreeMap<>();
        for (LabelledComment c : comments) {
            size.merge(c.business(), 1, Integer::sum);
        }
        List<Map.Entry<String, Integer>> order = new ArrayList<>(size.entrySet());
        order.sort(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()));
        int[] load = new int[folds];
        Map<String, Integer> foldOf = new HashMap<>();
        for (Map.Entry<String, Integer> e : order) {
            int best = 0;
            for (int f = 1; f < folds; f++) {
                if (load[f] < load[best]) {
                    best = f;
                }
            }
            foldOf.put(e.getKey(), best);
            load[best] += e.getValue();
        }
        return foldOf;
    }
}
