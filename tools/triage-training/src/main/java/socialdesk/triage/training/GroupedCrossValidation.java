package socialdesk.triage.training;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
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
    static final double[] RAISE_CHOICES = {0.3, 0.4, 0.5, 0.6, 0.7, 0.8};
    /** The flag thresholds (no rule cue) a nested run chooses from, per language. */
    static final double[] FLAG_CHOICES = {0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5};
    /** The comment weights ({@link Trainer#train(List, List, int)}) a nested run chooses from. */
    static final int[] WEIGHT_CHOICES = {3, 5, 8};
    /** The targets of the thresholds' choice: flagged recall at this flagged precision or more (issue 13). */
    static final double TARGET_RECALL = 0.90;
    static final double TARGET_PRECISION = 0.85;
    /** Inner folds of a nested run. */
    static final int INNER_FOLDS = 3;

    public static Result run(List<LabelledComment> comments, List<LabelledComment> corpora, int folds) {
        return run(comments, corpora, folds, false, null);
    }

    /**
     * @param nested when true, each outer fold chooses its weight and thresholds by {@link #chooseTuning} over
     *               its own training businesses (never looking at its test fold), instead of using
     *               the shipped {@link Tuning#SHIPPED}
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
            Tuning tuning = nested ? chooseTuning(train, corpora) : Tuning.SHIPPED;
            if (log != null) {
                log.printf(Locale.ROOT, "fold %d: %d test comments, %s%n", f, test.size(), tuning);
            }
            TriageModel trained = Trainer.train(train, corpora, tuning.commentWeight());
            CommentTriage triage = new CommentTriage(trained, tuning.thresholds());
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

    /** What a nested run chooses: the comment weight of training and the policy's thresholds. */
    public record Tuning(int commentWeight, CommentTriage.Thresholds thresholds) {
        /** What ships: {@link Trainer#COMMENT_WEIGHT} and {@link CommentTriage.Thresholds#SHIPPED}. */
        public static final Tuning SHIPPED = new Tuning(Trainer.COMMENT_WEIGHT, CommentTriage.Thresholds.SHIPPED);

        @Override
        public String toString() {
            CommentTriage.Thresholds t = thresholds;
            return String.format(Locale.ROOT, "comment weight %d; flag at en %.2f, vi %.2f; raise at en %.2f, vi %.2f",
                    commentWeight, t.flagAtEn(), t.flagAtVi(), t.raiseAtEn(), t.raiseAtVi());
        }
    }

    /**
     * The comment weight and the policy's thresholds, chosen over an inner grouped cross-validation
     * of the given (training) comments. For each weight of {@link #WEIGHT_CHOICES}, each pair (flag
     * at, raise at) of {@link #FLAG_CHOICES} x {@link #RAISE_CHOICES} is scored per language by
     * flagged precision and recall over the inner test folds, and each language takes, among the
     * pairs reaching recall {@value #TARGET_RECALL} at precision {@value #TARGET_PRECISION} or more,
     * the most precise; when none reaches both, the highest recall at that precision; when none
     * keeps that precision, the best flagged F1 (ties to the higher recall, then to the higher, more
     * cautious thresholds). Then the weight whose two choices reach the targets in more languages
     * wins, then the one whose lower recall of the two is higher; ties to the weight listed first.
     */
    public static Tuning chooseTuning(List<LabelledComment> comments, List<LabelledComment> corpora) {
        Tuning best = null;
        double[] bestScore = null;
        for (int weight : WEIGHT_CHOICES) {
            int[][][] counts = innerCounts(comments, corpora, weight);
            int en = best(counts[0]);
            int vi = best(counts[1]);
            double[] keyEn = key(counts[0][en]);
            double[] keyVi = key(counts[1][vi]);
            double[] score = {keyEn[0] + keyVi[0], Math.min(recall(counts[0][en]), recall(counts[1][vi]))};
            if (bestScore == null || Arrays.compare(score, bestScore) > 0) {
                bestScore = score;
                best = new Tuning(weight, thresholds(en, vi));
            }
        }
        return best;
    }

    private static CommentTriage.Thresholds thresholds(int en, int vi) {
        return new CommentTriage.Thresholds(RAISE_CHOICES[en % RAISE_CHOICES.length], RAISE_CHOICES[vi % RAISE_CHOICES.length],
                FLAG_CHOICES[en / RAISE_CHOICES.length], FLAG_CHOICES[vi / RAISE_CHOICES.length]);
    }

    /** Per language (en, vi), per pair of thresholds: flagged true positives, false positives, false negatives over the inner test folds. */
    private static int[][][] innerCounts(List<LabelledComment> comments, List<LabelledComment> corpora, int commentWeight) {
        Map<String, Integer> foldOf = assignFolds(comments, INNER_FOLDS);
        int pairs = FLAG_CHOICES.length * RAISE_CHOICES.length;
        int[][][] counts = new int[2][pairs][3];
        for (int f = 0; f < INNER_FOLDS; f++) {
            List<LabelledComment> train = new ArrayList<>();
            List<LabelledComment> test = new ArrayList<>();
            for (LabelledComment c : comments) {
                (foldOf.get(c.business()) == f ? test : train).add(c);
            }
            TriageModel model = Trainer.train(train, corpora, commentWeight);
            for (int k = 0; k < pairs; k++) {
                double flagAt = FLAG_CHOICES[k / RAISE_CHOICES.length];
                double raiseAt = RAISE_CHOICES[k % RAISE_CHOICES.length];
                CommentTriage triage = new CommentTriage(model, new CommentTriage.Thresholds(raiseAt, raiseAt, flagAt, flagAt));
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
        return counts;
    }

    /** The index of the best pair by the objective of {@link #chooseTuning}. */
    private static int best(int[][] counts) {
        int best = 0;
        double[] bestKey = null;
        for (int k = 0; k < counts.length; k++) {
            double[] key = key(counts[k]);
            // pairs come in ascending thresholds, so >= keeps the higher on a tie
            if (bestKey == null || Arrays.compare(key, bestKey) >= 0) {
                bestKey = key;
                best = k;
            }
        }
        return best;
    }

    /** The objective as a key compared in order, higher better: the level reached (2 both targets, 1 precision only, 0 neither), then the measures that level ranks by. */
    private static double[] key(int[] n) {
        double precision = n[0] + n[1] == 0 ? 0 : (double) n[0] / (n[0] + n[1]);
        double recall = recall(n);
        double f1 = 2.0 * n[0] / (2.0 * n[0] + n[1] + n[2]);
        boolean precise = precision >= TARGET_PRECISION;
        if (precise && recall >= TARGET_RECALL) {
            return new double[] {2, precision, recall};
        }
        return precise ? new double[] {1, recall, precision} : new double[] {0, f1, recall};
    }

    private static double recall(int[] n) {
        return n[0] + n[2] == 0 ? 0 : (double) n[0] / (n[0] + n[2]);
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
