package socialdesk.platforms.linkedin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

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
import socialdesk.core.publish.PublishOutcome.Published;
import socialdesk.core.publish.PublishOutcome.Transient;
import socialdesk.core.publish.PublishRequest;
import socialdesk.platforms.PlatformHttp;
import socialdesk.platforms.fake.FakeLinkedIn;
import socialdesk.platforms.fake.FakeWebPages;
import socialdesk.platforms.fake.LinkedInImageUploads.Image;
import socialdesk.platforms.fake.TestClock;
import socialdesk.platforms.fake.TestImages;

/** Images on LinkedIn through the Images API, against {@link FakeLinkedIn}; the images served by {@link FakeWebPages}. */
class LinkedInImagesTest {
    private static final HttpClient CLIENT = PlatformHttp.newClient(Duration.ofSeconds(2));
    private static final Instant NOW = Instant.parse("2026-12-06T09:00:00Z");

    private final TestClock clock = new TestClock(NOW);
    private final FakeLinkedIn linkedIn = new FakeLinkedIn();
    private final FakeWebPages pages = new FakeWebPages();

    @AfterEach
    void stop() {
        linkedIn.close();
        pages.close();
    }

    private LinkedInPublisher publisher(Duration timeout) {
        return new LinkedInPublisher(CLIENT, linkedIn.account(), clock, timeout, TokenSource.fixed(FakeLinkedIn.TOKEN),
                pages.fetcher());
    }

    private List<PostImage> served(int count) {
        List<PostImage> images = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            pages.file("/team-" + i + ".jpg", "image/jpeg", TestImages.jpeg(80, 60));
            images.add(new PostImage(pages.url("/team-" + i + ".jpg"), "Team photo " + i));
        }
        return images;
    }

    private static PublishRequest request(List<PostImage> images) {
        return new PublishRequest("post-1", new PostContent("We are hiring (see photos)", null, images), "post-1/linkedin", NOW);
    }

    @Test
    void oneImageIsUploadedThenPostedAsMediaWithItsAltText() {
        assertInstanceOf(Published.class, publisher(Duration.ofSeconds(5)).publish(request(served(1))));

        Image image = linkedIn.images().registered().getFirst();
        assertEquals("image/jpeg", image.contentType());
        assertEquals(Map.of("media", Map.of("id", image.urn(), "altText", "Team photo 1")),
                linkedIn.posts().getFirst().body().get("content"));
        assertEquals(List.of(), linkedIn.violations());
    }

    @Test
    void fourImagesArePostedAsAMultiImageInOrder() {
        assertInstanceOf(Published.class, publisher(Duration.ofSeconds(5)).publish(request(served(4))));

        List<Image> images = linkedIn.images().registered();
        List<Object> expected = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            expected.add(Map.of("id", images.get(i).urn(), "altText", "Team photo " + (i + 1)));
        }
        assertEquals(Map.of("multiImage", Map.of("images", expected)), linkedIn.posts().getFirst().body().get("content"));
        assertEquals(List.of(), linkedIn.violations());
    }

    @Test
    void aPostWhoseAnswerWasLostIsNamedByLinkedInsDuplicateRefusalNotPostedAgain() {
        List<PostImage> images = served(2);
        linkedIn.hangNext("/rest/posts", 1, Duration.ofSeconds(2));

        assertInstanceOf(Transient.class, publisher(Duration.ofMillis(500)).publish(request(images)));
        Published found = assertInstanceOf(Published.class, publisher(Duration.ofSeconds(5)).publish(request(images)));

        assertEquals(1, linkedIn.posts().size());
        assertEquals(linkedIn.posts().getFirst().urn(), found.remoteId());
        assertEquals(4, linkedIn.images().registered().size(), "uploads are repeated; the post is not");
    }
}
