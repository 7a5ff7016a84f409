package socialdesk.core.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import socialdesk.core.post.PostContent;

class XRulesTest {
    private static final String FAMILY = "👨\u200D👩\u200D👧\u200D👦";
    private final XRules rules = new XRules();

    private List<String> problems(String text) {
        return rules.problems(new PostContent(text, null));
    }

    @Test
    void latinCountsOneEachUpTo280() {
        assertEquals(List.of(), problems("a".repeat(280)));
        assertEquals(List.of("x: text is 281 weighted characters (links 23, emoji and CJK 2), the limit is 280"),
                problems("a".repeat(281)));
    }

    @Test
    void cjkCountsTwoEach() {
        assertEquals(280, XRules.weightedLength("字".repeat(140)));
        assertEquals(List.of(), problems("字".repeat(140)));
        assertEquals(1, problems("字".repeat(140) + "a").size());
        assertEquals(2 * 3 + 5, XRules.weightedLength("한국어hello"));
    }

    @Test
    void anEmojiSequenceCountsTwoAsAWhole() {
        assertEquals(2, XRules.weightedLength("😀"));
        assertEquals(2, XRules.weightedLength("👍🏽"));
        assertEquals(2, XRules.weightedLength(FAMILY));
        assertEquals(2, XRules.weightedLength("🇻🇳"));
        assertEquals(2, XRules.weightedLength("❤️"));
        assertEquals(2, XRules.weightedLength("1️⃣"));
        assertEquals(List.of(), problems(FAMILY.repeat(140)));
        assertEquals(1, problems(FAMILY.repeat(140) + ".").size());
    }

    @Test
    void combiningMarksAreNormalisedFirst() {
        assertEquals(1, XRules.weightedLength("e\u0301"));
        assertEquals(List.of(), problems("e\u0301".repeat(280)));
        // Two marks on one letter compose to one code point, but U+1EC7 lies outside the light ranges.
        assertEquals(2, XRules.weightedLength("e\u0323\u0302"));
        assertEquals(List.of(), problems("e\u0323\u0302".repeat(140)));
        assertEquals(1, problems("e\u0323\u0302".repeat(140) + "a").size());
    }

    @Test
    void punctuationRangesCountOne() {
        assertEquals(3, XRules.weightedLength("“—”"));
        assertEquals(2, XRules.weightedLength("…"));
        assertEquals(2, XRules.weightedLength("€"));
    }

    @Test
    void everyUrlCounts23() {
        String url = "https://example.com/a/very/long/path/that/goes/on/and/on?x=1&y=2";
        assertEquals(23, XRules.weightedLength(url));
        assertEquals(23 + 1, XRules.weightedLength(url + "."));
        assertEquals(23, XRules.weightedLength("example.com/x"));
        assertEquals(23, XRules.weightedLength("www.example.org"));
        assertEquals(List.of(), rules.problems(new PostContent("a".repeat(255), url)));
        assertEquals(1, rules.problems(new PostContent("a".repeat(256), url)).size());
        assertEquals(14, XRules.weightedLength("me@example.com"));
    }

    @Test
    void bareDomainsOnEveryTldCount23AsXCountsThem() {
        assertEquals(23, XRules.weightedLength("abc.vn"));
        assertEquals(23, XRules.weightedLength("example.vn/sale"));
        assertEquals(23, XRules.weightedLength("beispiel-unternehmen.de/produkte/sommer-angebote/2026?farbe=blau"));
        assertEquals(9 + 23, XRules.weightedLength("Xem tại abc.vn"));
    }
}
