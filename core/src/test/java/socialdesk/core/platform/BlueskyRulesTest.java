package socialdesk.core.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import socialdesk.core.post.PostContent;

class BlueskyRulesTest {
    private static final String FAMILY = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67\u200D\uD83D\uDC66"; // 25 bytes
    private static final String FLAG = "\uD83C\uDDFB\uD83C\uDDF3";
    private static final String THUMB = "\uD83D\uDC4D\uD83C\uDFFD";

    private final BlueskyRules rules = new BlueskyRules();

    @Test
    void acceptsExactly300Graphemes() {
        assertEquals(List.of(), rules.problems(new PostContent("a".repeat(300), null)));
    }

    @Test
    void refuses301GraphemesNamingTheNumbers() {
        assertEquals(List.of("bluesky: text is 301 graphemes, the limit is 300"),
                rules.problems(new PostContent("a".repeat(301), null)));
    }

    @Test
    void emojiFlagsSkinTonesAndCombiningMarksCountAsOneGrapheme() {
        String mixed = (FLAG + THUMB + "e\u0301").repeat(100); // 300 graphemes, 2400 bytes
        assertEquals(List.of(), rules.problems(new PostContent(mixed, null)));
        assertEquals(List.of("bluesky: text is 301 graphemes, the limit is 300"),
                rules.problems(new PostContent(mixed + "ệ", null)));
    }

    @Test
    void vietnameseAndCjkAtTheGraphemeLimit() {
        assertEquals(List.of(), rules.problems(new PostContent("Việt".repeat(75), null)));
        assertEquals(List.of(), rules.problems(new PostContent("字".repeat(300), null)));
        assertEquals(1, rules.problems(new PostContent("字".repeat(301), null)).size());
    }

    @Test
    void limitsUtf8BytesIndependentlyOfGraphemes() {
        // 120 families are 120 graphemes but 3000 bytes: exactly at the byte limit
        assertEquals(List.of(), rules.problems(new PostContent(FAMILY.repeat(120), null)));
        assertEquals(List.of("bluesky: text is 3001 bytes in UTF-8, the limit is 3000"),
                rules.problems(new PostContent(FAMILY.repeat(120) + "a", null)));
    }

    @Test
    void reportsBothLimitsWhenBothAreExceeded() {
        assertEquals(List.of("bluesky: text is 301 graphemes, the limit is 300",
                        "bluesky: text is 7525 bytes in UTF-8, the limit is 3000"),
                rules.problems(new PostContent(FAMILY.repeat(301), null)));
    }

    @Test
    void countsALongLinkInFull() {
        String link = "https://example.com/" + "p".repeat(200); // 220 graphemes
        // 78 + 2 + 220 = 300
        assertEquals(List.of(), rules.problems(new PostContent("a".repeat(78), link)));
        assertEquals(List.of("bluesky: text is 301 graphemes, the limit is 300"),
                rules.problems(new PostContent("a".repeat(79), link)));
    }

    @Test
    void emptyTextIsAProblem() {
        assertEquals(List.of("bluesky: text is empty"), rules.problems(new PostContent(null, null)));
    }
}
