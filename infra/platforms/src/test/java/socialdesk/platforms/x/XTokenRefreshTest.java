package socialdesk.platforms.x;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import socialdesk.core.publish.PublishOutcome.CredentialsRejected;
import socialdesk.core.publish.PublishOutcome.Published;
import socialdesk.core.publish.PublishRequest;
import socialdesk.platforms.PlatformHttp;
import socialdesk.platforms.Publishers;
import socialdesk.platforms.fake.FakeX;
import socialdesk.platforms.fake.MemoryTokens;
import socialdesk.platforms.fake.TestClock;

/** X with {@code offline.access}: the access token is refreshed before its two hours are up, against {@link FakeX}. */
class XTokenRefreshTest {
    private static final HttpClient CLIENT = PlatformHttp.newClient(Duration.ofSeconds(2));
    private static final Instant NOW = Instant.parse("2026-12-06T09:00:00Z");
    private static final String SECRET = "social-desk/platforms/x";

    private final TestClock clock = new TestClock(NOW);
    private final FakeX x = new FakeX(clock);
    private final MemoryTokens tokens = new MemoryTokens(clock);

    @AfterEach
    void stop() {
        x.close();
    }

    private PlatformPublisher container(String secretJson) {
        return Publishers.fromSecret(Platform.X, secretJson, CLIENT, clock, new TokenRenewal(tokens, tokens, clock), SECRET);
    }

    private static PublishRequest request(String text) {
        return new PublishRequest("post-1", new PostContent(text, null), "post-1/x", NOW);
    }

    private String authorised() {
        String secret = Json.write(x.authorise(NOW.plus(FakeX.ACCESS_TOKEN_LIFETIME)));
        tokens.write(SECRET, secret);
        return secret;
    }

    @Test
    void postsForHoursBecauseTheTokenIsRefreshedBeforeItExpires() {
        String secret = authorised();
        PlatformPublisher publisher = container(secret);

        for (int hour = 0; hour < 7; hour++) {
            assertInstanceOf(Published.class, publisher.publish(request("hour " + hour)));
            clock.advance(Duration.ofHours(1));
        }

        assertEquals(3, x.refreshes());
        Map<String, Object> stored = Json.parseObject(tokens.read(SECRET).orElseThrow());
        assertNotEquals(Json.parseObject(secret).get("refreshToken"), stored.get("refreshToken"));
        assertEquals(FakeX.CLIENT_ID, stored.get("clientId"));
        assertTrue(Instant.parse((String) stored.get("expiresAt")).isAfter(clock.instant()));
        assertEquals(List.of(), x.violations());
    }

    @Test
    void twoContainersSpendTheRefreshTokenOnce() {
        String secret = authorised();
        PlatformPublisher first = container(secret);
        PlatformPublisher second = container(secret);
        clock.advance(Duration.ofMinutes(115));

        assertInstanceOf(Published.class, first.publish(request("one")));
        assertInstanceOf(Published.class, second.publish(request("two")));

        assertEquals(1, x.refreshes());
        assertEquals(1, tokens.writes() - 1);
    }

    @Test
    void aNewContainerStartsFromTheStoredRefreshTokenNotTheOneItWasBuiltWith() {
        String secret = authorised();
        clock.advance(Duration.ofMinutes(115));
        assertInstanceOf(Published.class, container(secret).publish(request("one")));
        clock.advance(Duration.ofHours(2));

        assertInstanceOf(Published.class, container(secret).publish(request("two")));

        assertEquals(2, x.refreshes());
    }

    @Test
    void aRefreshTokenXNoLongerHonoursHoldsTheAccountWithTheReason() {
        String secret = authorised();
        Map<String, Object> spent = Json.parseObject(secret);
        spent.put("refreshToken", "x-refresh-revoked");
        tokens.write(SECRET, Json.write(spent));
        clock.advance(Duration.ofHours(3));

        CredentialsRejected held = assertInstanceOf(CredentialsRejected.class, container(Json.write(spent)).publish(request("one")));

        assertEquals("x: token refresh refused (400): invalid_request: Value passed for the token was invalid.; "
                + "run ./social auth x to authorise again", held.reason());
    }
}
