package socialdesk.core.platform;

import java.nio.charset.StandardCharsets;
import java.text.BreakIterator;
import java.util.Locale;

/**
 * Ways platforms measure text. Graphemes are user-perceived characters (extended grapheme
 * clusters): a family emoji joined with ZWJ, a flag, a skin-toned thumb or a letter with a combining
 * accent each count as one, as JDK 20+ {@link BreakIterator} segments them.
 */
public final class TextMeasure {
    private TextMeasure() {
    }

    /** User-perceived characters in the text. */
    public static int graphemes(String text) {
        if (text.isEmpty()) {
            return 0;
        }
        BreakIterator it = BreakIterator.getCharacterInstance(Locale.ROOT);
        it.setText(text);
        int count = 0;
        while (it.next() != BreakIterator.DONE) {
            count++;
        }
        return count;
    }

    /** Unicode code points (what Python's {@code len} counts). */
    public static int codePoints(String text) {
        return text.codePointCount(0, text.length());
    }

    /** UTF-16 code units (what JavaScript's {@code length} and Telegram count); an emoji outside the BMP is 2. */
    public static int utf16Units(String text) {
        return text.length();
    }

    /**
     * Whether one grapheme cluster is an emoji as emoji parsers see it: a code point with emoji
     * presentation (😀), a regional-indicator flag, a keycap, or any pictograph made emoji by
     * U+FE0F (❤️). A bare text-presentation symbol such as © or ™ is not.
     */
    public static boolean isEmojiCluster(String cluster) {
        boolean variation = cluster.indexOf('\uFE0F') >= 0 || cluster.indexOf('\u20E3') >= 0;
        return cluster.codePoints().anyMatch(cp -> Character.isEmojiPresentation(cp)
                || (cp >= 0x1F1E6 && cp <= 0x1F1FF)
                || (variation && Character.isEmoji(cp)));
    }

    /** The text's grapheme clusters, in order. */
    public static java.util.List<String> graphemeClusters(String text) {
        java.util.List<String> clusters = new java.util.ArrayList<>();
        if (text.isEmpty()) {
            return clusters;
        }
        BreakIterator it = BreakIterator.getCharacterInstance(Locale.ROOT);
        it.setText(text);
        int start = it.first();
        for (int end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
            clusters.add(text.substring(start, end));
        }
        return clusters;
    }

    /** Bytes the text takes in UTF-8. */
    public static int utf8Length(String text) {
        return utf8Length(text, 0, text.length());
    }

    /** Bytes that chars {@code [from, to)} take in UTF-8 (an unpaired surrogate counts as the one byte of the {@code '?'} the JDK encoder writes for it). */
    public static int utf8Length(CharSequence text, int from, int to) {
        int bytes = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                bytes += 1;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /**
     * How much of a greedy URL match is the link: trailing sentence punctuation is not, nor a
     * closing bracket that has no opening partner inside the link.
     */
    public static int linkLength(String url) {
        int end = url.length();
        while (end > 0) {
            char c = url.charAt(end - 1);
            if (".,;:!?'\"*".indexOf(c) >= 0) {
                end--;
            } else if (c == ')' && count(url, '(', end) < count(url, ')', end)) {
                end--;
            } else if (c == ']' && count(url, '[', end) < count(url, ']', end)) {
                end--;
            } else {
                break;
            }
        }
        return end;
    }

    private static int count(String s, char c, int end) {
        int n = 0;
        for (int i = 0; i < end; i++) {
            if (s.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }

    /** Same as {@link #utf8Length(String)}, checked against the JDK encoder in tests. */
    static int utf8LengthByEncoding(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
