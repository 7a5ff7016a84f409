package socialdesk.platforms.mastodon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static socialdesk.platforms.fake.FakeMastodon.STATUSES;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import socialdesk.core.post.PostContent;
import socialdesk.core.publish.PublishOutcome;
import socialdesk.core.publish.PublishOutcome.CredentialsRejected;
import socialdesk.core.publish.PublishOutcome.Permanent;
import socialdesk.core.publish.PublishOutcome.Published;
import socialdesk.core.publish.PublishOutcome.Transient;
import socialdesk.core.publish.PublishRequest;
import socialdesk.platforms.PlatformHttp;
import socialdesk.platforms.fake.FakeMastodon;
import socialdesk.platforms.fake.FakePlatformServer.RecordedRequest;
import socialdesk.platforms.fake.TestClock;

/** Tests against {@link FakeMastodon} on loopback. */
class MastodonPublisherTest {
    private static final HttpClient CLIENT = PlatformHttp.newClient(Duration.ofSeconds(2));
    private static final Instant NOW = Instant.parse("2025-06-01T09:00:00Z");

    private final TestClock clock = new TestClock(NOW);
    private final FakeMastodon mastodon = new FakeMastodon(FakeMastodon.DEFAULT_TOKEN, 500, clock);
    private final MastodonPublisher publisher = new MastodonPublisher(CLIENT, mastodon.account(), clock, Duration.ofMillis(500));

    /** Loads the client, the fake and the publisher once, so no test's 500 ms timeout pays for class loading on a busy machine. */
    @BeforeAll
    static void warmUp() {
        try (FakeMastodon warm = new FakeMastodon()) {
            new MastodonPublisher(CLIENT, warm.account(), Clock.systemUTC(), Duration.ofSeconds(10))
                    .publish(new PublishRequest("warm", new PostContent("warm", null), "warm", Instant.now()));
        }
    }

    @AfterEach
    void stop() {
        mastodon.close();
    }

    private static PublishRequest request(String key, String text, String link) {
        return new PublishRequest("post-1", new PostContent(text, link), key, NOW);
    }

    @Test
    void publishesAPublicStatusAndReturnsItsIdAndUrl() {
        PublishOutcome outcome = publisher.publish(request("key-1", "Hello from the desk", "https://example.com/a"));

        Published published = assertInstanceOf(Published.class, outcome);
        FakeMastodon.Status status = mastodon.statuses().getFirst();
        assertEquals(status.id(), published.remoteId());
        assertEquals(mastodon.baseUri() + "/@desk/" + status.id(), published.url());
        assertEquals("Hello from the desk\n\nhttps://example.com/a", status.text());
        assertEquals("public", status.visibility());
        assertEquals(List.of(), mastodon.violations());
    }

    @Test
    void sendsTheExactRequestShape() {
        publisher.publish(request("post-1/mastodon", "Tiếng Việt \"quoted\" 👍🏽", null));

        RecordedRequest sent = mastodon.requests().getFirst();
        assertEquals("POST", sent.method());
        assertEquals("/api/v1/statuses", sent.path());
        assertEquals("Bearer " + FakeMastodon.DEFAULT_TOKEN, sent.header("Authorization"));
        assertEquals("post-1/mastodon", sent.header("Idempotency-Key"));
        assertTrue(sent.header("Content-Type").startsWith("application/json"));
        assertEquals(Map.of("status", "Tiếng Việt \"quoted\" 👍🏽", "visibility", "public"), sent.json());
    }

    @Test
    void aRetryWithTheSameKeyReturnsTheSameStatusAndPostsOnce() {
        Published first = assertInstanceOf(Published.class, publisher.publish(request("key-1", "once", null)));
        Published second = assertInstanceOf(Published.class, publisher.publish(request("key-1", "once", null)));

        assertEquals(first, second);
        assertEquals(1, mastodon.statusesCreated());
        assertEquals(List.of("key-1", "key-1"),
                mastodon.requests().stream().map(r -> r.header("Idempotency-Key")).toList());
    }

