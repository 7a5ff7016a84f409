package socialdesk.platforms.linkedin;

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
import socialdesk.platforms.fake.FakeLinkedIn;
import socialdesk.platforms.fake.FakePlatformServer.RecordedRequest;
import socialdesk.platforms.fake.TestClock;

/** The organisation's posts looked up before a resend, against {@link FakeLinkedIn} on loopback. */
class LinkedInSentPostsTest {
    private static final HttpClient CLIENT = PlatformHttp.newClient(Duration.ofSeconds(2));
    private static final Instant SENT_SINCE = Instant.now().minus(Duration.ofMinutes(3));

    private final TestClock clock = new TestClock(SENT_SINCE);
    private final FakeLinkedIn linkedIn = new FakeLinkedIn();
    private final LinkedInPublisher publisher = new LinkedInPublisher(CLIENT, linkedIn.account(), clock, Duration.ofSeconds(5));

    @AfterEach
    void stop() {
        linkedIn.close();
    }

    private static PublishRequest request(String text) {
        return new PublishRequest("post-1", new PostContent(text, "https://example.com/jobs"), "post-1/linkedin", SENT_SINCE);
    }

    @Test
    void findsThePostByItsCommentaryAsLittleText() {
        Published sent = assertInstanceOf(Published.class, publisher.publish(request("We're hiring (2 roles) #jobs")));

        Reconciliation.Found found = assertInstanceOf(Reconciliation.Found.class,
                publisher.sentPosts().find(request("We're hiring (2 roles) #jobs"), SENT_SINCE));

        assertEquals(sent.remoteId(), found.remoteId());
        assertEquals(sent.url(), found.url());
        RecordedRequest lookup = linkedIn.requests().getLast();
        assertEquals("GET", lookup.method());
        assertEquals("author", lookup.query("q"));
        assertEquals(FakeLinkedIn.AUTHOR, lookup.query("author"));
        assertEquals(List.of(), linkedIn.violations());
    }

    @Test
    void anOlderPostWithTheSameWordsIsNotIt() {
        Published older = assertInstanceOf(Published.class, publisher.publish(request("Same words")));
        linkedIn.createdAt(older.remoteId(), SENT_SINCE.minus(Duration.ofDays(30)));

        assertInstanceOf(Reconciliation.NotFound.class, publisher.sentPosts().find(request("Same words"), SENT_SINCE));
    }

    @Test
    void aRevokedTokenIsAFailedLookup() {
        linkedIn.revokeToken();

        assertInstanceOf(Reconciliation.LookupFailed.class, publisher.sentPosts().find(request("hi"), SENT_SINCE));
    }
}
