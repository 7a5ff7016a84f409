package socialdesk.platforms.instagram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

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
import socialdesk.platforms.fake.TestClock;
import socialdesk.platforms.meta.ContainerWait;

/** The account's media lookup before a resend, against {@link FakeGraph} on loopback. */
class InstagramSentPostsTest {
    private static final HttpClient CLIENT = PlatformHttp.newClient(Duration.ofSeconds(2));
    private static final Instant SENT_SINCE = Instant.now().minus(Duration.ofMinutes(3));

    private final TestClock clock = new TestClock(SENT_SINCE);
    private final FakeGraph graph = new FakeGraph("v24.0");
    private final InstagramPublisher publisher = new InstagramPublisher(CLIENT, graph.instagramAccount(), clock,
            Duration.ofSeconds(5), new ContainerWait(Duration.ofMillis(5), Duration.ofMillis(300)));

    @AfterEach
    void stop() {
        graph.close();
    }

    private static PublishRequest request(String text) {
        return new PublishRequest("post-1", new PostContent(text, "https://example.com/a",
                java.util.List.of(new socialdesk.core.post.PostImage("https://cdn.example.com/a.jpg", "The shop front"))),
                "post-1/instagram", SENT_SINCE);
    }

    @Test
    void findsThePublishedMediaByItsCaption() {
        Published sent = assertInstanceOf(Published.class, publisher.publish(request("New shop in District 1")));

        Reconciliation.Found found = assertInstanceOf(Reconciliation.Found.class,
                publisher.sentPosts().find(request("New shop in District 1"), SENT_SINCE));

        assertEquals(sent.remoteId(), found.remoteId());
        assertEquals(sent.url(), found.url());
        assertEquals("/v24.0/" + FakeGraph.IG_USER_ID + "/media", graph.requests().getLast().path());
        assertEquals(List.of(), graph.violations());
    }

    @Test
    void aContainerThatWasNeverPublishedIsNotFound() {
        assertInstanceOf(Published.class, publisher.publish(request("Another caption")));

        assertInstanceOf(Reconciliation.NotFound.class, publisher.sentPosts().find(request("New shop in District 1"), SENT_SINCE));
    }

    @Test
    void aFailingLookupSaysSo() {
        graph.failNext(1, 503, Map.of(), "{\"error\":{\"message\":\"Service temporarily unavailable\",\"type\":\"OAuthException\",\"code\":2}}");

        assertInstanceOf(Reconciliation.LookupFailed.class, publisher.sentPosts().find(request("x"), SENT_SINCE));
    }
}
