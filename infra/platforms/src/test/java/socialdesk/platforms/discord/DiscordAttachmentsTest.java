package socialdesk.platforms.discord;

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
import socialdesk.core.json.JsonRead;
import socialdesk.core.post.PostContent;
import socialdesk.core.post.PostImage;
import socialdesk.core.publish.PublishOutcome.Published;
import socialdesk.core.publish.PublishRequest;
import socialdesk.platforms.PlatformHttp;
import socialdesk.platforms.fake.FakeDiscord;
import socialdesk.platforms.fake.FakeWebPages;
import socialdesk.platforms.fake.TestClock;
import socialdesk.platforms.fake.TestImages;

/** Images on Discord as webhook attachments, against {@link FakeDiscord}; the images served by {@link FakeWebPages}. */
class DiscordAttachmentsTest {
    private static final HttpClient CLIENT = PlatformHttp.newClient(Duration.ofSeconds(2));
    private static final Instant NOW = Instant.parse("2026-12-06T09:00:00Z");

    private final TestClock clock = new TestClock(NOW);
    private final FakeDiscord discord = new FakeDiscord(clock);
    private final FakeWebPages pages = new FakeWebPages();
    private final DiscordPublisher publisher = new DiscordPublisher(CLIENT, discord.account(), clock, Duration.ofSeconds(2),
            pages.fetcher());

    @AfterEach
    void stop() {
        discord.close();
        pages.close();
    }

    @Test
    void imagesAreAttachedWithTheirAltTextAsDescriptions() {
        List<PostImage> images = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            byte[] png = TestImages.png(20 * i, 20);
            sizes.add(png.length);
            pages.file("/p" + i, "image/png", png);
            images.add(new PostImage(pages.url("/p" + i), "Screenshot " + i + " of the release"));
        }

        Published published = assertInstanceOf(Published.class, publisher.publish(new PublishRequest("post-1",
                new PostContent("Release 2.0 @everyone", null, images), "post-1/discord", NOW)));

        List<Object> attachments = discord.attachments(published.remoteId());
        assertEquals(List.of("Screenshot 1 of the release", "Screenshot 2 of the release", "Screenshot 3 of the release",
                "Screenshot 4 of the release"), attachments.stream().map(a -> JsonRead.string(a, "description")).toList());
        assertEquals(List.of("image-1.png", "image-2.png", "image-3.png", "image-4.png"),
                attachments.stream().map(a -> JsonRead.string(a, "filename")).toList());
        assertEquals(sizes.stream().map(Integer::longValue).toList(),
                attachments.stream().map(a -> JsonRead.integer(a, "size")).toList());
        FakeDiscord.Message message = discord.messages().getFirst();
        assertEquals("Release 2.0 @everyone", message.content());
        assertEquals(Map.of("parse", List.of()), message.allowedMentions());
        assertEquals(List.of(), discord.violations());
    }
}
