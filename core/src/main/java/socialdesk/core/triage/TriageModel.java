package socialdesk.core.triage;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The learned half of the triage: a linear model over {@link TriageFeatures}, one weight vector per
 * category (one-vs-rest logistic regression, trained by {@code tools/triage-training}). Inference is
 * a dot product over the shipped weights: no training library at run time.
 *
 * <p>The weights are stored quantised to one signed byte each, with one scale per category, feature
 * by feature ({@link TriageFeatures#SIZE} x 6 bytes), in {@code triage-model.bin} beside this class.
 * Immutable and thread-safe; {@link #standard()} reads the resource once per class loader.
 */
public final class TriageModel {
    /** The resource the shipped weights live in, beside this class. */
    public static final String RESOURCE = "triage-model.bin";
    private static final int MAGIC = 0x5344544d; // "SDTM"
    private static final int VERSION = 1;
    private static final Category[] CATEGORIES = Category.values();
    private static final int CLASSES = CATEGORIES.length;
    private static final int EXPLAINED_FEATURES = 3;

    private final byte[] weights;
    private final float[] scale;
    private final float[] bias;

    /**
     * @param weights {@link TriageFeatures#SIZE} x 6 quantised weights, feature-major, categories in {@link Category} order
     * @param scale   per category, what one quantisation step is worth
     * @param bias    per category, the intercept
     */
    public TriageModel(byte[] weights, float[] scale, float[] bias) {
        if (weights.length != TriageFeatures.SIZE * CLASSES || scale.length != CLASSES || bias.length != CLASSES) {
            throw new IllegalArgumentException("triage model needs " + TriageFeatures.SIZE + " x " + CLASSES + " weights");
        }
        this.weights = weights.clone();
        this.scale = scale.clone();
        this.bias = bias.clone();
    }

    /**
     * Quantises trained weights: each category's weights become signed bytes, one step being its
     * largest absolute weight / 127.
     *
     * @param weight per category (in {@link Category} order), {@link TriageFeatures#SIZE} weights
     * @param bias   per category, the intercept
     */
    public static TriageModel quantised(double[][] weight, double[] bias) {
        byte[] q = new byte[TriageFeatures.SIZE * CLASSES];
        float[] scale = new float[CLASSES];
        float[] b = new float[CLASSES];
        for (int c = 0; c < CLASSES; c++) {
            double max = 0;
            for (double w : weight[c]) {
                max = Math.max(max, Math.abs(w));
            }
            scale[c] = max == 0 ? 1 : (float) (max / 127);
            b[c] = (float) bias[c];
            for (int f = 0; f < TriageFeatures.SIZE; f++) {
                q[f * CLASSES + c] = (byte) Math.round(weight[c][f] / scale[c]);
            }
        }
        return new TriageModel(q, scale, b);
    }

    private static final class Shipped {
        private static final TriageModel MODEL = load();

        private static TriageModel load() {
            try (InputStream in = TriageModel.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("missing triage model resource " + RESOURCE);
                }
                return read(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read triage model " + RESOURCE, e);
            }
        }
    }

    /** The shipped model, read on first use and kept for the life of the container. */
    public static TriageModel standard() {
        return Shipped.MODEL;
    }

    /**
     * What the model makes of one comment.
     *
     * @param category    the most probable category
     * @param probability per category, in {@link Category} order, summing to 1
     * @param evidence    the features that pushed most towards {@code category}, most first
     */
    public record Prediction(Category category, double[] probability, List<String> evidence) {
        public double probability(Category c) {
            return probability[c.ordinal()];
        }
    }

    public Prediction predict(String text) {
        TriageFeatures.Vector x = TriageFeatures.of(text);
        double[] score = new double[CLASSES];
        for (int i = 0; i < x.size(); i++) {
            int base = x.index()[i] * CLASSES;
            float v = x.value()[i];
            for (int c = 0; c < CLASSES; c++) {
                score[c] += v * weights[base + c];
            }
        }
        double[] probability = new double[CLASSES];
        double sum = 0;
        int best = 0;
        for (int c = 0; c < CLASSES; c++) {
            double decision = score[c] * scale[c] + bias[c];
            probability[c] = 1 / (1 + Math.exp(-decision));
            sum += probability[c];
            if (probability[c] > probability[best]) {
                best = c;
            }
        }
        for (int c = 0; c < CLASSES; c++) {
            probability[c] /= sum;
        }
        return new Prediction(CATEGORIES[best], probability, evidence(x, best));
    }

    /** The word and word-pair features (character n-grams only when no word helps) that weigh most for a category. */
    private List<String> evidence(TriageFeatures.Vector x, int c) {
        List<String> out = new ArrayList<>(EXPLAINED_FEATURES);
        for (boolean words : new boolean[] {true, false}) {
            boolean[] used = new boolean[x.size()];
            while (out.size() < EXPLAINED_FEATURES) {
                int pick = -1;
                double top = 0;
                for (int i = 0; i < x.size(); i++) {
                    boolean word = !x.name()[i].startsWith("c:");
                    double contribution = x.value()[i] * weights[x.index()[i] * CLASSES + c];
                    if (!used[i] && word == words && contribution > top && telling(x.name()[i])) {
                        top = contribution;
                        pick = i;
                    }
                }
                if (pick < 0) {
                    break;
                }
                used[pick] = true;
                out.add(readable(x.name()[pick]));
            }
            if (!out.isEmpty()) {
                break;
            }
        }
        return out;
    }

    /** Whether a feature means something to a reader: it has a letter or digit (not "." or "^ ,"). */
    private static boolean telling(String name) {
        for (int i = 2; i < name.length(); i++) {
            if (Character.isLetterOrDigit(name.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static String readable(String name) {
        String body = name.substring(2);
        return switch (name.charAt(0)) {
            case 'b' -> "\"" + body.replace("^ ", "").replace(" $", "") + "\"";
            case 'c' -> "\"…" + body.replace("<", "").replace(">", "") + "…\"";
            case 's', 'g' -> body;
            default -> "\"" + body + "\"";
        };
    }

    public static TriageModel read(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(new BufferedInputStream(in, 1 << 16));
        if (data.readInt() != MAGIC || data.readInt() != VERSION) {
            throw new IOException("not a version " + VERSION + " triage model");
        }
        int bits = data.readInt();
        int classes = data.readInt();
        if (bits != TriageFeatures.BITS || classes != CLASSES) {
            throw new IOException("triage model has 2^" + bits + " x " + classes + " weights, expected 2^"
                    + TriageFeatures.BITS + " x " + CLASSES);
        }
        float[] scale = new float[CLASSES];
        float[] bias = new float[CLASSES];
        for (int c = 0; c < CLASSES; c++) {
            String name = data.readUTF();
            if (!name.equals(CATEGORIES[c].name())) {
                throw new IOException("triage model category " + c + " is " + name + ", expected " + CATEGORIES[c]);
            }
            scale[c] = data.readFloat();
            bias[c] = data.readFloat();
        }
        byte[] weights = new byte[TriageFeatures.SIZE * CLASSES];
        data.readFully(weights);
        return new TriageModel(weights, scale, bias);
    }

    /** Writes the model in the format {@link #read} reads: the same model always gives the same bytes. */
    public void write(OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.writeInt(MAGIC);
        data.writeInt(VERSION);
        data.writeInt(TriageFeatures.BITS);
        data.writeInt(CLASSES);
        for (int c = 0; c < CLASSES; c++) {
            data.writeUTF(CATEGORIES[c].name());
            data.writeFloat(scale[c]);
            data.writeFloat(bias[c]);
        }
        data.write(weights);
        data.flush();
    }
}
