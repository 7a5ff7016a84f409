package socialdesk.platforms.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import socialdesk.core.post.PostContent;
import socialdesk.core.post.PostImage;
import socialdesk.core.publish.PublishOutcome.Published;
import socialdesk.core.publish.PublishRequest;
import socialdesk.platforms.PlatformHttp;
import socialdesk.platforms.fake.FakeSlack;
import socialdesk.platforms.fake.TestClock;

/** Images on Slack against {@link FakeSlack}, which checks the blocks as Block Kit does. */
class SlackImagesTest {
    private static final HttpClient CLIENT = PlatformHttp.newClient(Duration.ofSeconds(2));
    private static final Instant NOW = Instant.parse("2026-12-06T09:00:00Z");

    private final TestClock clock = new TestClock(NOW);
    private final FakeSlack slack = new FakeSlack(clock);
    private final SlackPublisher publisher = new SlackPublisher(CLIENT, slack.account(), clock, Duration.ofSeconds(2));

    @AfterEach
    void stop() {
        slack.close();
    }

    private static List<PostImage> images(int count) {
        return java.util.stream.IntStream.rangeClosed(1, count)
                .mapToObj(i -> new PostImage("https://cdn.example.com/" + i + ".png", "Chart " + i + " <of 4> & rising")).toList();
    }

    @Test
    void imagesBecomeImageBlocksWithAltTextAfterTheTextInASection() {
        assertInstanceOf(Published.class, publisher.publish(new PublishRequest("post-1",
                new PostContent("Q4 numbers <3 & more", null, images(1)), "post-1/slack", NOW)));

        assertEquals(List.of(
                Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", "Q4 numbers &lt;3 &amp; more")),
                Map.of("type", "image", "image_url", "https://cdn.example.com/1.png", "alt_text", "Chart 1 <of 4> & rising")),
                slack.blocks().getFirst());
        assertEquals("Q4 numbers <3 & more", slack.messages().getFirst().text(), "the fallback text is still sent");
        assertEquals(List.of(), slack.violations());
    }

    @Test
    void aLongTextTakesSeveralSectionsAndFourImagesFollowInOrder() {
        String text = "a&b ".repeat(2500);

        assertInstanceOf(Published.class, publisher.publish(new PublishRequest("post-1",
                new PostContent(text, null, images(4)), "post-1/slack", NOW)));

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> blocks = (List<Map<String, Object>>) slack.blocks().getFirst();
        List<Map<String, Object>> sections = blocks.stream().filter(b -> b.get("type").equals("section")).toList();
        assertTrue(sections.size() >= 5, "escaped text of " + SlackPublisher.escape(text).length() + " chars in sections of 3000");
        assertEquals(SlackPublisher.escape(text).strip(), String.join("", sections.stream()
                .map(b -> (String) ((Map<?, ?>) b.get("text")).get("text")).toList()).strip());
        assertEquals(List.of("https://cdn.example.com/1.png", "https://cdn.example.com/2.png", "https://cdn.example.com/3.png",
                "https://cdn.example.com/4.png"), blocks.stream().filter(b -> b.get("type").equals("image"))
                .map(b -> b.get("image_url")).toList());
        assertEquals(List.of(), slack.violations());
    }
}
