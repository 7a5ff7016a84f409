package socialdesk.platforms.threads;

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
import socialdesk.core.post.PostImage;
import socialdesk.core.publish.PublishOutcome.CredentialsRejected;
import socialdesk.core.publish.PublishOutcome.Permanent;
import socialdesk.core.publish.PublishOutcome.Published;
import socialdesk.core.publish.PublishOutcome.Transient;
import socialdesk.core.publish.PublishRequest;
import socialdesk.platforms.PlatformHttp;
import socialdesk.platforms.fake.FakeGraph;
import socialdesk.platforms.fake.TestClock;
import socialdesk.platforms.meta.ContainerWait;

/** Tests against {@link FakeGraph} speaking the Threads endpoints on loopback. */
class ThreadsPublisherTest {
    private static final HttpClient CLIENT = PlatformHttp.newClient(Duration.ofSeconds(2));
    private static final String ALT = "The desk team at the launch, raising cups";
    private static final Instant NOW = Instant.parse("2026-11-26T09:00:00Z");
    private static final String USER = "/v1.0/" + FakeGraph.THREADS_USER_ID;

    private final TestClock clock = new TestClock(NOW);
    private final FakeGraph graph = new FakeGraph("v1.0");
    private final ThreadsPublisher publisher = new ThreadsPublisher(CLIENT, graph.threadsAccount(), clock,
            Duration.ofSeconds(5), new ContainerWait(Duration.ofMillis(5), Duration.ofMillis(300)));

    @AfterEach
    void stop() {
        graph.close();
    }

    private static PublishRequest request(String text, String link, String image) {
        return new PublishRequest("post-1", new PostContent(text, link, image == null ? List.of() : List.of(new PostImage(image, ALT))), "post-1/threads", NOW);
    }

    @Test
    void checksTheQuotaMakesATextContainerWaitsThenPublishes() {
        graph.pollsBeforeReady(1);

        Published published = assertInstanceOf(Published.class,
                publisher.publish(request("Hello Threads 👋", "https://example.com/a", null)));

        FakeGraph.Post post = graph.posts().getFirst();
        assertEquals(post.id(), published.remoteId());
        assertTrue(published.url().startsWith("https://www.threads.net/@desk/post/"), published.url());
        assertEquals(Map.of("media_type", "TEXT", "text", "Hello Threads 👋\n\nhttps://example.com/a"), post.fields());
        List<String> calls = graph.requests().stream().map(r -> r.method() + " " + r.path()).toList();
        assertEquals("GET " + USER + "/threads_publishing_limit", calls.get(0));
        assertEquals("POST " + USER + "/threads", calls.get(1));
        assertEquals("POST " + USER + "/threads_publish", calls.get(4));
        assertEquals(6, calls.size());
        assertEquals(List.of(), graph.violations());
    }

    @Test
    void anImagePostIsAnImageContainer() {
        assertInstanceOf(Published.class, publisher.publish(request("", null, "https://cdn.example.com/a.png")));

        assertEquals(Map.of("media_type", "IMAGE", "image_url", "https://cdn.example.com/a.png", "alt_text", ALT),
                graph.posts().getFirst().fields());
    }

    @Test
    void aUsedUpQuotaSendsNothingAndWaits() {
        graph.threadsQuotaUsage(250);

        Transient limited = assertInstanceOf(Transient.class, publisher.publish(request("one more", null, null)));

        assertEquals("threads: publishing limit reached (250 of 250 posts in 24 hours); trying again later", limited.reason());
        assertEquals(NOW.plus(ThreadsPublisher.QUOTA_RECHECK), limited.notBefore());
        assertEquals(1, graph.requests().size());
    }

    @Test
    void oneLeftInTheQuotaStillPublishes() {
        graph.threadsQuotaUsage(249);

        assertInstanceOf(Published.class, publisher.publish(request("the last one", null, null)));
    }

    @Test
    void overLimitTextNeverLeaves() {
        Permanent refused = assertInstanceOf(Permanent.class, publisher.publish(request("😀".repeat(126), null, null)));

        assertEquals("threads: text is 504 characters (emoji count their UTF-8 bytes), the limit is 500", refused.reason());
        assertEquals(List.of(), graph.requests());
    }

    @Test
    void anExpiredTokenIsCredentialsRejected() {
        graph.expireToken();

        CredentialsRejected rejected = assertInstanceOf(CredentialsRejected.class, publisher.publish(request("x", null, null)));

        assertTrue(rejected.reason().startsWith("threads: credentials rejected"), rejected.reason());
        assertFalse(rejected.reason().contains(FakeGraph.TOKEN));
    }

    @Test
    void aRateLimitOnPublishIsTransient() {
        graph.failNext(USER + "/threads_publish", 1, 429, Map.of("Retry-After", "600"),
                Json.write(FakeGraph.error("Application request limit reached", "OAuthException", 4, null)));

        Transient limited = assertInstanceOf(Transient.class, publisher.publish(request("x", null, null)));

        assertEquals(NOW.plusSeconds(600), limited.notBefore());
    }

    @Test
    void aServerErrorIsTransient() {
        graph.failNext(USER + "/threads", 1, 500, Map.of(),
                Json.write(FakeGraph.error("An unknown error occurred", "OAuthException", 1, null)));

        Transient failed = assertInstanceOf(Transient.class, publisher.publish(request("x", null, null)));

        assertEquals("threads: temporary error (500, graph code 1: An unknown error occurred)", failed.reason());
    }
}
