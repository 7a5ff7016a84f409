package socialdesk.core.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import socialdesk.core.post.PostContent;
import socialdesk.core.post.PostImage;

class ThreadsRulesTest {
    private final ThreadsRules rules = new ThreadsRules();

    @Test
    void plainTextCountsOnePerCharacterUpTo500() {
        assertEquals(List.of(), rules.problems(new PostContent("字".repeat(500), null)));
        assertEquals(List.of("threads: text is 501 characters (emoji count their UTF-8 bytes), the limit is 500"),
                rules.problems(new PostContent("a".repeat(501), null)));
    }

    @Test
    void emojiCountTheirUtf8Bytes() {
        assertEquals(4, ThreadsRules.countedLength("😀"));
        assertEquals(6, ThreadsRules.countedLength("❤️"));
        assertEquals(8, ThreadsRules.countedLength("👍🏽"));
        assertEquals(25, ThreadsRules.countedLength("👨\u200D👩\u200D👧\u200D👦"));
        assertEquals(List.of(), rules.problems(new PostContent("😀".repeat(125), null)));
        assertEquals(1, rules.problems(new PostContent("😀".repeat(125) + "a", null)).size());
    }

    @Test
    void combiningMarksCountEachCodePoint() {
        assertEquals(2, ThreadsRules.countedLength("e\u0301"));
        assertEquals(List.of(), rules.problems(new PostContent("e\u0301".repeat(250), null)));
        assertEquals(1, rules.problems(new PostContent("e\u0301".repeat(250) + "a", null)).size());
    }

    @Test
    void atMostFiveDistinctLinks() {
        String five = "https://a.example https://b.example https://c.example https://d.example https://e.example";
        assertEquals(List.of(), rules.problems(new PostContent(five + " https://a.example.", null)));
        assertEquals(List.of("threads: text has 6 distinct links, the limit is 5"),
                rules.problems(new PostContent(five, "https://f.example")));
    }

    @Test
    void bareDomainsAndWwwHostsCountAsLinksAsThreadsCountsThem() {
        String six = "abc.vn, example.vn/sale, www.ex.com and shop.co.uk/x or t.co/abc then https://a.example";
        assertEquals(List.of("threads: text has 6 distinct links, the limit is 5"), rules.problems(new PostContent(six, null)));
        assertEquals(List.of(), rules.problems(new PostContent("abc.vn https://abc.vn ABC.vn/ me@example.com", null)));
    }

    @Test
    void anImagePostMayHaveNoText() {
        assertEquals(List.of(), rules.problems(new PostContent("", null, List.of(new PostImage("https://cdn.example/a.jpg", "A photo")))));
        assertEquals(List.of("threads: text is empty"), rules.problems(new PostContent(" ", null)));
    }
}
