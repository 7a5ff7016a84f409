package socialdesk.platforms.x;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import socialdesk.core.json.Json;
import socialdesk.core.post.PostContent;
import socialdesk.core.publish.PublishOutcome.CredentialsRejected;
import socialdesk.core.publish.PublishOutcome.Permanent;
import socialdesk.core.publish.PublishOutcome.Published;
import socialdesk.core.publish.PublishOutcome.Transient;
import socialdesk.core.publish.PublishRequest;
import socialdesk.platforms.PlatformHttp;
import socialdesk.platforms.fake.FakePlatformServer.RecordedRequest;
import socialdesk.platforms.fake.FakeX;
import socialdesk.platforms.fake.TestClock;

/** Tests against {@link FakeX} on loopback. */
class XPublisherTest {
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
    void postsTheTextAndReturnsTheIdAndUrl() {
        Published published = assertInstanceOf(Published.class, publisher.publish(request("Hello X 👋", "https://example.com/a")));

        FakeX.Tweet tweet = x.tweets().getFirst();
        assertEquals(tweet.id(), published.remoteId());
        assertEquals("https://x.com/i/web/status/" + tweet.id(), published.url());
        RecordedRequest sent = x.requests().getFirst();
        assertEquals("POST", sent.method());
        assertEquals("/2/tweets", sent.path());
        assertEquals("Bearer " + FakeX.TOKEN, sent.header("Authorization"));
        assertEquals(Map.of("text", "Hello X 👋\n\nhttps://example.com/a"), sent.json());
        assertEquals(List.of(), x.violations());
    }

    @Test
    void aRetryAfterALostAnswerFindsThePostXAlreadyHasAndIsPublished() {
        XPublisher impatient = new XPublisher(CLIENT, x.account(), clock, Duration.ofMillis(500));
        x.hangNext("/2/tweets", 1, Duration.ofSeconds(3));
        PublishRequest sale = request("Fish & chips <3 all week", "https://example.com/menu?a=1&b=2");

        assertInstanceOf(Transient.class, impatient.publish(sale), "the answer was lost");
        Published found = assertInstanceOf(Published.class, publisher.publish(sale));

        FakeX.Tweet only = x.tweets().getFirst();
        assertEquals(1, x.tweets().size(), "never posted twice");
        assertEquals(only.id(), found.remoteId());
        assertEquals("https://x.com/i/web/status/" + only.id(), found.url());
        RecordedRequest lookup = x.requests("/2/users/" + FakeX.USER_ID + "/tweets").getFirst();
        assertEquals("2026-11-26T08:55:00Z", lookup.query("start_time"));
        assertEquals(List.of(), x.violations());
    }

    @Test
    void aDuplicateOfAnOlderPostIsPermanentAndSaysSo() {
        clock.set(NOW.minus(Duration.ofDays(2)));
        assertInstanceOf(Published.class, publisher.publish(new PublishRequest("older", new PostContent("same", null), "older/x",
                NOW.minus(Duration.ofDays(2)))));
        clock.set(NOW);

        Permanent duplicate = assertInstanceOf(Permanent.class, publisher.publish(request("same", null)));

        assertEquals("x: duplicate post: X already holds an older post with this text (You are not allowed to create a Tweet "
                + "with duplicate content.), and none of the account's posts since the due time is it", duplicate.reason());
        assertEquals(1, x.tweets().size());
    }

    @Test
    void aDuplicateWhoseLookupFailsIsTriedAgainLaterNotGuessed() {
        assertInstanceOf(Published.class, publisher.publish(request("same", null)));
        x.failNext("/2/users/me", 1, 503, Map.of(), Json.write(FakeX.problem(503, "Service Unavailable", "Service Unavailable")));

        Transient later = assertInstanceOf(Transient.class, publisher.publish(request("same", null)));

        assertEquals("x: duplicate refused, and the account could not be read to look for the post (503); trying again later",
                later.reason());
    }

    @Test
    void rateLimitedWaitsForTheWindowReset() {
        long reset = NOW.getEpochSecond() + 600;
        x.failNext(1, 429, Map.of("x-rate-limit-limit", "100", "x-rate-limit-remaining", "0",
                "x-rate-limit-reset", String.valueOf(reset)), Json.write(FakeX.problem(429, "Too Many Requests", "Too Many Requests")));

        Transient limited = assertInstanceOf(Transient.class, publisher.publish(request("hi", null)));

        assertEquals(Instant.ofEpochSecond(reset), limited.notBefore());
        assertEquals("x: rate limited (429): Too Many Requests", limited.reason());
    }

