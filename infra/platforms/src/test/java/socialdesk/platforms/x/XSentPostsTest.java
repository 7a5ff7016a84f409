package socialdesk.platforms.x;

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
import socialdesk.core.publish.PublishOutcome.Published;
import socialdesk.core.publish.PublishRequest;
import socialdesk.core.publish.SentPostLookup.Reconciliation;
import socialdesk.platforms.PlatformHttp;
import socialdesk.platforms.fake.FakeX;
import socialdesk.platforms.fake.TestClock;

/** The account's posts looked up before a resend, against {@link FakeX} on loopback. */
class XSentPostsTest {
    private static final HttpClient CLIENT = PlatformHttp.newClient(Duration.ofSeconds(2));
    private static final Instant NOW = Instant.parse("2026-11-26T09:00:00Z");

    private final TestClock clock = new TestClock(NOW);
    private final FakeX x = new FakeX(clock);
    private final XPublisher publisher = new XPublisher(CLIENT, x.account(), clock, Duration.ofSeconds(5));

    @AfterEach
    void stop() {
        x.close();
    }

    private static PublishRequest request(String text, String link) {
        return new PublishRequest("post-1", new PostContent(text, link), "post-1/x", NOW);
    }

    @Test
    void findsThePostWithItsLinkShortenedAndItsAmpersandEscaped() {
        Published sent = assertInstanceOf(Published.class, publisher.publish(request("Fish & chips <today>", "https://example.com/menu")));
        clock.advance(Duration.ofMinutes(4));

        Reconciliation.Found found = assertInstanceOf(Reconciliation.Found.class,
                publisher.sentPosts().find(request("Fish & chips <today>", "https://example.com/menu"), NOW));

        assertEquals(sent.remoteId(), found.remoteId());
        assertEquals("https://x.com/i/web/status/" + sent.remoteId(), found.url());
        assertEquals("2026-11-26T08:55:00Z", x.requests().getLast().query("start_time"));
        assertEquals(List.of(), x.violations());
    }

    @Test
    void aPostWithOtherWordsIsNotIt() {
        assertInstanceOf(Published.class, publisher.publish(request("Fish and chips", null)));

        assertInstanceOf(Reconciliation.NotFound.class, publisher.sentPosts().find(request("Fish & chips", null), NOW));
    }

    @Test
    void aFailingLookupWaitsForTheRateLimitReset() {
        long reset = NOW.plus(Duration.ofMinutes(15)).getEpochSecond();
        x.failNext("/2/users/me", 1, 429, Map.of("x-rate-limit-reset", Long.toString(reset)), "{\"title\":\"Too Many Requests\"}");

        Reconciliation.LookupFailed failed = assertInstanceOf(Reconciliation.LookupFailed.class,
                publisher.sentPosts().find(request("hi", null), NOW));

        assertTrue(failed.reason().contains("429"), failed.reason());
        assertEquals(Instant.ofEpochSecond(reset), failed.notBefore());
    }
}
