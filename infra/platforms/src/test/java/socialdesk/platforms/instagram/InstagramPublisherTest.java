package socialdesk.platforms.instagram;

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
import socialdesk.platforms.fake.FakePlatformServer.RecordedRequest;
import socialdesk.platforms.fake.TestClock;
import socialdesk.platforms.meta.ContainerWait;

/** Tests against {@link FakeGraph} on loopback; containers are polled every few milliseconds. */
class InstagramPublisherTest {
    private static final HttpClient CLIENT = PlatformHttp.newClient(Duration.ofSeconds(2));
    private static final String ALT = "The desk team at the launch, raising cups";
    private static final Instant NOW = Instant.parse("2026-11-26T09:00:00Z");
    private static final String IMAGE = "https://cdn.example.com/launch.jpg";

    private final TestClock clock = new TestClock(NOW);
    private final FakeGraph graph = new FakeGraph("v24.0");
    private final InstagramPublisher publisher = new InstagramPublisher(CLIENT, graph.instagramAccount(), clock,
            Duration.ofSeconds(5), new ContainerWait(Duration.ofMillis(5), Duration.ofMillis(300)));

    @AfterEach
    void stop() {
        graph.close();
    }

    private static PublishRequest request(String text, String image) {
        return new PublishRequest("post-1", new PostContent(text, null, image == null ? List.of() : List.of(new PostImage(image, ALT))), "post-1/instagram", NOW);
    }

    @Test
    void makesAContainerWaitsForItThenPublishesAndReadsThePermalink() {
        graph.pollsBeforeReady(2);

        Published published = assertInstanceOf(Published.class, publisher.publish(request("Launch day #desk", IMAGE)));

        FakeGraph.Post post = graph.posts().getFirst();
        assertEquals(post.id(), published.remoteId());
        assertTrue(published.url().startsWith("https://www.instagram.com/p/"), published.url());
        assertEquals(Map.of("image_url", IMAGE, "alt_text", ALT, "caption", "Launch day #desk"), post.fields());
        List<String> calls = graph.requests().stream().map(r -> r.method() + " " + r.path()
                + (r.rawQuery() == null ? "" : "?" + r.query("fields"))).toList();
        String container = graph.requests().get(1).path().substring("/v24.0/".length());
        assertEquals(List.of(
                "POST /v24.0/" + FakeGraph.IG_USER_ID + "/media",
                "GET /v24.0/" + container + "?status_code,id",
                "GET /v24.0/" + container + "?status_code,id",
                "GET /v24.0/" + container + "?status_code,id",
                "POST /v24.0/" + FakeGraph.IG_USER_ID + "/media_publish",
                "GET /v24.0/" + post.id() + "?permalink"), calls);
        RecordedRequest publish = graph.requests().get(4);
        assertEquals(container, RecordedRequest.class.cast(publish).body().replaceAll(".*creation_id=(\\d+).*", "$1"));
        assertEquals(List.of(), graph.violations());
    }

    @Test
    void aPostWithoutAnImageNeverReachesInstagram() {
        Permanent refused = assertInstanceOf(Permanent.class, publisher.publish(request("Text only", null)));

        assertEquals("instagram: a post needs an image; Instagram cannot publish text alone", refused.reason());
        assertEquals(List.of(), graph.requests());
    }

    @Test
    void aPngNeverLeaves() {
        Permanent refused = assertInstanceOf(Permanent.class, publisher.publish(request("Launch", "https://cdn.example/launch.png")));

        assertEquals("instagram: image 1 is PNG (by its file name); instagram takes JPEG images", refused.reason());
        assertEquals(List.of(), graph.requests());
    }

    @Test
    void aContainerThatFailsIsPermanentWithInstagramsWords() {
        graph.containerError("The image could not be downloaded");

        Permanent refused = assertInstanceOf(Permanent.class, publisher.publish(request("x", IMAGE)));

        assertEquals("instagram: the platform could not process the media: The image could not be downloaded", refused.reason());
        assertEquals(List.of(), graph.posts());
    }

    @Test
    void aContainerStillInProgressAfterTheWaitIsTransient() {
        graph.pollsBeforeReady(1_000);

        Transient slow = assertInstanceOf(Transient.class, publisher.publish(request("x", IMAGE)));

        assertEquals("instagram: media container still IN_PROGRESS after 0 s", slow.reason());
        assertEquals(List.of(), graph.posts());
    }

    @Test
    void thePublishingLimitIsARateLimit() {
        graph.failNext("/v24.0/" + FakeGraph.IG_USER_ID + "/media_publish", 1, 400, Map.of(),
                Json.write(FakeGraph.error("Application request limit reached", "OAuthException", 9, 2207042)));

        Transient limited = assertInstanceOf(Transient.class, publisher.publish(request("x", IMAGE)));

        assertTrue(limited.reason().startsWith("instagram: rate limited (graph code 9/2207042"), limited.reason());
    }

    @Test
    void anExpiredTokenIsCredentialsRejected() {
        graph.expireToken();

        CredentialsRejected rejected = assertInstanceOf(CredentialsRejected.class, publisher.publish(request("x", IMAGE)));

        assertFalse(rejected.reason().contains(FakeGraph.TOKEN));
    }

    @Test
    void aServerErrorOnPublishIsTransient() {
        graph.failNext("/v24.0/" + FakeGraph.IG_USER_ID + "/media_publish", 1, 503, Map.of(), "Service Unavailable");

        Transient failed = assertInstanceOf(Transient.class, publisher.publish(request("x", IMAGE)));

        assertEquals("instagram: server error (503): Service Unavailable", failed.reason());
    }
}
