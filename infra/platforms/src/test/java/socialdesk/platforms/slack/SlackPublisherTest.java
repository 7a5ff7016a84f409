package socialdesk.platforms.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import socialdesk.core.post.PostContent;
import socialdesk.core.publish.PublishOutcome.CredentialsRejected;
import socialdesk.core.publish.PublishOutcome.Permanent;
import socialdesk.core.publish.PublishOutcome.Published;
import socialdesk.core.publish.PublishOutcome.Transient;
import socialdesk.core.publish.PublishRequest;
import socialdesk.platforms.PlatformHttp;
import socialdesk.platforms.fake.FakePlatformServer.RecordedRequest;
import socialdesk.platforms.fake.FakeSlack;
import socialdesk.platforms.fake.TestClock;

/** Tests against {@link FakeSlack} on loopback. */
class SlackPublisherTest {
    private static final HttpClient CLIENT = PlatformHttp.newClient(Duration.ofSeconds(2));
    private static final Instant NOW = Instant.parse("2026-11-26T09:00:00Z");

    private final TestClock clock = new TestClock(NOW);
    private final FakeSlack slack = new FakeSlack(clock);
    private final SlackPublisher publisher = new SlackPublisher(CLIENT, slack.account(), clock, Duration.ofSeconds(5));

    @AfterEach
    void stop() {
        slack.close();
    }

    private static PublishRequest request(String text) {
        return new PublishRequest("post-1", new PostContent(text, null), "post-1/slack", NOW);
    }

    @Test
    void postsToTheChannelAndReadsThePermalink() {
        Published published = assertInstanceOf(Published.class, publisher.publish(request("Launch at 10:00 :rocket:")));

        FakeSlack.Message message = slack.messages().getFirst();
        assertEquals(FakeSlack.CHANNEL + "/" + message.ts(), published.remoteId());
        assertEquals("https://desk.slack.com/archives/" + FakeSlack.CHANNEL + "/p" + message.ts().replace(".", ""), published.url());
        RecordedRequest sent = slack.requests().getFirst();
        assertEquals("POST", sent.method());
        assertEquals("/api/chat.postMessage", sent.path());
        assertEquals("Bearer " + FakeSlack.TOKEN, sent.header("Authorization"));
        assertEquals(Map.of("channel", FakeSlack.CHANNEL, "text", "Launch at 10:00 :rocket:",
                "metadata", Map.of("event_type", "social_desk_post", "event_payload", Map.of("idempotency_key", "post-1/slack"))), sent.json());
        RecordedRequest permalink = slack.requests().get(1);
        assertEquals("/api/chat.getPermalink", permalink.path());
        assertEquals(message.ts(), permalink.query("message_ts"));
        assertEquals(List.of(), slack.violations());
    }

    @Test
    void aFailedPermalinkReadStillCountsAsPublished() {
        slack.failNext("/api/chat.getPermalink", 1, 500, Map.of(), "oops");

        Published published = assertInstanceOf(Published.class, publisher.publish(request("hi")));

        assertNull(published.url());
    }

    @Test
    void rateLimitedWaitsForRetryAfter() {
        slack.failNext(1, 429, Map.of("Retry-After", "30"), "{\"ok\":false,\"error\":\"ratelimited\"}");

        Transient limited = assertInstanceOf(Transient.class, publisher.publish(request("hi")));

        assertEquals(NOW.plusSeconds(30), limited.notBefore());
        assertEquals("slack: rate limited (429): ratelimited", limited.reason());
    }

    @Test
    void ampersandAndAngleBracketsAreEscapedSoSlackShowsThemAsTyped() {
        String text = "Q&A <today>: 3 > 2 & <@U123> is not a mention, &lt; stays literal";

        assertInstanceOf(Published.class, publisher.publish(request(text)));

        assertEquals("Q&amp;A &lt;today&gt;: 3 &gt; 2 &amp; &lt;@U123&gt; is not a mention, &amp;lt; stays literal",
                slack.requests().getFirst().json().get("text"));
        assertEquals(text, slack.messages().getFirst().text());
        assertEquals(List.of(), slack.violations());
    }

    @Test
    void rateLimitedInAnOkFalseBodyIsRetriedAfterRetryAfter() {
        slack.failNext(1, 200, Map.of("Retry-After", "12"), "{\"ok\":false,\"error\":\"rate_limited\"}");
        slack.failNext(1, 429, Map.of("Retry-After", "40"), "{\"ok\":false,\"error\":\"rate_limited\"}");

        Transient first = assertInstanceOf(Transient.class, publisher.publish(request("hi")));
        Transient second = assertInstanceOf(Transient.class, publisher.publish(request("hi")));

        assertEquals(NOW.plusSeconds(12), first.notBefore());
        assertEquals("slack: rate limited (200): rate_limited", first.reason());
        assertEquals(NOW.plusSeconds(40), second.notBefore());
    }

    @Test
    void revokedAndInvalidTokensAreCredentialsRejected() {
        SlackAccount wrong = new SlackAccount(slack.account().apiUrl(), "xoxb-wrong", FakeSlack.CHANNEL);
        assertEquals("slack: credentials rejected (200): invalid_auth; update the account secret",
                assertInstanceOf(CredentialsRejected.class, new SlackPublisher(CLIENT, wrong, clock).publish(request("hi"))).reason());

        slack.revokeToken();
        CredentialsRejected revoked = assertInstanceOf(CredentialsRejected.class, publisher.publish(request("hi")));
        assertEquals("slack: credentials rejected (200): token_revoked; update the account secret", revoked.reason());
        assertFalse(revoked.reason().contains(FakeSlack.TOKEN));
    }

    @Test
    void anUnknownChannelIsPermanentAndAnInternalErrorTransient() {
        SlackAccount elsewhere = new SlackAccount(slack.account().apiUrl(), FakeSlack.TOKEN, "C0NOTHERE");
        assertEquals("slack: refused: channel_not_found", assertInstanceOf(Permanent.class,
                new SlackPublisher(CLIENT, elsewhere, clock).publish(request("hi"))).reason());

        slack.failNext(1, 200, Map.of(), "{\"ok\":false,\"error\":\"internal_error\"}");
        assertEquals("slack: temporary error: internal_error",
                assertInstanceOf(Transient.class, publisher.publish(request("hi"))).reason());
        slack.failNext(1, 503, Map.of(), "upstream connect error");
        assertInstanceOf(Transient.class, publisher.publish(request("hi")));
    }

    @Test
    void textSlackWouldTruncateNeverLeaves() {
        Permanent refused = assertInstanceOf(Permanent.class, publisher.publish(request("a".repeat(40_001))));

        assertEquals("slack: text is 40001 characters (UTF-16 units; Slack truncates above this), the limit is 40000", refused.reason());
        assertEquals(List.of(), slack.requests());
    }
}