    @Test
    void aUsedUpDailyAllowanceWaitsForItsReset() {
        long window = NOW.getEpochSecond() + 600;
        long day = NOW.getEpochSecond() + 50_000;
        x.failNext(1, 429, Map.of("x-rate-limit-reset", String.valueOf(window),
                "x-user-limit-24hour-limit", "17", "x-user-limit-24hour-remaining", "0",
                "x-user-limit-24hour-reset", String.valueOf(day)), Json.write(FakeX.problem(429, "Too Many Requests", "Too Many Requests")));

        Transient limited = assertInstanceOf(Transient.class, publisher.publish(request("hi", null)));

        assertEquals(Instant.ofEpochSecond(day), limited.notBefore());
    }

    @Test
    void aRevokedTokenIsCredentialsRejectedWithoutTheToken() {
        x.revokeToken();

        CredentialsRejected rejected = assertInstanceOf(CredentialsRejected.class, publisher.publish(request("hi", null)));

        assertEquals("x: credentials rejected (401): Unauthorized; update the account secret", rejected.reason());
        assertFalse(rejected.reason().contains(FakeX.TOKEN));
    }

    @Test
    void aForbiddenPostIsRefusedAloneAndTheAccountStaysOpen() {
        x.failNext(1, 403, Map.of(), Json.write(FakeX.problem(403, "Forbidden",
                "You are not permitted to create a Tweet that looks like it might be automated.")));

        Permanent refused = assertInstanceOf(Permanent.class, publisher.publish(request("hi", null)));

        assertEquals("x: refused this post (403): You are not permitted to create a Tweet that looks like it might be "
                + "automated.", refused.reason());
        assertInstanceOf(Published.class, publisher.publish(request("next", null)));
    }

    @Test
    void aDisallowedResourceIsRefusedForThatPostOnly() {
        x.failNext(1, 403, Map.of(), Json.write(Map.of("type", "https://api.x.com/2/problems/disallowed-resource",
                "title", "Forbidden", "detail", "You are not allowed to reply to this conversation.")));

        assertInstanceOf(Permanent.class, publisher.publish(request("hi", null)));
    }

    @Test
    void anAppOrAccountProblemStillHoldsTheAccount() {
        x.failNext(1, 403, Map.of(), Json.write(Map.of("type", "https://api.twitter.com/2/problems/client-forbidden",
                "title", "Client Forbidden", "reason", "client-not-enrolled",
                "detail", "When authenticating requests to the Twitter API v2 endpoints, you must use keys and tokens "
                        + "from a Twitter developer App that is attached to a Project.")));
        x.failNext(1, 403, Map.of(), Json.write(FakeX.problem(403, "Forbidden", "You are not permitted to perform this action.")));
        x.failNext(1, 403, Map.of(), Json.write(FakeX.problem(403, "Forbidden", "This account is suspended.")));

        for (int i = 0; i < 3; i++) {
            CredentialsRejected held = assertInstanceOf(CredentialsRejected.class, publisher.publish(request("hi " + i, null)));
            assertTrue(held.reason().startsWith("x: credentials rejected (403): "), held.reason());
        }
    }

    @Test
    void aServerErrorIsTransient() {
        x.failNext(1, 503, Map.of(), Json.write(FakeX.problem(503, "Service Unavailable", "Service Unavailable")));

        Transient failed = assertInstanceOf(Transient.class, publisher.publish(request("hi", null)));

        assertEquals("x: server error (503): Service Unavailable", failed.reason());
    }

    @Test
    void overTheWeightedLimitNeverLeaves() {
        Permanent refused = assertInstanceOf(Permanent.class, publisher.publish(request("字".repeat(141), null)));

        assertEquals("x: text is 282 weighted characters (links 23, emoji and CJK 2), the limit is 280", refused.reason());
        assertEquals(List.of(), x.requests());
        assertInstanceOf(Published.class, publisher.publish(request("字".repeat(140), null)));
    }

    @Test
    void theAccountReadsItsSecret() {
        XAccount account = XAccount.fromSecretJson("{\"accessToken\":\"s3cr3t\"}");
        assertEquals(XAccount.DEFAULT_API_URL, account.apiUrl());
        assertFalse(account.toString().contains("s3cr3t"));
    }
}
