package socialdesk.triage.training;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import socialdesk.core.triage.Category;
import socialdesk.core.triage.TriageFeatures;
import socialdesk.core.triage.TriageModel;

/**
 * Trains the triage model: L2-regularised logistic regression, one-vs-rest over the six categories,
 * by LIBLINEAR's trust-region Newton solver (no random draws), over {@link TriageFeatures}. The
 * same rows, in any order, give the same weights: rows are sorted by source and id first.
 *
 * <p>Our own comments count {@link #COMMENT_WEIGHT} times (each is repeated, which for logistic
 * regression is the same as weighting its loss): they are the domain, the corpora only widen it,
 * and a few hundred public tweets would otherwise pull unmarked comments towards NEUTRAL. How many
 * times is chosen inside training folds ({@code GroupedCrossValidation.chooseTuning}).
 */
public final class Trainer {
    /** Inverse regularisation strength. */
    public static final double C = 4;
    /** How many times each of our own comments counts against one corpus row: the tuning search's choice over all comments. */
    public static final int COMMENT_WEIGHT = 5;
    private static final double STOPPING_TOLERANCE = 0.01;
    private static final Category[] CATEGORIES = Category.values();

    private Trainer() {
    }

    /**
     * @param comments our labelled comments
     * @param corpora  rows of the public corpora
     */
    public static TriageModel train(List<LabelledComment> comments, List<LabelledComment> corpora) {
        return train(comments, corpora, COMMENT_WEIGHT);
    }

    /**
     * @param commentWeight how many times each of our comments counts against one corpus row: for
     *                      choosing it inside training folds
     */
    public static TriageModel train(List<LabelledComment> comments, List<LabelledComment> corpora, int commentWeight) {
        List<LabelledComment> sorted = new ArrayList<>();
        for (LabelledComment c : sortedBySourceAndId(comments)) {
            for (int i = 0; i < commentWeight; i++) {
                sorted.add(c);
            }
        }
        sorted.addAll(sortedBySourceAndId(corpora));
        Problem problem = new Problem();
        problem.l = sorted.size();
        problem.n = TriageFeatures.SIZE + 1;
        problem.bias = 1;
        problem.x = new Feature[sorted.size()][];
        problem.y = new double[sorted.size()];
        for (int r = 0; r < sorted.size(); r++) {
            TriageFeatures.Vector v = TriageFeatures.of(sorted.get(r).text());
            Feature[] x = new Feature[v.size() + 1];
            for (int i = 0; i < v.size(); i++) {
                x[i] = new FeatureNode(v.index()[i] + 1, v.value()[i]);
            }
            x[v.size()] = new FeatureNode(problem.n, problem.bias);
            problem.x[r] = x;
            problem.y[r] = sorted.get(r).category().ordinal();
        }
        Linear.disableDebugOutput();
        Model model = Linear.train(problem, new Parameter(SolverType.L2R_LR, C, STOPPING_TOLERANCE));
        int[] labels = model.getLabels();
        double[][] weight = new double[CATEGORIES.length][TriageFeatures.SIZE];
        double[] bias = new double[CATEGORIES.length];
        for (int i = 0; i < CATEGORIES.length; i++) {
            bias[i] = -30; // a category absent from the rows is never predicted
        }
        for (int k = 0; k < labels.length; k++) {
            int c = labels[k];
            for (int f = 0; f < TriageFeatures.SIZE; f++) {
                weight[c][f] = model.getDecfunCoef(f + 1, k);
            }
            bias[c] = model.getDecfunBias(k);
        }
        return TriageModel.quantised(weight, bias);
    }

    private static List<LabelledComment> sortedBySourceAndId(List<LabelledComment> rows) {
        List<LabelledComment> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing(LabelledComment::source).thenComparing(LabelledComment::id));
        return sorted;
    }
}
