package socialdesk.platforms.mastodon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import socialdesk.core.post.PostContent;
import socialdesk.core.post.PostImage;
import socialdesk.core.publish.PublishOutcome.Permanent;
import socialdesk.core.publish.PublishOutcome.Published;
import socialdesk.core.publish.PublishOutcome.Transient;
import socialdesk.core.publish.PublishRequest;
import socialdesk.platforms.PlatformHttp;
import socialdesk.platforms.PublicUrlFetcher;
import socialdesk.platforms.fake.FakeMastodon;
import socialdesk.platforms.fake.FakePlatformServer.RecordedRequest;
import socialdesk.platforms.fake.FakeWebPages;
import socialdesk.platforms.fake.MastodonMediaEndpoints.Attachment;
import socialdesk.platforms.fake.MultipartBody;
import socialdesk.platforms.fake.TestClock;
import socialdesk.platforms.fake.TestImages;

/** Images on Mastodon, against {@link FakeMastodon}'s media endpoints, the images served by {@link FakeWebPages}. */
class MastodonMediaTest {
    private static final HttpClient CLIENT = PlatformHttp.newClient(Duration.ofSeconds(2));
    private static final Instant NOW = Instant.parse("2026-12-06T09:00:00Z");

    private final TestClock clock = new TestClock(NOW);
    private final FakeMastodon mastodon = new FakeMastodon(FakeMastodon.DEFAULT_TOKEN, 500, clock);
    private final FakeWebPages pages = new FakeWebPages();
    private final MastodonPublisher publisher = new MastodonPublisher(CLIENT, mastodon.account(), clock, Duration.ofSeconds(2),
            pages.fetcher());

    @AfterEach
    void stop() {
        mastodon.close();
        pages.close();
    }

    private PublishRequest request(List<PostImage> images) {
        return new PublishRequest("post-1", new PostContent("Our new office", null, images), "post-1/mastodon", NOW);
    }

    private List<PostImage> served(int count) {
        List<PostImage> images = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            pages.file("/img/" + i + ".png", "image/png", TestImages.png(40 + i, 30));
            images.add(new PostImage(pages.url("/img/" + i + ".png"), "Photo " + i + " of the new office"));
        }
        return images;
    }

    @Test
    void uploadsTheImageWithItsAltTextThenPostsTheStatusWithIt() {
        byte[] png = TestImages.png(64, 48);
        pages.file("/office.png", "image/png", png);

        Published published = assertInstanceOf(Published.class, publisher.publish(request(
                List.of(new PostImage(pages.url("/office.png"), "The team at the new office's front desk")))));

        Attachment upload = mastodon.media().uploads().getFirst();
        assertEquals("The team at the new office's front desk", upload.description());
        assertEquals("image/png", upload.contentType());
        assertEquals(png.length, upload.bytes());
        assertEquals(published.remoteId(), upload.statusId());
        assertEquals(List.of(upload.id()), mastodon.requests(FakeMastodon.STATUSES).getFirst().json().get("media_ids"));
        assertEquals(List.of(), mastodon.violations());
    }

    @Test
    void fourImagesKeepTheirOrderAndEachItsAltText() {
        List<PostImage> images = served(4);

        Published published = assertInstanceOf(Published.class, publisher.publish(request(images)));

        List<Attachment> uploads = mastodon.media().uploads();
        assertEquals(List.of("Photo 1 of the new office", "Photo 2 of the new office", "Photo 3 of the new office",
                "Photo 4 of the new office"), uploads.stream().map(Attachment::description).toList());
        assertEquals(uploads.stream().map(Attachment::id).toList(),
                mastodon.requests(FakeMastodon.STATUSES).getFirst().json().get("media_ids"));
        assertTrue(uploads.stream().allMatch(a -> published.remoteId().equals(a.statusId())));
        assertEquals(List.of(), mastodon.violations());
    }

    @Test
    void aStatusWhoseAnswerWasLostIsPostedOnceWhenRetried() {
        List<PostImage> images = served(2);
        MastodonPublisher impatient = new MastodonPublisher(CLIENT, mastodon.account(), clock, Duration.ofMillis(300),
                pages.fetcher());
        mastodon.hangNext(FakeMastodon.STATUSES, 1, Duration.ofMillis(800));

        assertInstanceOf(Transient.class, impatient.publish(request(images)));
        Published retried = assertInstanceOf(Published.class, impatient.publish(request(images)));

        assertEquals(1, mastodon.statusesCreated());
        assertEquals(retried.remoteId(), mastodon.statuses().getFirst().id());
        assertEquals(4, mastodon.media().uploads().size(), "uploads are repeated; only the status is guarded");
    }

    @Test
    void anAttachmentStillProcessingIsWaitedFor() {
        List<PostImage> images = served(1);
        mastodon.media().processNext(1);

        Published published = assertInstanceOf(Published.class, publisher.publish(request(images)));

        assertEquals(published.remoteId(), mastodon.media().uploads().getFirst().statusId());
        assertEquals(2, mastodon.requests().stream().filter(r -> r.path().startsWith("/api/v1/media/")).count(),
                "206 while processing, then 200");
        assertEquals(List.of(), mastodon.violations());
    }

    @Test
    void anImageOfATypeMastodonRefusesFailsForGoodWithoutPosting() {
        pages.file("/logo", "image/svg+xml", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>".getBytes());

        Permanent refused = assertInstanceOf(Permanent.class, publisher.publish(request(
                List.of(new PostImage(pages.url("/logo"), "Our logo")))));

        assertTrue(refused.reason().startsWith("mastodon: image 1 is SVG; mastodon takes "), refused.reason());
        assertEquals(List.of(), mastodon.requests());
    }

    @Test
    void anImageThatCannotBeFetchedNowIsRetriedLater() {
        Transient later = assertInstanceOf(Transient.class, publisher.publish(request(
                List.of(new PostImage(pages.url("/missing.png"), "Missing")))));

        assertTrue(later.reason().startsWith("mastodon: could not fetch image 1: "), later.reason());
        assertEquals(List.of(), mastodon.requests());
    }

    @Test
    void anImageOnAPrivateAddressIsNeverFetched() {
        MastodonPublisher production = new MastodonPublisher(CLIENT, mastodon.account(), clock, Duration.ofSeconds(2),
                new PublicUrlFetcher(Duration.ofSeconds(2)));

        Transient refused = assertInstanceOf(Transient.class, production.publish(request(
                List.of(new PostImage("http://169.254.169.254/latest/meta-data/iam/x.png", "Credentials")))));

        assertEquals("mastodon: could not fetch image 1: 169.254.169.254 is not a public address", refused.reason());
        assertEquals(List.of(), mastodon.requests());
        assertEquals(List.of(), pages.requested());
    }

    @Test
    void theMultipartBodyCarriesTheFileBytesUnchanged() {
        byte[] jpeg = TestImages.jpeg(33, 21);
        pages.file("/a.jpg", "image/jpeg", jpeg);

        assertInstanceOf(Published.class, publisher.publish(request(List.of(new PostImage(pages.url("/a.jpg"), "A")))));

        RecordedRequest upload = mastodon.requests(FakeMastodon.MEDIA).getFirst();
        byte[] sent = MultipartBody.parse(upload.header("Content-Type"), upload.bytes()).part("file").bytes();
        assertArrayEquals(jpeg, sent);
    }
}
