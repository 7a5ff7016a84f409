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
    void dimensionsAreRefusedOnlyWherePlatformsStateALimit() {
        ImageRules instagram = ImageRules.of(Platform.INSTAGRAM);
        assertEquals(Optional.empty(), instagram.dimensionProblem(1, 1080, 1350), "4:5");
        assertEquals(Optional.empty(), instagram.dimensionProblem(1, 1080, 566), "1.91:1");
        assertEquals(Optional.of("instagram: image 2 is 1080×1920, an aspect ratio of 0.56:1; instagram takes 4:5 (0.8) to 1.91:1"),
                instagram.dimensionProblem(2, 1080, 1920));
        assertEquals(Optional.empty(), ImageRules.of(Platform.THREADS).dimensionProblem(1, 320, 3200));
        assertEquals(Optional.of("threads: image 1 is 320×3300, longer than threads' 10:1 aspect ratio limit"),
                ImageRules.of(Platform.THREADS).dimensionProblem(1, 320, 3300));
        assertEquals(Optional.empty(), ImageRules.of(Platform.LINKEDIN).dimensionProblem(1, 6016, 6009), "36,150,144 pixels");
        assertEquals(Optional.of("linkedin: image 1 is 6016×6010, 36156160 pixels; linkedin takes at most 36152320"),
                ImageRules.of(Platform.LINKEDIN).dimensionProblem(1, 6016, 6010));
        ImageRules telegram = ImageRules.of(Platform.TELEGRAM);
        assertEquals(Optional.of("telegram: image 1 is 6000×4001; telegram takes a width and height of 10000 together at most"),
                telegram.dimensionProblem(1, 6000, 4001));
        assertEquals(Optional.of("telegram: image 1 is 4200×200, longer than telegram's ratio of 20"), telegram.dimensionProblem(1, 4200, 200));
        for (Platform platform : Platform.values()) {
            ImageRules rules = ImageRules.of(platform);
            assertEquals(rules.statesDimensions(), rules.dimensionProblem(1, 90_000, 1_000).isPresent(), platform.id());
        }
    }

    @Test
    void everyPlatformTakesTheFourImagesAPostMayCarry() {
        for (Platform platform : Platform.values()) {
            assertEquals(PostImage.MAX_PER_POST, ImageRules.of(platform).maxImages(), platform.id());
        }
    }

    @Test
    void theFileTypeComesFromTheFirstBytesNotTheName() {
        assertEquals(java.util.Optional.of("image/png"), ImageRules.typeByContent(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13}));
        assertEquals(java.util.Optional.of("image/jpeg"), ImageRules.typeByContent(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0}));
        assertEquals(java.util.Optional.of("image/gif"), ImageRules.typeByContent("GIF89a....".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        assertEquals(java.util.Optional.of("image/webp"), ImageRules.typeByContent("RIFF\0\0\0\0WEBPVP8 ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        assertEquals(java.util.Optional.empty(), ImageRules.typeByContent("RIFF\0\0\0\0WAVEfmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        assertEquals(java.util.Optional.empty(), ImageRules.typeByContent(new byte[] {(byte) 0xff, (byte) 0xd8}));
    }
}
