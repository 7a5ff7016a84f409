package socialdesk.platforms.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
import socialdesk.core.platform.token.TokenSource;

/** The profile's threads lookup before a resend, against {@link FakeGraph} on loopback. */
class ThreadsSentPostsTest {
    private static final HttpClient CLIENT = PlatformHttp.newClient(Duration.ofSeconds(2));
    private static final Instant SENT_SINCE = Instant.now().minus(Duration.ofMinutes(3));

    private final TestClock clock = new TestClock(SENT_SINCE);
    private final FakeGraph graph = new FakeGraph("v1.0");
    private final ThreadsPublisher publisher = new ThreadsPublisher(CLIENT, graph.threadsAccount(), clock, Duration.ofSeconds(5),
            new ContainerWait(Duration.ofMillis(5), Duration.ofMillis(300)), TokenSource.fixed(FakeGraph.TOKEN));

    @AfterEach
    void stop() {
        graph.close();
    }

    private static PublishRequest request(String text) {
        return new PublishRequest("post-1", new PostContent(text, null), "post-1/threads", SENT_SINCE);
    }

    @Test
    void findsTheThreadByItsText() {
        Published sent = assertInstanceOf(Published.class, publisher.publish(request("Chào mừng! Cửa hàng mới")));

        Reconciliation.Found found = assertInstanceOf(Reconciliation.Found.class,
                publisher.sentPosts().find(request("Chào mừng! Cửa hàng mới"), SENT_SINCE));

        assertEquals(sent.remoteId(), found.remoteId());
        assertEquals("/v1.0/" + FakeGraph.THREADS_USER_ID + "/threads", graph.requests().getLast().path());
        assertEquals(List.of(), graph.violations());
    }

    @Test
    void anotherTextIsNotFound() {
        assertInstanceOf(Published.class, publisher.publish(request("first")));

        assertInstanceOf(Reconciliation.NotFound.class, publisher.sentPosts().find(request("second"), SENT_SINCE));
    }

    @Test
    void anExpiredTokenIsAFailedLookup() {
        graph.expireToken();

        assertInstanceOf(Reconciliation.LookupFailed.class, publisher.sentPosts().find(request("first"), SENT_SINCE));
    }
}
