package socialdesk.platforms.x;

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
import socialdesk.core.platform.token.TokenSource;
import socialdesk.core.post.PostContent;
import socialdesk.core.post.PostImage;
import socialdesk.core.publish.PublishOutcome.Permanent;
import socialdesk.core.publish.PublishOutcome.Published;
import socialdesk.core.publish.PublishOutcome.Transient;
import socialdesk.core.publish.PublishRequest;
import socialdesk.platforms.PlatformHttp;
import socialdesk.platforms.fake.FakeWebPages;
import socialdesk.platforms.fake.FakeX;
import socialdesk.platforms.fake.MultipartBody;
import socialdesk.platforms.fake.TestClock;
import socialdesk.platforms.fake.TestImages;
import socialdesk.platforms.fake.XMediaEndpoints.Upload;

/** Images on X against {@link FakeX}'s v2 media endpoints; the images served by {@link FakeWebPages}. */
class XMediaTest {
    private static final HttpClient CLIENT = PlatformHttp.newClient(Duration.ofSeconds(2));
    private static final Instant NOW = Instant.parse("2026-12-06T09:00:00Z");

    private final TestClock clock = new TestClock(NOW);
    private final FakeX x = new FakeX(clock);
    private final FakeWebPages pages = new FakeWebPages();

    @AfterEach
    void stop() {
        x.close();
        pages.close();
    }

    private XPublisher publisher(Duration timeout) {
        return new XPublisher(CLIENT, x.account(), clock, timeout, TokenSource.fixed(FakeX.TOKEN), pages.fetcher());
    }

    private static PublishRequest request(List<PostImage> images) {
        return new PublishRequest("post-1", new PostContent("New menu, new photos", null, images), "post-1/x", NOW);
    }

    private List<PostImage> served(int count) {
        List<PostImage> images = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            pages.file("/dish-" + i + ".jpg", "image/jpeg", TestImages.jpeg(60, 40));
            images.add(new PostImage(pages.url("/dish-" + i + ".jpg"), "Dish " + i + " on a white plate"));
        }
        return images;
    }

    @Test
    void uploadsEachImageSetsItsAltTextAndPostsWithTheMediaIds() {
        Published published = assertInstanceOf(Published.class, publisher(Duration.ofSeconds(5)).publish(request(served(1))));

        Upload upload = x.media().uploads().getFirst();
        assertEquals("Dish 1 on a white plate", upload.altText());
        assertEquals("image/jpeg", upload.contentType());
        var sent = x.requests("/2/tweets").getFirst().json();
        assertEquals(Map.of("media_ids", List.of(upload.id())), sent.get("media"));
        assertEquals(published.remoteId(), x.tweets().getFirst().id());
        var multipart = x.requests("/2/media/upload").getFirst();
        assertEquals("tweet_image", MultipartBody.parse(multipart.header("Content-Type"), multipart.bytes())
                .part("media_category").text());
        assertEquals(List.of(), x.violations());
    }

    @Test
    void fourImagesInOrder() {
        assertInstanceOf(Published.class, publisher(Duration.ofSeconds(5)).publish(request(served(4))));

        List<Upload> uploads = x.media().uploads();
        assertEquals(List.of("Dish 1 on a white plate", "Dish 2 on a white plate", "Dish 3 on a white plate",
                "Dish 4 on a white plate"), uploads.stream().map(Upload::altText).toList());
        assertEquals(Map.of("media_ids", uploads.stream().map(Upload::id).toList()),
                x.requests("/2/tweets").getFirst().json().get("media"));
        assertEquals(List.of(), x.violations());
    }

    @Test
    void aPostWhoseAnswerWasLostIsFoundNotPostedAgain() {
        List<PostImage> images = served(2);
        x.hangNext("/2/tweets", 1, Duration.ofSeconds(3));

        assertInstanceOf(Transient.class, publisher(Duration.ofMillis(500)).publish(request(images)));
        Published found = assertInstanceOf(Published.class, publisher(Duration.ofSeconds(5)).publish(request(images)));

        assertEquals(1, x.tweets().size());
        assertEquals(x.tweets().getFirst().id(), found.remoteId());
        assertEquals(4, x.media().uploads().size(), "uploads are repeated; the post is not");
    }

    @Test
    void anImageOverFiveMegabytesFailsForGoodWithoutUploading() {
        byte[] big = new byte[5 * 1024 * 1024 + 1];
        System.arraycopy(TestImages.jpeg(8, 8), 0, big, 0, 3);
        pages.file("/huge", "image/jpeg", big);

        Permanent refused = assertInstanceOf(Permanent.class, publisher(Duration.ofSeconds(5)).publish(request(
                List.of(new PostImage(pages.url("/huge"), "Huge")))));

        assertEquals("x: image 1 is 5242881 bytes, the limit is 5242880", refused.reason());
        assertTrue(x.requests().isEmpty());
    }
}
