package socialdesk.core.triage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The features the triage model reads from a comment, hashed into a fixed number of buckets: words
 * accent-folded (lower case, elongations cut), so "hoàn tiền" and "hoan tien" share features, and
 * also as written where they carry diacritics ("bán" is not "bạn"); folded word pairs; folded character 2- to 4-grams inside each word (teen-code and
 * misspellings share most of them); and a few shape features (all caps, shouting, a phone number,
 * a link, a mention).
 *
 * <p>Training and inference use this one class, so the shipped weights and the text they are
 * applied to are hashed the same way. The hash is {@link String#hashCode()} (its formula is part of
 * the Java specification, so stable across JVMs) with a final bit mix, reduced to {@link #BITS} bits.
 */
public final class TriageFeatures {
    /** log2 of the number of buckets. */
    public static final int BITS = 18;
    public static final int SIZE = 1 << BITS;
    private static final int MIN_GRAM = 2;
    private static final int MAX_GRAM = 4;

    private TriageFeatures() {
    }

    /**
     * The features of one comment: sorted distinct bucket indices, each with its value (counts,
     * scaled to unit length) and the name of one feature that fell in it (for explanations).
     */
    public record Vector(int[] index, float[] value, String[] name) {
        public int size() {
            return index.length;
        }
    }

    public static Vector of(String text) {
        TextScanner.Scan scan = TextScanner.scan(text == null ? "" : text);
        List<String> names = new ArrayList<>(64);
        List<Token> tokens = scan.tokens();
        String previous = "^";
        for (Token t : tokens) {
            String fold = t.fold1() != null ? t.fold1() : t.fold();
            switch (t.shape()) {
                case WORD -> {
                    names.add("f:" + t.fold());
                    if (t.accented()) {
                        names.add("w:" + t.text());
                    }
                    if (t.fold1() != null) {
                        names.add("f:" + t.fold1());
                    }
                    grams(fold, names);
                }
                case NUMBER, MONEY, URL, MENTION -> names.add("s:" + t.shape().name().toLowerCase(Locale.ROOT));
                default -> names.add("w:" + t.text());
            }
            String current = t.shape() == Token.Shape.WORD ? fold : t.shape() == Token.Shape.PUNCT ? t.text() : t.shape().name();
            names.add("b:" + previous + " " + current);
            previous = current;
        }
        names.add("b:" + previous + " $");
        if (scan.allCaps()) {
            names.add("g:all caps");
        }
        if (scan.exclamations() >= 3) {
            names.add("g:shouting");
        }
        if (scan.phone()) {
            names.add("g:phone number");
        }
        return vector(names);
    }

    /** Character n-grams of a folded word, with its edges marked ("<ok>" gives "<o", "ok", "k>", "<ok", ...). */
    private static void grams(String fold, List<String> names) {
        String padded = "<" + fold + ">";
        int n = padded.length();
        for (int len = MIN_GRAM; len <= MAX_GRAM; len++) {
            for (int i = 0; i + len <= n; i++) {
                if (len == n) {
                    continue;
                }
                names.add("c:" + padded.substring(i, i + len));
            }
        }
    }

    private static Vector vector(List<String> names) {
        int count = names.size();
        long[] keyed = new long[count];
        for (int i = 0; i < count; i++) {
            keyed[i] = ((long) bucket(names.get(i)) << 32) | i;
        }
        Arrays.sort(keyed);
        int[] index = new int[count];
        float[] value = new float[count];
        String[] name = new String[count];
        int distinct = 0;
        for (int i = 0; i < count; i++) {
            int b = (int) (keyed[i] >>> 32);
            if (distinct > 0 && index[distinct - 1] == b) {
                value[distinct - 1]++;
            } else {
                index[distinct] = b;
                value[distinct] = 1;
                name[distinct] = names.get((int) keyed[i]);
                distinct++;
            }
        }
        double norm = 0;
        for (int i = 0; i < distinct; i++) {
            norm += value[i] * value[i];
        }
        float scale = norm == 0 ? 0 : (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < distinct; i++) {
            value[i] *= scale;
        }
        return new Vector(Arrays.copyOf(index, distinct), Arrays.copyOf(value, distinct), Arrays.copyOf(name, distinct));
    }

    /** The bucket of one feature name: the murmur3 finaliser over {@code String.hashCode}, cut to {@link #BITS} bits. */
    static int bucket(String name) {
        int h = name.hashCode();
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h >>> (32 - BITS);
    }
}
