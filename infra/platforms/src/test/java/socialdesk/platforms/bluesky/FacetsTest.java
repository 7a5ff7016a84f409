package socialdesk.platforms.bluesky;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import socialdesk.core.platform.TextMeasure;
import socialdesk.platforms.bluesky.Facets.Facet;
import socialdesk.platforms.bluesky.Facets.Kind;

class FacetsTest {

    /** Byte range of the first occurrence of {@code part}, computed independently with the JDK encoder. */
    private static Facet expected(String text, String part, Kind kind, String value) {
        int at = text.indexOf(part);
        int start = text.substring(0, at).getBytes(StandardCharsets.UTF_8).length;
        return new Facet(kind, start, start + part.getBytes(StandardCharsets.UTF_8).length, value);
    }

    @Test
    void findsALinkAfterEmojiAndVietnameseWithByteOffsets() {
        String text = "Chào cả nhà 👨‍👩‍👧 tiếng Việt: https://example.com/bài-viết?x=1.";

        assertEquals(List.of(expected(text, "https://example.com/bài-viết?x=1", Kind.LINK, "https://example.com/bài-viết?x=1")),
                Facets.detect(text));
    }

    @Test
    void findsMentionsAndTagsButNotInsideLinks() {
        String text = "Hi @Alice.bsky.social! #JavaDev (#café) https://x.example/#anchor/@bob.example.com #2025 #";

        assertEquals(List.of(
                        expected(text, "@Alice.bsky.social", Kind.MENTION, "alice.bsky.social"),
                        expected(text, "#JavaDev", Kind.TAG, "JavaDev"),
                        expected(text, "#café", Kind.TAG, "café"),
                        expected(text, "https://x.example/#anchor/@bob.example.com", Kind.LINK,
                                "https://x.example/#anchor/@bob.example.com")),
                Facets.detect(text));
    }

    @Test
    void ignoresEmailAddressesAndBareWords() {
        assertEquals(List.of(), Facets.detect("write to desk@example.com or @nodot or a#b"));
    }

    @Test
    void aMentionAtTheEndOfASentenceDropsThePeriod() {
        String text = "Thanks @desk.example.com.";
        assertEquals(List.of(expected(text, "@desk.example.com", Kind.MENTION, "desk.example.com")), Facets.detect(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u00A0", "\u3000", "\u2028", "\u2029", "\u202F", "\u2003", "\uFEFF"})
    void aLinkEndsAtANonAsciiSpace(String space) {
        String text = "Xem https://example.com/sale" + space + "ngay hôm nay";

        assertEquals(List.of(expected(text, "https://example.com/sale", Kind.LINK, "https://example.com/sale")),
                Facets.detect(text));
    }

    @Test
    void aLinkWithoutAHostIsPlainTextAndTheOtherFacetsStay() {
        String text = "broken https:///path and https://?q=1 but #kept and https://ok.example";

        assertEquals(List.of(
                        expected(text, "#kept", Kind.TAG, "kept"),
                        expected(text, "https://ok.example", Kind.LINK, "https://ok.example")),
                Facets.detect(text));
    }

    @Test
    void linksMatchTheLexiconUriFormat() {
        assertTrue(Facets.isLink("https://example.com"));
        assertTrue(Facets.isLink("http://user@example.com:8080/a?b#c"));
        assertFalse(Facets.isLink("https:///path"));
        assertFalse(Facets.isLink("https://"));
        assertFalse(Facets.isLink("https://exa mple.com"));
        assertFalse(Facets.isLink("https://example.com/\u00A0x"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u00A0", "\u3000", "\u2028", "\u2009"})
    void aTagEndsAtAnyUnicodeWhitespace(String space) {
        String text = "#sale" + space + "today";

        assertEquals(List.of(expected(text, "#sale", Kind.TAG, "sale")), Facets.detect(text));
    }

    @Test
    void aTrailingZeroWidthJoinerOrPunctuationIsNotPartOfATag() {
        String text = "#deal\u200D and #xin\u00E0o\u200B! and #fam\uD83D\uDC68\u200D\uD83D\uDC69";

        assertEquals(List.of(
                        expected(text, "#deal", Kind.TAG, "deal"),
                        expected(text, "#xin\u00E0o", Kind.TAG, "xin\u00E0o"),
                        expected(text, "#fam\uD83D\uDC68\u200D\uD83D\uDC69", Kind.TAG, "fam\uD83D\uDC68\u200D\uD83D\uDC69")),
                Facets.detect(text));
    }

    @Test
    void aTagOverTheLexiconsByteLimitIsPlainTextThoughItIsWithin64Graphemes() {
        String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67\u200D\uD83D\uDC66"; // 25 bytes, one grapheme
        String bytesOver = family.repeat(64);
        String text = "#" + bytesOver + " #" + "a".repeat(64) + " #" + "a".repeat(65) + " #ok";

        assertEquals(List.of(
                        expected(text, "#" + "a".repeat(64), Kind.TAG, "a".repeat(64)),
                        expected(text, "#ok", Kind.TAG, "ok")),
                Facets.detect(text));
        assertTrue(TextMeasure.graphemes(bytesOver) <= Facets.MAX_TAG_GRAPHEMES);
        assertTrue(TextMeasure.utf8Length(bytesOver) > Facets.MAX_TAG_BYTES);
    }

    @Test
    void aFullWidthNumberSignStartsATag() {
        String text = "Khuyến mãi \uFF03giảmgiá hôm nay";

        assertEquals(List.of(expected(text, "\uFF03giảmgiá", Kind.TAG, "giảmgiá")), Facets.detect(text));
    }
}
