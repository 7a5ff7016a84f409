package socialdesk.core.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ExcerptTest {
    @Test
    void shortTextIsKeptOnOneLine() {
        assertEquals("a b c", Excerpt.of("  a\n b\t\tc ", 20));
    }

    @Test
    void longTextIsCutAtAWordWithAnEllipsis() {
        String e = Excerpt.of("the quick brown fox jumps over the lazy dog", 20);
        assertTrue(e.length() <= 20, e);
        assertEquals("the quick brown fox\u2026", e);
    }

    @Test
    void neverSplitsAnEmoji() {
        String e = Excerpt.of("😀😀😀😀😀😀😀😀😀😀", 6);
        assertTrue(e.endsWith("\u2026"));
        assertTrue(!Character.isHighSurrogate(e.charAt(e.length() - 2)), e);
    }
}
