package socialdesk.core.triage;

/** Small hand-made models for testing the policy: each listed word votes strongly for one category. */
final class TestModels {
    private TestModels() {
    }

    /** A model where each folded word {@code words[i]} weighs 30 for {@code categories[i]}; everything else is even. */
    static TriageModel voting(String[] words, Category[] categories) {
        double[][] weight = new double[Category.values().length][TriageFeatures.SIZE];
        double[] bias = new double[Category.values().length];
        for (int i = 0; i < words.length; i++) {
            weight[categories[i].ordinal()][TriageFeatures.bucket("f:" + words[i])] = 30;
        }
        java.util.Arrays.fill(bias, -3);
        return TriageModel.quantised(weight, bias);
    }
}
