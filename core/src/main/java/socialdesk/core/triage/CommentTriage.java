package socialdesk.core.triage;

import java.util.List;

/**
 * Triage of one comment: the rules ({@link RuleTriage}, cue phrases in English and Vietnamese) and
 * a learned model ({@link TriageModel}, a linear classifier over word and character n-grams)
 * combined by one policy:
 *
 * <ol>
 *   <li>Where a rule cue decides (anything but a NEUTRAL with no cue), the rules decide, unless
 *       the rules found the comment harmless (QUESTION, PRAISE or a NEUTRAL of social chat) and the
 *       model is confident ({@value #RAISE_AT_EN} or more in English, {@value #RAISE_AT_VI} in
 *       Vietnamese) that it is a CONCERN or ABUSE: then the model raises it. SPAM and flagged rule
 *       decisions are never changed by the model.</li>
 *   <li>Where no cue fires, the model decides; a CONCERN or ABUSE needs a probability of
 *       {@value #FLAG_AT_EN} or more in English, {@value #FLAG_AT_VI} in Vietnamese (a six-way
 *       guess can win with less), else the likeliest of the other categories is taken.</li>
 * </ol>
 *
 * <p>The four thresholds are chosen per language by a grouped cross-validation over the labelled
 * comments (the training module's {@code GroupedCrossValidation.chooseTuning}): flagged recall 0.90
 * or more at flagged precision 0.85 or more.
 *
 * <p>Confidence: the model's probability of the category when the model decided or raised it;
 * when the rules decided, {@code 0.5 + 0.5 x} the model's probability of the same category (a rule
 * cue counts for half; the model's agreement for the rest). Severity and the calm reply of a
 * model-flagged comment come from the rule analysis of the same text (the topic of any complaint
 * cue, the comment's language). The reasons always end with the model's view and its strongest
 * features.
 *
 * <p>Thread-safe and immutable: {@link #standard()} is built once per class loader, with the shipped
 * model loaded then, so a handler that calls it at init (and primes it under SnapStart) pays nothing
 * on its first comment.
 */
public final class CommentTriage {
    /** The model probability from which a CONCERN or ABUSE overrides a harmless rule decision, English comments. */
    public static final double RAISE_AT_EN = 0.3;
    /** The same for Vietnamese comments. */
    public static final double RAISE_AT_VI = 0.8;
    /** Where no cue fires, the least model probability for a CONCERN or ABUSE in English; below it the likeliest other category is taken. */
    public static final double FLAG_AT_EN = 0.3;
    /** The same for Vietnamese comments. */
    public static final double FLAG_AT_VI = 0.5;
    private static final RuleTriage RULES = new RuleTriage();

    private final TriageModel model;
    private final Thresholds thresholds;

    /**
     * The policy's model probabilities, per language.
     *
     * @param raiseAtEn from which a CONCERN or ABUSE raises a harmless rule decision, English
     * @param raiseAtVi the same, Vietnamese
     * @param flagAtEn  from which the model flags where no cue fires, English
     * @param flagAtVi  the same, Vietnamese
     */
    public record Thresholds(double raiseAtEn, double raiseAtVi, double flagAtEn, double flagAtVi) {
        /** The shipped thresholds. */
        public static final Thresholds SHIPPED = new Thresholds(RAISE_AT_EN, RAISE_AT_VI, FLAG_AT_EN, FLAG_AT_VI);

        double raiseAt(String lang) {
            return "vi".equals(lang) ? raiseAtVi : raiseAtEn;
        }

        double flagAt(String lang) {
            return "vi".equals(lang) ? flagAtVi : flagAtEn;
        }
    }

    public CommentTriage(TriageModel model) {
        this(model, Thresholds.SHIPPED);
    }

    /** With other thresholds than the shipped ones: for choosing them inside training folds. */
    public CommentTriage(TriageModel model, Thresholds thresholds) {
        this.model = model;
        this.thresholds = thresholds;
    }

    /** The shipped triage, built when first asked for (the model read then), once per class loader. */
    private static final class Shipped {
        private static final CommentTriage TRIAGE = new CommentTriage(TriageModel.standard());
    }

    /** The shipped rules and model, built once. */
    public static CommentTriage standard() {
        return Shipped.TRIAGE;
    }

    /** The rules alone, without the model: for measuring what each half does. */
    public static TriageResult byRules(String text, String langHint) {
        return RULES.triage(text, langHint);
    }

    /**
     * Triage one comment.
     *
     * @param text     the comment (null is treated as empty)
     * @param langHint {@code en} or {@code vi} when known; anything else (or null) means detect
     */
    public TriageResult triage(String text, String langHint) {
        RuleTriage.Analysis rules = RULES.analyse(text, langHint);
        TriageResult ruled = rules.decide();
        TriageModel.Prediction predicted = model.predict(text == null ? "" : text);
        Category guess = predicted.category();
        double sure = predicted.probability(guess);
        String view = "model: " + guess + " " + rounded(sure) + (predicted.evidence().isEmpty() ? ""
                : " (" + String.join(", ", predicted.evidence()) + ")");
        boolean cue = !(ruled.category() == Category.NEUTRAL && ruled.reasons().contains(RuleTriage.NO_CUE));
        if (!cue) {
            if (guess.flagged() && sure < thresholds.flagAt(ruled.lang())) {
                guess = likeliestUnflagged(predicted);
                sure = predicted.probability(guess);
            }
            return byModel(rules, guess, ruled.lang()).decided(sure, view);
        }
        boolean harmless = ruled.category() == Category.QUESTION || ruled.category() == Category.PRAISE
                || ruled.category() == Category.NEUTRAL;
        if (harmless && guess.flagged() && sure >= thresholds.raiseAt(ruled.lang())) {
            return byModel(rules, guess, ruled.lang())
                    .decided(sure, view + ", over the rules' " + ruled.category());
        }
        return ruled.decided(0.5 + 0.5 * predicted.probability(ruled.category()), view);
    }

    private static Category likeliestUnflagged(TriageModel.Prediction predicted) {
        Category best = Category.NEUTRAL;
        for (Category c : Category.values()) {
            if (!c.flagged() && predicted.probability(c) > predicted.probability(best)) {
                best = c;
            }
        }
        return best;
    }

    private static TriageResult byModel(RuleTriage.Analysis rules, Category category, String lang) {
        return switch (category) {
            case CONCERN -> rules.concernByModel();
            case ABUSE -> rules.abuseByModel();
            default -> new TriageResult(category, Severity.NONE, lang, List.of("no rule cue"), null);
        };
    }

    private static double rounded(double p) {
        return Math.round(p * 100) / 100.0;
    }
}