    @Test
    void aTimeoutIsTransientAndTheRetryFindsThePostAlreadyMade() {
        mastodon.hangNext(1, Duration.ofSeconds(2));

        long start = System.nanoTime();
        Transient timedOut = assertInstanceOf(Transient.class, publisher.publish(request("key-1", "slow", null)));
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofMillis(1500)) < 0);
        assertEquals("mastodon: no answer within 500 ms", timedOut.reason());

        Published retried = assertInstanceOf(Published.class, publisher.publish(request("key-1", "slow", null)));
        assertEquals(1, mastodon.statusesCreated());
        assertEquals(mastodon.statuses().getFirst().id(), retried.remoteId());
    }

    @Test
    void aRetryPastTheKeysHourFindsTheStatusMadeByTheLostSendAndDoesNotPostAgain() {
        mastodon.hangNext(1, Duration.ofSeconds(2));
        assertInstanceOf(Transient.class, publisher.publish(request("key-1", "Giảm giá <b>hôm nay</b> & mai", null)));
        clock.advance(Duration.ofMinutes(75));

        Published retried = assertInstanceOf(Published.class,
                publisher.publish(request("key-1", "Giảm giá <b>hôm nay</b> & mai", null)));

        assertEquals(1, mastodon.statusesCreated());
        assertEquals(mastodon.statuses().getFirst().id(), retried.remoteId());
        assertEquals(mastodon.statuses().getFirst().url(), retried.url());
        assertEquals(List.of(), mastodon.violations());
    }

    @Test
    void aRetryPastTheKeysHourSendsWhenNoEarlierSendLanded() {
        mastodon.failNext(STATUSES, 1, 503, Map.of(), "{\"error\":\"unavailable\"}");
        assertInstanceOf(Transient.class, publisher.publish(request("key-1", "later", null)));
        clock.advance(Duration.ofMinutes(90));

        assertInstanceOf(Published.class, publisher.publish(request("key-1", "later", null)));

        assertEquals(1, mastodon.statusesCreated());
    }

    @Test
    void aRetryPastTheKeysHourIsHeldWhenTheLookupFails() {
        mastodon.failNext(STATUSES, 1, 503, Map.of(), "{\"error\":\"unavailable\"}");
        assertInstanceOf(Transient.class, publisher.publish(request("key-1", "later", null)));
        clock.advance(Duration.ofMinutes(90));
        mastodon.failNext(1, 502, Map.of(), "bad gateway");

        Transient held = assertInstanceOf(Transient.class, publisher.publish(request("key-1", "later", null)));

        assertTrue(held.reason().startsWith("mastodon: could not check for an earlier send"), held.reason());
        assertEquals(0, mastodon.statusesCreated());
    }

    @Test
    void anEarlierPostWithTheSameTextIsNotMistakenForThisOne() {
        clock.set(NOW.minus(Duration.ofDays(7)));
        assertInstanceOf(Published.class, publisher.publish(new PublishRequest("post-0", new PostContent("evergreen", null),
                "post-0/mastodon", NOW.minus(Duration.ofDays(7)))));
        clock.set(NOW.plus(Duration.ofHours(3)));

        assertInstanceOf(Published.class, publisher.publish(request("post-1/mastodon", "evergreen", null)));

        assertEquals(2, mastodon.statusesCreated());
    }

    @Test
    void rateLimitWithRetryAfterSecondsIsTransientUntilThen() {
        mastodon.failNext(1, 429, Map.of("Retry-After", "120"), "{\"error\":\"Too many requests\"}");

        Transient limited = assertInstanceOf(Transient.class, publisher.publish(request("key-1", "hi", null)));

        assertEquals(NOW.plusSeconds(120), limited.notBefore());
        assertEquals("mastodon: rate limited (429): Too many requests", limited.reason());
        assertEquals(0, mastodon.statusesCreated());
    }

    @Test
    void rateLimitWithRetryAfterDateIsTransientUntilThatDate() {
        mastodon.failNext(1, 429, Map.of("Retry-After", "Sun, 01 Jun 2025 09:05:00 GMT"), "{\"error\":\"Too many requests\"}");

        Transient limited = assertInstanceOf(Transient.class, publisher.publish(request("key-1", "hi", null)));

        assertEquals(Instant.parse("2025-06-01T09:05:00Z"), limited.notBefore());
    }

    @Test
    void rateLimitWithMastodonsResetHeaderIsTransientUntilTheReset() {
        mastodon.failNext(1, 429, Map.of("X-RateLimit-Limit", "300", "X-RateLimit-Remaining", "0",
                "X-RateLimit-Reset", "2025-06-01T09:30:00.000Z"), "{\"error\":\"Too many requests\"}");

        Transient limited = assertInstanceOf(Transient.class, publisher.publish(request("key-1", "hi", null)));

        assertEquals(Instant.parse("2025-06-01T09:30:00Z"), limited.notBefore());
    }

    @Test
    void serviceUnavailableIsTransientAndTheNextAttemptSucceeds() {
        mastodon.failNext(1, 503, Map.of("Content-Type", "text/html"), "<html>Service Unavailable</html>");

        Transient failed = assertInstanceOf(Transient.class, publisher.publish(request("key-1", "hi", null)));
        assertTrue(failed.reason().startsWith("mastodon: server error (503)"), failed.reason());
        assertNull(failed.notBefore());

        assertInstanceOf(Published.class, publisher.publish(request("key-1", "hi", null)));
        assertEquals(1, mastodon.statusesCreated());
    }

    @Test
    void validationFailureIsPermanentWithThePlatformsReason() {
        // The account claims a bigger limit than the instance really has.
        MastodonAccount optimistic = new MastodonAccount(mastodon.baseUri(), FakeMastodon.DEFAULT_TOKEN, 1000);
        MastodonPublisher wrong = new MastodonPublisher(CLIENT, optimistic, clock);

        Permanent refused = assertInstanceOf(Permanent.class, wrong.publish(request("key-1", "a".repeat(600), null)));

        assertEquals("mastodon: refused (422): Validation failed: Text character limit of 500 exceeded", refused.reason());
    }

    @Test
    void rejectedTokenIsCredentialsRejectedAndTheReasonNeverShowsTheToken() {
        String token = "wrong-token-secret-value";
        MastodonPublisher wrong = new MastodonPublisher(CLIENT, new MastodonAccount(mastodon.baseUri(), token), clock);

        CredentialsRejected refused = assertInstanceOf(CredentialsRejected.class, wrong.publish(request("key-1", "hi", null)));

        assertTrue(refused.reason().startsWith("mastodon: credentials rejected (401)"), refused.reason());
        assertFalse(refused.reason().contains(token));
        assertFalse(refused.reason().contains(FakeMastodon.DEFAULT_TOKEN));
    }

    @Test
    void forbiddenIsCredentialsRejected() {
        mastodon.failNext(1, 403, Map.of(), "{\"error\":\"This action is outside the authorized scopes\"}");

        CredentialsRejected refused = assertInstanceOf(CredentialsRejected.class, publisher.publish(request("key-1", "hi", null)));

        assertEquals("mastodon: credentials rejected (403): This action is outside the authorized scopes; update the account secret",
                refused.reason());
    }

    @Test
    void overLimitTextIsRefusedWithoutAnyRequest() {
        Permanent refused = assertInstanceOf(Permanent.class, publisher.publish(request("key-1", "a".repeat(501), null)));

        assertEquals("mastodon: text is 501 characters (links count as 23), the instance allows 500", refused.reason());
        assertEquals(List.of(), mastodon.requests());
    }

    @Test
    void aRefusedConnectionIsTransient() throws Exception {
        int freePort;
        try (ServerSocket socket = new ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }
        MastodonAccount nowhere = new MastodonAccount(URI.create("http://127.0.0.1:" + freePort), "t");

        Transient failed = assertInstanceOf(Transient.class,
                new MastodonPublisher(CLIENT, nowhere, clock).publish(request("key-1", "hi", null)));

        assertEquals("mastodon: could not connect", failed.reason());
    }

    @Test
    void manyConcurrentRetriesOfOnePostCreateOneStatus() throws Exception {
        mastodon.latency(Duration.ofMillis(50));
        List<Thread> threads = new java.util.ArrayList<>();
        List<PublishOutcome> outcomes = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int i = 0; i < 20; i++) {
            threads.add(Thread.ofVirtual().start(() -> outcomes.add(publisher.publish(request("same", "once", null)))));
        }
        for (Thread t : threads) {
            t.join();
        }

        assertEquals(1, mastodon.statusesCreated());
        assertEquals(1, outcomes.stream().distinct().count());
        assertInstanceOf(Published.class, outcomes.getFirst());
    }
}
