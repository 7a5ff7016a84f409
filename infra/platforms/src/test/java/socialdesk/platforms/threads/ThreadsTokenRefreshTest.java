package socialdesk.platforms.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import socialdesk.core.json.Json;
import socialdesk.core.platform.token.TokenRenewal;
import socialdesk.core.post.Platform;
import socialdesk.core.post.PostContent;
import socialdesk.core.publish.PlatformPublisher;
import socialdesk.core.publish.PublishOutcome.Published;
import socialdesk.core.publish.PublishRequest;
import socialdesk.platforms.PlatformHttp;
import socialdesk.platforms.Publishers;
import socialdesk.platforms.fake.FakeGraph;
import socialdesk.platforms.fake.FakePlatformServer;
import socialdesk.platforms.fake.FakePlatformServer.RecordedRequest;
import socialdesk.platforms.fake.MemoryTokens;
import socialdesk.platforms.fake.TestClock;

/** Threads' 60-day token is refreshed in its last week and written back, against {@link FakeGraph}. */
class ThreadsTokenRefreshTest {
    private static final HttpClient CLIENT = PlatformHttp.newClient(Duration.ofSeconds(2));
    private static final Instant NOW = Instant.parse("2026-12-06T09:00:00Z");
    private static final String SECRET = "social-desk/platforms/threads";

    private final TestClock clock = new TestClock(NOW);
    private final FakeGraph graph = new FakeGraph("v1.0");
    private final MemoryTokens tokens = new MemoryTokens(clock);

    @AfterEach
    void stop() {
        graph.close();
    }

    private PlatformPublisher container(String secret) {
        return Publishers.fromSecret(Platform.THREADS, secret, CLIENT, clock, new TokenRenewal(tokens, tokens, clock), SECRET);
    }

    private static PublishRequest request(String text) {
        return new PublishRequest("post-1", new PostContent(text, null), "post-1/threads", NOW);
    }

    @Test
    void aTokenInItsLastWeekIsRefreshedAndWrittenBack() {
        String secret = Json.write(Map.of("apiUrl", graph.baseUri().toString(), "apiVersion", "v1.0",
                "userId", FakeGraph.THREADS_USER_ID, "accessToken", FakeGraph.TOKEN, "expiresAt", NOW.plus(Duration.ofDays(30)).toString()));
        tokens.write(SECRET, secret);
        PlatformPublisher publisher = container(secret);

        assertInstanceOf(Published.class, publisher.publish(request("a month left")));
        assertEquals(0, graph.refreshes());
        clock.advance(Duration.ofDays(25));
        assertInstanceOf(Published.class, publisher.publish(request("five days left")));

        assertEquals(1, graph.refreshes());
        Map<String, Object> stored = Json.parseObject(tokens.read(SECRET).orElseThrow());
        assertEquals("THQfreshLongLived1", stored.get("accessToken"));
        assertEquals(clock.instant().plus(Duration.ofDays(60)).toString(), stored.get("expiresAt"));
        RecordedRequest last = graph.requests().getLast();
        assertEquals("THQfreshLongLived1", last.method().equals("GET") ? last.query("access_token")
                : FakePlatformServer.formField(last.body(), "access_token"));
        assertEquals(List.of(), graph.violations());
    }
}
