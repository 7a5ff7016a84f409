package socialdesk.core.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import socialdesk.core.post.PostContent;

class MastodonRulesTest {
    private static final String FAMILY = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67\u200D\uD83D\uDC66";
    private static final String LONG_URL = "https://example.com/articles/2025/a-very-long-slug-that-goes-on-and-on?utm_source=desk&utm_medium=social";

    private final MastodonRules rules = new MastodonRules();

    @Test
    void defaultLimitIs500() {
        assertEquals(500, rules.maxChars());
        assertEquals(500, MastodonRules.DEFAULT_MAX_CHARS);
    }

    @Test
    void acceptsTextExactlyAtTheLimit() {
        assertEquals(List.of(), rules.problems(new PostContent("a".repeat(500), null)));
    }

    @Test
    void refusesOneCharacterOverTheLimitNamingTheNumbers() {
        assertEquals(List.of("mastodon: text is 501 characters (links count as 23), the instance allows 500"),
                rules.problems(new PostContent("a".repeat(501), null)));
    }

    @Test
    void countsEveryLinkAs23HoweverLong() {
        assertTrue(LONG_URL.length() > 23);
        assertEquals(23, MastodonRules.countedLength(LONG_URL));
        assertEquals(23, MastodonRules.countedLength("http://x.co"));
        // text + "\n\n" + link: 475 + 2 + 23 = 500, at the limit
        assertEquals(List.of(), rules.problems(new PostContent("a".repeat(475), LONG_URL)));
        assertEquals(List.of("mastodon: text is 501 characters (links count as 23), the instance allows 500"),
                rules.problems(new PostContent("a".repeat(476), LONG_URL)));
    }

    @Test
    void trailingPunctuationIsNotPartOfTheLink() {
        assertEquals(23 + 1, MastodonRules.countedLength(LONG_URL + "."));
        assertEquals(1 + 23 + 1, MastodonRules.countedLength("(" + LONG_URL + ")"));
        assertEquals(23, MastodonRules.countedLength("https://en.wikipedia.org/wiki/Java_(programming_language)"));
    }

    @Test
    void remoteMentionsCountOnlyTheirLocalPart() {
        assertEquals("@alice".length(), MastodonRules.countedLength("@alice@mastodon.example.social"));
        assertEquals("hi @alice and @bob".length(), MastodonRules.countedLength("hi @alice@example.com and @bob"));
        // an address inside a link is part of the link
        assertEquals(23, MastodonRules.countedLength("https://mastodon.social/@alice@example.com"));
    }

    @Test
    void emojiSequencesAndCombiningMarksCountAsOneCharacter() {
        assertEquals(1, MastodonRules.countedLength(FAMILY));
        assertEquals(List.of(), rules.problems(new PostContent(FAMILY.repeat(500), null)));
        assertEquals(List.of("mastodon: text is 501 characters (links count as 23), the instance allows 500"),
                rules.problems(new PostContent(FAMILY.repeat(500) + "e\u0301", null)));
        assertEquals(List.of(), rules.problems(new PostContent("e\u0301".repeat(500), null)));
    }

    @Test
    void countsCjkAsOneCharacterEach() {
        assertEquals(List.of(), rules.problems(new PostContent("字".repeat(500), null)));
        assertEquals(1, rules.problems(new PostContent("字".repeat(501), null)).size());
    }

    @Test
    void honoursAnInstanceSpecificLimit() {
        MastodonRules big = new MastodonRules(5000);
        assertEquals(List.of(), big.problems(new PostContent("a".repeat(5000), null)));
        assertEquals(List.of("mastodon: text is 5001 characters (links count as 23), the instance allows 5000"),
                big.problems(new PostContent("a".repeat(5001), null)));
    }

    @Test
    void emptyTextIsAProblem() {
        assertEquals(List.of("mastodon: text is empty"), rules.problems(new PostContent("", null)));
        assertEquals(List.of("mastodon: text is empty"), rules.problems(new PostContent("  \n", null)));
    }

    @Test
    void refusesANonPositiveLimit() {
        assertThrows(IllegalArgumentException.class, () -> new MastodonRules(0));
    }
}
