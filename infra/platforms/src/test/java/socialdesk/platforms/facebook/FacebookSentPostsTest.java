package socialdesk.platforms.facebook;

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
import socialdesk.platforms.fake.FakeGraph;
import socialdesk.platforms.fake.FakePlatformServer.RecordedRequest;
import socialdesk.platforms.fake.TestClock;

/** The Page feed lookup before a resend, against {@link FakeGraph} on loopback. */
class FacebookSentPostsTest {
    private static final HttpClient CLIENT = PlatformHttp.newClient(Duration.ofSeconds(2));
    private static final Instant SENT_SINCE = Instant.now().minus(Duration.ofMinutes(3));

    private final TestClock clock = new TestClock(SENT_SINCE);
    private final FakeGraph graph = new FakeGraph("v24.0");
    private final FacebookPublisher publisher = new FacebookPublisher(CLIENT, graph.facebookAccount(), clock, Duration.ofSeconds(5));

    @AfterEach
    void stop() {
        graph.close();
    }

    private static PublishRequest request(String text, String link) {
        return new PublishRequest("post-1", new PostContent(text, link), "post-1/facebook", SENT_SINCE);
    }

    @Test
    void findsThePostTheLostAnswerWasAbout() {
        Published sent = assertInstanceOf(Published.class, publisher.publish(request("Opening hours: 8-20 every day", "https://example.com/h")));

        Reconciliation.Found found = assertInstanceOf(Reconciliation.Found.class,
                publisher.sentPosts().find(request("Opening hours: 8-20 every day", "https://example.com/h"), SENT_SINCE));

        assertEquals(sent.remoteId(), found.remoteId());
        assertEquals("https://www.facebook.com/" + sent.remoteId(), found.url());
        RecordedRequest lookup = graph.requests().getLast();
        assertEquals("GET", lookup.method());
        assertEquals("/v24.0/" + FakeGraph.PAGE_ID + "/feed", lookup.path());
        assertEquals(Long.toString(SENT_SINCE.minus(Duration.ofMinutes(5)).getEpochSecond()), lookup.query("since"));
        assertEquals(List.of(), graph.violations());
    }

    @Test
    void anOlderPostWithTheSameTextOrAnotherTextIsNotIt() {
        Published older = assertInstanceOf(Published.class, publisher.publish(request("Same words", null)));
        graph.createdAt(older.remoteId(), SENT_SINCE.minus(Duration.ofDays(7)));
        assertInstanceOf(Published.class, publisher.publish(request("Other words", null)));

        assertInstanceOf(Reconciliation.NotFound.class, publisher.sentPosts().find(request("Same words", null), SENT_SINCE));
        assertInstanceOf(Reconciliation.NotFound.class, publisher.sentPosts().find(request("Same word", null), SENT_SINCE));
        assertEquals(List.of(), graph.violations());
    }

    @Test
    void aFailingLookupSaysSoInsteadOfGuessing() {
        graph.failNext(1, 500, Map.of(), "{\"error\":{\"message\":\"An unexpected error has occurred.\",\"type\":\"OAuthException\",\"code\":2}}");

        Reconciliation.LookupFailed failed = assertInstanceOf(Reconciliation.LookupFailed.class,
                publisher.sentPosts().find(request("hi", null), SENT_SINCE));

        assertTrue(failed.reason().startsWith("facebook"), failed.reason());
    }

    @Test
    void anExpiredTokenIsAFailedLookup() {
        graph.expireToken();

        assertInstanceOf(Reconciliation.LookupFailed.class, publisher.sentPosts().find(request("hi", null), SENT_SINCE));
    }

    @Test
    void aLinkOnlyPostCannotBeToldApartSoAPersonDecides() {
        assertInstanceOf(Reconciliation.CannotLook.class,
                publisher.sentPosts().find(request("", "https://example.com/only-a-link"), SENT_SINCE));
        assertEquals(List.of(), graph.requests());
    }
}
