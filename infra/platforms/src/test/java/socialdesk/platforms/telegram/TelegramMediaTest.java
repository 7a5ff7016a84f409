package socialdesk.platforms.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import socialdesk.core.post.PostContent;
import socialdesk.core.post.PostImage;
import socialdesk.core.publish.PublishOutcome.Permanent;
import socialdesk.core.publish.PublishOutcome.Published;
import socialdesk.core.publish.PublishRequest;
import socialdesk.platforms.PlatformHttp;
import socialdesk.platforms.fake.FakeTelegram;
import socialdesk.platforms.fake.TelegramPhotos.Photo;
import socialdesk.platforms.fake.TestClock;

/** Photos on Telegram against {@link FakeTelegram}: Telegram fetches the images from their URLs itself. */
class TelegramMediaTest {
    private static final HttpClient CLIENT = PlatformHttp.newClient(Duration.ofSeconds(2));
    private static final Instant NOW = Instant.parse("2026-12-06T09:00:00Z");

    private final TestClock clock = new TestClock(NOW);
    private final FakeTelegram telegram = new FakeTelegram(clock);
    private final TelegramPublisher publisher = new TelegramPublisher(CLIENT, telegram.account(), clock, Duration.ofSeconds(2));

    @AfterEach
    void stop() {
        telegram.close();
    }

    private static PublishRequest request(String text, int images) {
        List<PostImage> list = java.util.stream.IntStream.rangeClosed(1, images)
                .mapToObj(i -> new PostImage("https://cdn.example.com/p" + i + ".jpg", "Photo " + i)).toList();
        return new PublishRequest("post-1", new PostContent(text, "https://example.com/sale", list), "post-1/telegram", NOW);
    }

    @Test
    void oneImageIsAPhotoWithTheTextAsItsCaption() {
        Published published = assertInstanceOf(Published.class, publisher.publish(request("Giảm giá 20%", 1)));

        Photo photo = telegram.photos().sent().getFirst();
        assertEquals("https://cdn.example.com/p1.jpg", photo.url());
        assertEquals("Giảm giá 20%\n\nhttps://example.com/sale", photo.caption());
        assertEquals(FakeTelegram.CHANNEL_ID + "/" + photo.messageId(), published.remoteId());
        assertEquals("/bot" + FakeTelegram.TOKEN + "/sendPhoto", telegram.requests().getFirst().path());
        assertEquals(List.of(), telegram.violations());
    }

    @Test
    void fourImagesAreAnAlbumCaptionedOnTheFirstAndTheFirstMessageIsThePost() {
        Published published = assertInstanceOf(Published.class, publisher.publish(request("Album", 4)));

        List<Photo> sent = telegram.photos().sent();
        assertEquals(List.of("https://cdn.example.com/p1.jpg", "https://cdn.example.com/p2.jpg", "https://cdn.example.com/p3.jpg",
                "https://cdn.example.com/p4.jpg"), sent.stream().map(Photo::url).toList());
        assertEquals("Album\n\nhttps://example.com/sale", sent.getFirst().caption());
        assertNull(sent.get(1).caption());
        assertEquals(FakeTelegram.CHANNEL_ID + "/" + sent.getFirst().messageId(), published.remoteId());
        assertEquals(List.of(), telegram.violations());
    }

    @Test
    void aTextOverTheCaptionLimitIsRefusedBeforeSending() {
        Permanent refused = assertInstanceOf(Permanent.class, publisher.publish(request("a".repeat(1000), 1)));

        assertEquals("telegram: a post with images is sent as a photo caption, which holds 1024 characters (UTF-16 units); "
                + "the text is 1026", refused.reason());
        assertEquals(List.of(), telegram.requests());
    }
}
