package socialdesk.core.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import socialdesk.core.post.Platform;
import socialdesk.core.post.PostContent;
import socialdesk.core.post.PostImage;

class ImageRulesTest {
    private static PostContent withAlt(String alt) {
        return new PostContent("Hi", null, List.of(new PostImage("https://cdn.example.com/a.jpg", alt)));
    }

    @Test
    void altTextIsCountedEachPlatformsWay() {
        String family = "👨‍👩‍👧‍👦";
        assertEquals(List.of(), ImageRules.of(Platform.BLUESKY).problems(withAlt(family.repeat(2000))));
        assertEquals(List.of("bluesky: image 1's alt text is 2001 graphemes, the limit is 2000"),
                ImageRules.of(Platform.BLUESKY).problems(withAlt(family.repeat(2001))));
        assertEquals(List.of("mastodon: image 1's alt text is 1501 characters, the limit is 1500"),
                ImageRules.of(Platform.MASTODON).problems(withAlt("é".repeat(1501))));
        assertEquals(List.of(), ImageRules.of(Platform.TELEGRAM).problems(withAlt("a".repeat(10_000))),
                "Telegram takes no alt text, so it is not sent and not limited");
        assertFalse(ImageRules.of(Platform.TELEGRAM).takesAlt());
    }

    @Test
    void theFormatIsJudgedByTheFileNameWhenItHasOne() {
        assertEquals(Optional.of("image/jpeg"), ImageRules.typeByName("https://cdn.example.com/a/b.JPEG?w=2#x"));
        assertEquals(Optional.of("image/webp"), ImageRules.typeByName("https://cdn.example.com/b.webp"));
        assertEquals(Optional.empty(), ImageRules.typeByName("https://cdn.example.com/image?id=4"));
        assertEquals(Optional.empty(), ImageRules.typeByName("https://cdn.example.com/archive.tar"));
        assertEquals(List.of("threads: image 1 is GIF (by its file name); threads takes JPEG, PNG images"),
                ImageRules.of(Platform.THREADS).problems(new PostContent("Hi", null,
                        List.of(new PostImage("https://cdn.example.com/a.gif", "A")))));
    }

    @Test
    void aFetchedFileIsCheckedForTypeAndSize() {
        ImageRules bluesky = ImageRules.of(Platform.BLUESKY);
        assertEquals(Optional.empty(), bluesky.fileProblem(1, "image/png", 1_000_000));
        assertEquals(Optional.of("bluesky: image 2 is 1000001 bytes, the limit is 1000000"), bluesky.fileProblem(2, "image/png", 1_000_001));
        assertEquals(Optional.of("bluesky: image 1 is of no stated type; bluesky takes GIF, JPEG, PNG, WebP images"),
                bluesky.fileProblem(1, "", 10));
    }

    @Test
    void everyPlatformTakesTheFourImagesAPostMayCarry() {
        for (Platform platform : Platform.values()) {
            assertEquals(PostImage.MAX_PER_POST, ImageRules.of(platform).maxImages(), platform.id());
        }
    }
}
