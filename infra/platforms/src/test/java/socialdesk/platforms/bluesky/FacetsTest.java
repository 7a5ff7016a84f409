package socialdesk.platforms.bluesky;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
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
}
