package socialdesk.platforms.facebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import socialdesk.platforms.fake.FakeGraph;
import socialdesk.platforms.fake.FakePlatformServer.RecordedRequest;
import socialdesk.platforms.fake.TestClock;

/** Tests against {@link FakeGraph} on loopback. */
class FacebookPublisherTest {
    private static final HttpClient CLIENT = PlatformHttp.newClient(Duration.ofSeconds(2));
    private static final Instant NOW = Instant.parse("2026-11-26T09:00:00Z");

    private final TestClock clock = new TestClock(NOW);
    private final FakeGraph graph = new FakeGraph("v24.0");
    private final FacebookPublisher publisher = new FacebookPublisher(CLIENT, graph.facebookAccount(), clock, Duration.ofSeconds(5));

    @AfterEach
    void stop() {
        graph.close();
    }

    private static PublishRequest request(String text, String link) {
        return new PublishRequest("post-1", new PostContent(text, link), "post-1/facebook", NOW);
    }

    @Test
    void postsMessageAndLinkToThePageFeed() {
        Published published = assertInstanceOf(Published.class,
                publisher.publish(request("Autumn release notes ✨", "https://example.com/r")));

        FakeGraph.Post post = graph.posts().getFirst();
        assertEquals(post.id(), published.remoteId());
        assertTrue(post.id().startsWith(FakeGraph.PAGE_ID + "_"));
        assertEquals("https://www.facebook.com/" + post.id(), published.url());
        RecordedRequest sent = graph.requests().getFirst();
        assertEquals("POST", sent.method());
        assertEquals("/v24.0/" + FakeGraph.PAGE_ID + "/feed", sent.path());
        assertEquals("application/x-www-form-urlencoded", sent.header("Content-Type"));
        assertEquals("Autumn release notes ✨", sent.body().contains("message=") ? post.fields().get("message") : null);
        assertEquals(Map.of("message", "Autumn release notes ✨", "link", "https://example.com/r"), post.fields());
        assertNull(sent.rawQuery(), "the token travels in the body, never in the URL");
        assertEquals(List.of(), graph.violations());
    }

    @Test
    void aDuplicateIsPermanentAndSaysSo() {
        assertInstanceOf(Published.class, publisher.publish(request("Same words", null)));

        Permanent duplicate = assertInstanceOf(Permanent.class, publisher.publish(request("Same words", null)));

        assertEquals("facebook: duplicate post: the platform already holds a post with this text "
                + "(graph code 506: (#506) Duplicate status message); not posted again", duplicate.reason());
        assertEquals(1, graph.posts().size());
    }

    @Test
    void anExpiredTokenIsCredentialsRejectedWithoutTheToken() {
        graph.expireToken();

        CredentialsRejected rejected = assertInstanceOf(CredentialsRejected.class, publisher.publish(request("hi", null)));

        assertTrue(rejected.reason().startsWith("facebook: credentials rejected (400): graph code 190/463: "
                + "Error validating access token: Session has expired"), rejected.reason());
        assertFalse(rejected.reason().contains(FakeGraph.TOKEN));
    }

    @Test
    void aPageRateLimitWaitsForTheBusinessUseCaseEstimate() {
        String usage = Json.write(Map.of(FakeGraph.PAGE_ID, List.of(Map.of("type", "pages", "call_count", 100,
                "total_cputime", 12, "total_time", 15, "estimated_time_to_regain_access", 17))));
        graph.failNext(1, 400, Map.of("x-business-use-case-usage", usage),
                Json.write(FakeGraph.error("(#32) Page request limit reached", "OAuthException", 32, null)));

        Transient limited = assertInstanceOf(Transient.class, publisher.publish(request("hi", null)));

        assertEquals(NOW.plusSeconds(17 * 60), limited.notBefore());
        assertEquals("facebook: rate limited (graph code 32: (#32) Page request limit reached)", limited.reason());
    }

    @Test
    void anAppRateLimitWithoutAnEstimateIsTransientWithoutATime() {
        graph.failNext(1, 403, Map.of("x-app-usage", "{\"call_count\":100,\"total_cputime\":20,\"total_time\":30}"),
                Json.write(FakeGraph.error("(#4) Application request limit reached", "OAuthException", 4, 1349193)));

        Transient limited = assertInstanceOf(Transient.class, publisher.publish(request("hi", null)));

        assertNull(limited.notBefore());
        assertTrue(limited.reason().startsWith("facebook: rate limited (graph code 4/1349193"), limited.reason());
    }

    @Test
    void temporaryGraphErrorsAndServerErrorsAreTransient() {
        graph.failNext(1, 500, Map.of(), Json.write(FakeGraph.error("An unexpected error has occurred. Please retry your request later.",
                "OAuthException", 2, null)));
        graph.failNext(1, 502, Map.of("Content-Type", "text/html"), "<html>Bad Gateway</html>");

        assertInstanceOf(Transient.class, publisher.publish(request("hi", null)));
        Transient gateway = assertInstanceOf(Transient.class, publisher.publish(request("hi", null)));
        assertTrue(gateway.reason().startsWith("facebook: server error (502)"), gateway.reason());
        assertInstanceOf(Published.class, publisher.publish(request("hi", null)));
    }

    @Test
    void anInvalidParameterIsPermanent() {
        graph.failNext(1, 400, Map.of(), Json.write(FakeGraph.error("(#100) Invalid parameter", "OAuthException", 100, null)));

        Permanent refused = assertInstanceOf(Permanent.class, publisher.publish(request("hi", null)));

        assertEquals("facebook: refused (400, graph code 100: (#100) Invalid parameter)", refused.reason());
    }

    @Test
    void aMissingPermissionIsCredentialsRejected() {
        graph.failNext(1, 403, Map.of(), Json.write(FakeGraph.error(
                "(#200) If posting to a page, requires both pages_read_engagement and pages_manage_posts permission",
                "OAuthException", 200, null)));

        assertInstanceOf(CredentialsRejected.class, publisher.publish(request("hi", null)));
    }

    @Test
    void theAccountReadsItsSecretAndHidesTheToken() {
        FacebookAccount account = FacebookAccount.fromSecretJson(
                "{\"pageId\":\"" + FakeGraph.PAGE_ID + "\",\"pageAccessToken\":\"s3cr3t\"}");
        assertEquals(FacebookAccount.DEFAULT_GRAPH_URL, account.graphUrl());
        assertEquals("v24.0", account.graphVersion());
        assertFalse(account.toString().contains("s3cr3t"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FacebookAccount.fromSecretJson("{\"pageId\":\"1\",\"pageAccessToken\":\"s3cr3t\",\"graphVersion\":\"24\"}"));
        assertEquals("facebook graphVersion must look like v24.0", e.getMessage());
        assertEquals("facebook secret has no \"pageAccessToken\"",
                assertThrows(IllegalArgumentException.class, () -> FacebookAccount.fromSecretJson("{\"pageId\":\"1\"}")).getMessage());
    }
}
