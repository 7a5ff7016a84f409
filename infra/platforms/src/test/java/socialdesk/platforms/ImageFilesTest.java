package socialdesk.platforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import socialdesk.core.platform.ImageRules;
import socialdesk.core.post.Platform;
import socialdesk.core.post.PostImage;
import socialdesk.core.publish.PublishOutcome.Permanent;
import socialdesk.platforms.ImageFiles.ImageFile;
import socialdesk.platforms.fake.FakeWebPages;
import socialdesk.platforms.fake.TestImages;

/** Fetching a post's images for a platform, against images served by {@link FakeWebPages}. */
class ImageFilesTest {
    private final FakeWebPages pages = new FakeWebPages();
    private final ImageFiles files = new ImageFiles(pages.fetcher());

    @AfterEach
    void stop() {
        pages.close();
    }

    @Test
    void theTypeIsWhatTheBytesSayNotWhatTheServerLabelsIt() throws Exception {
        pages.file("/mislabeled.jpg", "image/jpeg", TestImages.png(30, 20));
        pages.file("/unlabeled", "application/octet-stream", TestImages.jpeg(16, 9));

        List<ImageFile> fetched = files.fetch(List.of(new PostImage(pages.url("/mislabeled.jpg"), "A"),
                new PostImage(pages.url("/unlabeled"), "B")), ImageRules.of(Platform.BLUESKY));

        assertEquals(List.of("image/png", "image/jpeg"), fetched.stream().map(ImageFile::contentType).toList());
        assertEquals(List.of("image-1.png", "image-2.jpg"), fetched.stream().map(ImageFile::fileName).toList());
        assertEquals(List.of(30, 16), fetched.stream().map(ImageFile::width).toList());
        assertEquals(List.of(20, 9), fetched.stream().map(ImageFile::height).toList());
    }

    @Test
    void aFormatImageIoCannotReadHasNoSizeButIsStillSent() throws Exception {
        byte[] webp = "RIFF\u0000\u0000\u0000\u0000WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1);
        pages.file("/a", "image/webp", webp);

        ImageFile file = files.fetch(List.of(new PostImage(pages.url("/a"), "A")), ImageRules.of(Platform.X)).getFirst();

        assertEquals("image/webp", file.contentType());
        assertNull(file.width());
    }

    @Test
    void somethingThatIsNotAnImageFailsForGood() {
        pages.page("/page", java.util.Map.of("og:title", "Not an image"));

        ImageFiles.Unavailable refused = assertThrows(ImageFiles.Unavailable.class,
                () -> files.fetch(List.of(new PostImage(pages.url("/page"), "A")), ImageRules.of(Platform.LINKEDIN)));

        assertEquals(new Permanent("linkedin: image 1 is not an image (text/html); linkedin takes GIF, JPEG, PNG images"), refused.outcome());
    }

    @Test
    void anImageInHandIsReadFromItsDataUrlWithoutAFetch_andCheckedTheSameWay() throws Exception {
        byte[] png = TestImages.png(12, 8);
        PostImage inHand = new PostImage(ImageFiles.dataUrl("image/jpeg", png), "Uploaded");

        ImageFile file = files.fetch(List.of(inHand), ImageRules.of(Platform.MASTODON)).getFirst();

        assertEquals("image/png", file.contentType(), "the bytes decide, as for a fetched file");
        assertEquals(12, file.width());
        org.junit.jupiter.api.Assertions.assertArrayEquals(png, file.bytes());
        assertEquals(List.of(), pages.requested(), "nothing was fetched");
        ImageFiles.Unavailable refused = assertThrows(ImageFiles.Unavailable.class,
                () -> files.fetch(List.of(new PostImage(ImageFiles.dataUrl("image/png", png), "A")), ImageRules.of(Platform.INSTAGRAM)));
        assertEquals(new Permanent("instagram: image 1 is PNG; instagram takes JPEG images"), refused.outcome());
    }

    @Test
    void anImageOfDimensionsThePlatformRefusesFailsForGoodBeforeItIsSent() throws Exception {
        // Only a PNG's signature and header: 7,000 × 6,000 is 42,000,000 pixels, over LinkedIn's 36,152,320.
        pages.file("/huge.png", "image/png", pngHeader(7000, 6000));
        pages.file("/fine.png", "image/png", TestImages.png(1200, 627));

        ImageFiles.Unavailable refused = assertThrows(ImageFiles.Unavailable.class, () -> files.fetch(
                List.of(new PostImage(pages.url("/fine.png"), "A"), new PostImage(pages.url("/huge.png"), "B")), ImageRules.of(Platform.LINKEDIN)));

        assertEquals(new Permanent("linkedin: image 2 is 7000×6000, 42000000 pixels; linkedin takes at most 36152320"), refused.outcome());
        assertEquals(7000, files.fetch(List.of(new PostImage(pages.url("/huge.png"), "B")), ImageRules.of(Platform.MASTODON)).getFirst().width(),
                "a platform that states no such limit takes it");
    }

    /** A PNG's signature and IHDR chunk (with its CRC), and no pixels: all a header reader looks at. */
    private static byte[] pngHeader(int width, int height) {
        java.nio.ByteBuffer ihdr = java.nio.ByteBuffer.allocate(17).put("IHDR".getBytes(StandardCharsets.US_ASCII))
                .putInt(width).putInt(height).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(ihdr.array());
        return java.nio.ByteBuffer.allocate(8 + 4 + 17 + 4)
                .put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'})
                .putInt(13).put(ihdr.array()).putInt((int) crc.getValue()).array();
    }
}
