package socialdesk.platforms.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import socialdesk.platforms.fake.FakePlatformServer.RecordedRequest;
import socialdesk.platforms.fake.FakeSlack;
import socialdesk.platforms.fake.TestClock;

/** The channel history lookup before a resend, matched on the message metadata, against {@link FakeSlack}. */
class SlackSentPostsTest {
    private static final HttpClient CLIENT = PlatformHttp.newClient(Duration.ofSeconds(2));
    private static final Instant NOW = Instant.parse("2026-11-26T09:00:00Z");

    private final TestClock clock = new TestClock(NOW);
    private final FakeSlack slack = new FakeSlack(clock);
    private final SlackPublisher publisher = new SlackPublisher(CLIENT, slack.account(), clock, Duration.ofSeconds(5));

    @AfterEach
    void stop() {
        slack.close();
    }

    private static PublishRequest request(String postId, String text) {
        return new PublishRequest(postId, new PostContent(text, null), postId + "/slack", NOW);
    }

    @Test
    void findsTheMessageThatCarriesThePostsKey() {
        Published sent = assertInstanceOf(Published.class, publisher.publish(request("post-1", "Fish & chips <today>")));

        Reconciliation.Found found = assertInstanceOf(Reconciliation.Found.class,
                publisher.sentPosts().find(request("post-1", "Fish & chips <today>"), NOW));

        assertEquals(sent.remoteId(), found.remoteId());
        RecordedRequest lookup = slack.requests().getLast();
        assertEquals("/api/conversations.history", lookup.path());
        assertEquals("true", lookup.query("include_all_metadata"));
        assertEquals(Long.toString(NOW.minus(Duration.ofMinutes(5)).getEpochSecond()), lookup.query("oldest"));
        assertEquals("Bearer " + FakeSlack.TOKEN, lookup.header("Authorization"));
        assertEquals(List.of(), slack.violations());
    }

    @Test
    void theSameTextFromAnotherPostIsNotThisOne() {
        assertInstanceOf(Published.class, publisher.publish(request("post-2", "Same words")));

        assertInstanceOf(Reconciliation.NotFound.class, publisher.sentPosts().find(request("post-1", "Same words"), NOW));
    }

    @Test
    void aRevokedTokenIsAFailedLookup() {
        slack.revokeToken();

        Reconciliation.LookupFailed failed = assertInstanceOf(Reconciliation.LookupFailed.class,
                publisher.sentPosts().find(request("post-1", "hi"), NOW));

        assertTrue(failed.reason().contains("token_revoked"), failed.reason());
    }
}
