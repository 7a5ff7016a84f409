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
