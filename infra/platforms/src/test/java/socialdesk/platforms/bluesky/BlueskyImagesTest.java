package socialdesk.platforms.bluesky;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import socialdesk.core.json.JsonRead;
import socialdesk.core.post.PostContent;
import socialdesk.core.post.PostImage;
import socialdesk.core.publish.PublishOutcome.Permanent;
import socialdesk.core.publish.PublishOutcome.Published;
import socialdesk.core.publish.PublishOutcome.Transient;
import socialdesk.core.publish.PublishRequest;
import socialdesk.platforms.PlatformHttp;
import socialdesk.platforms.fake.FakeBluesky;
import socialdesk.platforms.fake.FakeWebPages;
import socialdesk.platforms.fake.TestClock;
import socialdesk.platforms.fake.TestImages;

/** Images on Bluesky against {@link FakeBluesky}, which checks the embed as the lexicon says; images from {@link FakeWebPages}. */
class BlueskyImagesTest {
    private static final HttpClient CLIENT = PlatformHttp.newClient(Duration.ofSeconds(2));
    private static final Instant DUE = Instant.parse("2026-12-06T09:00:00Z");

    private final TestClock clock = new TestClock(DUE.plusSeconds(1));
    private final FakeBluesky bluesky = new FakeBluesky(clock);
    private final FakeWebPages pages = new FakeWebPages();
    private final BlueskyPublisher publisher = new BlueskyPublisher(CLIENT, bluesky.account(), clock, Duration.ofMillis(700),
            pages.fetcher());

    @AfterEach
    void stop() {
        bluesky.close();
        pages.close();
    }

    private static PublishRequest request(String text, String link, List<PostImage> images) {
        return new PublishRequest("post-1", new PostContent(text, link, images), "post-1/bluesky", DUE);
    }

    private List<PostImage> served(int count) {
        List<PostImage> images = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            pages.file("/img/" + i, "image/png", TestImages.png(100 * i, 50));
            images.add(new PostImage(pages.url("/img/" + i), "Ảnh " + i + ": cửa hàng mới"));
        }
        return images;
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> embeddedImages() {
        Map<String, Object> embed = JsonRead.object(bluesky.records().getFirst().value(), "embed");
        assertEquals("app.bsky.embed.images", embed.get("$type"));
        return (List<Map<String, Object>>) embed.get("images");
    }

    @Test
    void anImageIsUploadedAsABlobAndEmbeddedWithItsAltTextAndAspectRatio() {
        byte[] jpeg = TestImages.jpeg(1200, 800);
        pages.file("/shop.jpg", "image/jpeg", jpeg);

        assertInstanceOf(Published.class, publisher.publish(request("Cửa hàng mới", null,
                List.of(new PostImage(pages.url("/shop.jpg"), "The new shop's front, with a green awning")))));

        Map<String, Object> image = embeddedImages().getFirst();
        assertEquals("The new shop's front, with a green awning", image.get("alt"));
        assertEquals(Map.of("width", 1200L, "height", 800L), image.get("aspectRatio"));
        Map<String, Object> blob = bluesky.blobs().get(JsonRead.string(image, "image", "ref", "$link"));
        assertEquals("image/jpeg", blob.get("mimeType"));
        assertEquals((long) jpeg.length, ((Number) blob.get("size")).longValue());
        assertEquals(List.of(), bluesky.violations());
    }

    @Test
    void fourImagesInOrderAndTheyReplaceTheLinkCard() {
        pages.page("/article", Map.of("og:title", "Khai trương", "og:description", "Giảm 20%"));

        assertInstanceOf(Published.class, publisher.publish(request("Bốn ảnh", pages.url("/article"), served(4))));

        List<Map<String, Object>> images = embeddedImages();
        assertEquals(List.of("Ảnh 1: cửa hàng mới", "Ảnh 2: cửa hàng mới", "Ảnh 3: cửa hàng mới", "Ảnh 4: cửa hàng mới"),
                images.stream().map(i -> i.get("alt")).toList());
        assertEquals(List.of(2L, 4L, 6L, 8L), images.stream()
                .map(i -> JsonRead.integer(i, "aspectRatio", "width") / JsonRead.integer(i, "aspectRatio", "height")).toList());
        assertTrue(pages.requested().stream().noneMatch(p -> p.equals("/article")), "no card is fetched for a post with images");
        assertEquals(List.of(), bluesky.violations());
    }

    @Test
    void aLostAnswerRetriedWritesOneRecord() {
        List<PostImage> images = served(2);
        publisher.publish(new PublishRequest("warm", new PostContent("warm up", null), "warm", DUE));
        bluesky.hangNext(FakeBluesky.CREATE_RECORD, 1, Duration.ofSeconds(2));

        assertInstanceOf(Transient.class, publisher.publish(request("Hai ảnh", null, images)));
        Published retried = assertInstanceOf(Published.class, publisher.publish(request("Hai ảnh", null, images)));

        assertEquals(1, bluesky.records().stream().filter(r -> r.text().equals("Hai ảnh")).count());
        assertEquals("at://" + FakeBluesky.DID + "/app.bsky.feed.post/" + Tid.forPost(DUE, "post-1/bluesky"), retried.remoteId());
    }

    @Test
    void anImageOverTheBlobLimitFailsForGoodBeforeAnyUpload() {
        byte[] big = new byte[1_000_001];
        System.arraycopy(TestImages.png(10, 10), 0, big, 0, 8);
        pages.file("/big", "image/png", big);

        Permanent refused = assertInstanceOf(Permanent.class, publisher.publish(request("Big", null,
                List.of(new PostImage(pages.url("/big"), "A big one")))));

        assertEquals("bluesky: image 1 is 1000001 bytes, the limit is 1000000", refused.reason());
        assertTrue(bluesky.blobs().isEmpty());
        assertTrue(bluesky.records().isEmpty());
    }

    @Test
    void anImageEmbedThePdsRefusesIsNeverDroppedToPostWithoutIt() {
        bluesky.failNext(FakeBluesky.CREATE_RECORD, 1, 400, Map.of(),
                "{\"error\":\"InvalidRequest\",\"message\":\"Invalid app.bsky.feed.post record: bad at $.record.embed.images[0]\"}");

        Permanent refused = assertInstanceOf(Permanent.class, publisher.publish(request("Với ảnh", null, served(1))));

        assertTrue(refused.reason().contains("$.record.embed.images[0]"), refused.reason());
        assertTrue(bluesky.records().isEmpty());
    }
}
