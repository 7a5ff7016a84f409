package socialdesk.platforms.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import socialdesk.core.json.Json;
import socialdesk.core.post.PostContent;
import socialdesk.core.post.PostImage;
import socialdesk.core.publish.PublishOutcome.Permanent;
import socialdesk.core.publish.PublishOutcome.Published;
import socialdesk.core.publish.PublishRequest;
import socialdesk.platforms.PlatformHttp;
import socialdesk.platforms.facebook.FacebookPublisher;
import socialdesk.platforms.fake.FakeGraph;
import socialdesk.platforms.fake.TestClock;
import socialdesk.platforms.instagram.InstagramPublisher;
import socialdesk.platforms.threads.ThreadsPublisher;

/**
 * Images on Facebook, Instagram and Threads against {@link FakeGraph}, which checks photos,
 * attached media and carousels as the Graph API does. Meta fetches the images from their URLs.
 */
class MetaMediaTest {
    private static final HttpClient CLIENT = PlatformHttp.newClient(Duration.ofSeconds(2));
    private static final Instant NOW = Instant.parse("2026-12-06T09:00:00Z");
    private static final ContainerWait FAST = new ContainerWait(Duration.ofMillis(5), Duration.ofMillis(300));

    private final TestClock clock = new TestClock(NOW);

    private static List<PostImage> images(int count) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(i -> new PostImage("https://cdn.example.com/shop-" + i + ".jpg", "Shop photo " + i)).toList();
    }

    private static PublishRequest request(String key, int images) {
        return new PublishRequest("post-1", new PostContent("Khai trương!", "https://example.com/open", images(images)), key, NOW);
    }

    @Test
    void facebookPostsOneImageAsAPhotoPostWithTheTextAsItsMessage() {
        try (FakeGraph graph = new FakeGraph("v24.0")) {
            FacebookPublisher publisher = new FacebookPublisher(CLIENT, graph.facebookAccount(), clock, Duration.ofSeconds(5));

            Published published = assertInstanceOf(Published.class, publisher.publish(request("post-1/facebook", 1)));

            FakeGraph.Post post = graph.posts().getFirst();
            assertEquals(post.id(), published.remoteId());
            assertEquals(Map.of("url", "https://cdn.example.com/shop-1.jpg", "message", "Khai trương!\n\nhttps://example.com/open"),
                    post.fields());
            assertEquals(List.of(), graph.violations());
        }
    }

    @Test
    void facebookPostsSeveralImagesAsUnpublishedPhotosAttachedToOneFeedPost() {
        try (FakeGraph graph = new FakeGraph("v24.0")) {
            FacebookPublisher publisher = new FacebookPublisher(CLIENT, graph.facebookAccount(), clock, Duration.ofSeconds(5));

            assertInstanceOf(Published.class, publisher.publish(request("post-1/facebook", 4)));

            assertEquals(1, graph.posts().size());
            Map<String, String> fields = graph.posts().getFirst().fields();
            assertEquals(4, fields.keySet().stream().filter(k -> k.startsWith("attached_media[")).count());
            assertTrue(Json.parseObject(fields.get("attached_media[0]")).containsKey("media_fbid"));
            List<String> photoUploads = graph.requests().stream().filter(r -> r.path().endsWith("/photos"))
                    .map(r -> socialdesk.platforms.fake.FakePlatformServer.formField(r.body(), "url") + " published="
                            + socialdesk.platforms.fake.FakePlatformServer.formField(r.body(), "published")).toList();
            assertEquals(List.of("https://cdn.example.com/shop-1.jpg published=false", "https://cdn.example.com/shop-2.jpg published=false",
                    "https://cdn.example.com/shop-3.jpg published=false", "https://cdn.example.com/shop-4.jpg published=false"),
                    photoUploads);
            assertEquals(java.util.Set.of(), graph.unattachedPhotos());
            assertEquals(List.of(), graph.violations());
        }
    }

    @Test
    void instagramPostsSeveralImagesAsACarouselOfItemsWithAltText() {
        try (FakeGraph graph = new FakeGraph("v24.0")) {
            InstagramPublisher publisher = new InstagramPublisher(CLIENT, graph.instagramAccount(), clock, Duration.ofSeconds(5), FAST);

            Published published = assertInstanceOf(Published.class, publisher.publish(request("post-1/instagram", 3)));

            FakeGraph.Post post = graph.posts().getFirst();
            assertEquals(published.remoteId(), post.id());
            assertEquals("CAROUSEL", post.fields().get("media_type"));
            assertEquals("Khai trương!\n\nhttps://example.com/open", post.fields().get("caption"));
            List<Map<String, String>> items = graph.carouselItems(post.id());
            assertEquals(List.of("Shop photo 1", "Shop photo 2", "Shop photo 3"), items.stream().map(i -> i.get("alt_text")).toList());
            assertEquals(List.of("https://cdn.example.com/shop-1.jpg", "https://cdn.example.com/shop-2.jpg",
                    "https://cdn.example.com/shop-3.jpg"), items.stream().map(i -> i.get("image_url")).toList());
            assertTrue(items.stream().allMatch(i -> "true".equals(i.get("is_carousel_item"))));
            assertEquals(List.of(), graph.violations());
        }
    }

    @Test
    void instagramRefusesANonJpegImageBeforeAnyCall() {
        try (FakeGraph graph = new FakeGraph("v24.0")) {
            InstagramPublisher publisher = new InstagramPublisher(CLIENT, graph.instagramAccount(), clock, Duration.ofSeconds(5), FAST);
            List<PostImage> mixed = List.of(new PostImage("https://cdn.example.com/a.jpg", "A"),
                    new PostImage("https://cdn.example.com/b.webp", "B"));

            Permanent refused = assertInstanceOf(Permanent.class, publisher.publish(new PublishRequest("post-1",
                    new PostContent("Mixed", null, mixed), "post-1/instagram", NOW)));

            assertEquals("instagram: image 2 is WebP (by its file name); instagram takes JPEG images", refused.reason());
            assertEquals(List.of(), graph.requests());
        }
    }

    @Test
    void threadsPostsOneImageWithAltTextAndFourAsACarousel() {
        try (FakeGraph graph = new FakeGraph("v1.0")) {
            ThreadsPublisher publisher = new ThreadsPublisher(CLIENT, graph.threadsAccount(), clock, Duration.ofSeconds(5), FAST);

            assertInstanceOf(Published.class, publisher.publish(request("post-1/threads", 1)));
            Published carousel = assertInstanceOf(Published.class, publisher.publish(new PublishRequest("post-2",
                    new PostContent("Bốn ảnh", null, images(4)), "post-2/threads", NOW)));

            Map<String, String> single = graph.posts().getFirst().fields();
            assertEquals("IMAGE", single.get("media_type"));
            assertEquals("Shop photo 1", single.get("alt_text"));
            FakeGraph.Post post = graph.posts().get(1);
            assertEquals(carousel.remoteId(), post.id());
            assertEquals("CAROUSEL", post.fields().get("media_type"));
            List<Map<String, String>> items = graph.carouselItems(post.id());
            assertEquals(4, items.size());
            assertTrue(items.stream().allMatch(i -> "IMAGE".equals(i.get("media_type")) && i.get("alt_text").startsWith("Shop photo")));
            assertEquals(List.of(), graph.violations());
        }
    }
}
