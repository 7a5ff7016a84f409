package socialdesk.platforms.linkedin;

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
import socialdesk.platforms.fake.FakeLinkedIn;
import socialdesk.platforms.fake.MemoryTokens;
import socialdesk.platforms.fake.TestClock;

/** LinkedIn's 60-day token is refreshed with its refresh token in its last week, against {@link FakeLinkedIn}. */
class LinkedInTokenRefreshTest {
    private static final HttpClient CLIENT = PlatformHttp.newClient(Duration.ofSeconds(2));
    private static final Instant NOW = Instant.parse("2026-12-06T09:00:00Z");
    private static final String SECRET = "social-desk/platforms/linkedin";

    private final TestClock clock = new TestClock(NOW);
    private final FakeLinkedIn linkedIn = new FakeLinkedIn();
    private final MemoryTokens tokens = new MemoryTokens(clock);

    @AfterEach
    void stop() {
        linkedIn.close();
    }

    @Test
    void aTokenInItsLastWeekIsRefreshedAndTheRotatedRefreshTokenStored() {
        String secret = Json.write(Map.of("apiUrl", linkedIn.baseUri().toString(), "accessToken", FakeLinkedIn.TOKEN,
                "author", FakeLinkedIn.AUTHOR, "linkedinVersion", FakeLinkedIn.VERSION, "refreshToken", "AQWfakeRefresh0",
                "clientId", FakeLinkedIn.CLIENT_ID, "clientSecret", FakeLinkedIn.CLIENT_SECRET,
                "tokenUrl", linkedIn.baseUri() + "/oauth/v2/accessToken", "expiresAt", NOW.plus(Duration.ofDays(3)).toString(),
                "refreshTokenExpiresAt", NOW.plus(Duration.ofDays(300)).toString()));
        tokens.write(SECRET, secret);
        PlatformPublisher publisher = Publishers.fromSecret(Platform.LINKEDIN, secret, CLIENT, clock,
                new TokenRenewal(tokens, tokens, clock), SECRET);

        assertInstanceOf(Published.class, publisher.publish(new PublishRequest("post-1", new PostContent("one", null), "k1", NOW)));
        assertInstanceOf(Published.class, publisher.publish(new PublishRequest("post-2", new PostContent("two", null), "k2", NOW)));

        assertEquals(1, linkedIn.refreshes());
        Map<String, Object> stored = Json.parseObject(tokens.read(SECRET).orElseThrow());
        assertEquals("AQWfakeRefresh1", stored.get("refreshToken"));
        assertEquals("Bearer AQVfreshAccess1", linkedIn.requests().getLast().header("Authorization"));
        assertEquals(java.util.Optional.of(NOW.plus(Duration.ofDays(300))),
                Publishers.credentialsExpireAt(Platform.LINKEDIN, secret, true));
        assertEquals(List.of(), linkedIn.violations());
    }
}
