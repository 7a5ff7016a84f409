package socialdesk.platforms.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import socialdesk.core.post.PostContent;
import socialdesk.core.publish.PublishOutcome;
import socialdesk.core.publish.PublishOutcome.CredentialsRejected;
import socialdesk.core.publish.PublishOutcome.Permanent;
import socialdesk.core.publish.PublishOutcome.Published;
import socialdesk.core.publish.PublishOutcome.Transient;
import socialdesk.core.publish.PublishRequest;
import socialdesk.platforms.PlatformHttp;
import socialdesk.platforms.fake.FakeDiscord;
import socialdesk.platforms.fake.FakePlatformServer.RecordedRequest;
import socialdesk.platforms.fake.TestClock;

/** Tests against {@link FakeDiscord} on loopback. */
class DiscordPublisherTest {
    private static final HttpClient CLIENT = PlatformHttp.newClient(Duration.ofSeconds(2));
    private static final Instant NOW = Instant.parse("2026-11-26T09:00:00Z");

    private final TestClock clock = new TestClock(NOW);
    private final FakeDiscord discord = new FakeDiscord(clock);
    private final DiscordPublisher publisher = new DiscordPublisher(CLIENT, discord.account(), clock, Duration.ofSeconds(5));

    @AfterEach
    void stop() {
        discord.close();
    }

    private static PublishRequest request(String text) {
        return new PublishRequest("post-1", new PostContent(text, null), "post-1/discord", NOW);
    }

    private static void assertNoSecret(PublishOutcome outcome) {
        assertFalse(outcome.toString().contains(FakeDiscord.WEBHOOK_TOKEN), outcome.toString());
    }

    @Test
    void executesTheWebhookWithWaitAndBuildsTheMessageUrl() {
        Published published = assertInstanceOf(Published.class, publisher.publish(request("Release day @everyone 🎉")));

        FakeDiscord.Message message = discord.messages().getFirst();
        assertEquals(message.id(), published.remoteId());
        assertEquals("https://discord.com/channels/" + FakeDiscord.GUILD_ID + "/" + FakeDiscord.CHANNEL_ID + "/" + message.id(),
                published.url());
        RecordedRequest sent = discord.requests().getFirst();
        assertEquals("POST", sent.method());
        assertEquals("/api/webhooks/" + FakeDiscord.WEBHOOK_ID + "/" + FakeDiscord.WEBHOOK_TOKEN, sent.path());
        assertEquals("wait=true", sent.rawQuery());
        assertEquals(Map.of("content", "Release day @everyone 🎉", "allowed_mentions", Map.of("parse", List.of())), sent.json());
        assertEquals(List.of(), discord.violations());
    }

    @Test
    void withoutAGuildThereIsNoUrl() {
        DiscordPublisher noGuild = new DiscordPublisher(CLIENT, new DiscordAccount(discord.webhookUrl(), null), clock);

        Published published = assertInstanceOf(Published.class, noGuild.publish(request("hi")));

        assertEquals(null, published.url());
    }

    @Test
    void aRateLimitWaitsForTheResetHeader() {
        discord.failNext(1, 429, Map.of("X-RateLimit-Limit", "5", "X-RateLimit-Remaining", "0",
                "X-RateLimit-Reset-After", "1.250", "X-RateLimit-Scope", "shared"),
                "{\"message\":\"You are being rate limited.\",\"retry_after\":1.25,\"global\":false}");

        Transient limited = assertInstanceOf(Transient.class, publisher.publish(request("hi")));

        assertEquals(NOW.plusMillis(1250), limited.notBefore());
        assertEquals("discord: rate limited (429): You are being rate limited.", limited.reason());
    }

    @Test
    void aRateLimitWithOnlyTheBodyUsesRetryAfter() {
        discord.failNext(1, 429, Map.of(), "{\"message\":\"You are being rate limited.\",\"retry_after\":64.57,\"global\":true}");

        Transient limited = assertInstanceOf(Transient.class, publisher.publish(request("hi")));

        assertEquals(NOW.plusMillis(64_570), limited.notBefore());
        assertEquals("discord: rate limited (429, global): You are being rate limited.", limited.reason());
    }

    @Test
    void aWrongTokenOrDeletedWebhookIsCredentialsRejected() {
        DiscordAccount wrong = new DiscordAccount(java.net.URI.create(discord.baseUri() + "/api/webhooks/"
                + FakeDiscord.WEBHOOK_ID + "/not-the-token"), null);
        CredentialsRejected badToken = assertInstanceOf(CredentialsRejected.class,
                new DiscordPublisher(CLIENT, wrong, clock).publish(request("hi")));
        assertEquals("discord: credentials rejected (401): Invalid Webhook Token (50027); update the account secret", badToken.reason());

        discord.deleteWebhook();
        CredentialsRejected deleted = assertInstanceOf(CredentialsRejected.class, publisher.publish(request("hi")));
        assertEquals("discord: credentials rejected (404): Unknown Webhook (10015) (the webhook was deleted or its URL is wrong); "
                + "update the account secret", deleted.reason());
        assertNoSecret(deleted);
    }

    @Test
    void aServerErrorIsTransientAndABadBodyPermanent() {
        discord.failNext(1, 502, Map.of("Content-Type", "text/html"), "<html>502 Bad Gateway</html>");
        discord.failNext(1, 400, Map.of(), "{\"message\":\"Invalid Form Body\",\"code\":50035}");

        assertNoSecret(assertInstanceOf(Transient.class, publisher.publish(request("hi"))));
        Permanent refused = assertInstanceOf(Permanent.class, publisher.publish(request("hi")));
        assertEquals("discord: refused (400): Invalid Form Body (50035)", refused.reason());
    }

    @Test
    void overTheLimitNeverLeaves() {
        assertInstanceOf(Published.class, publisher.publish(request("😀".repeat(2000))));
        Permanent refused = assertInstanceOf(Permanent.class, publisher.publish(request("😀".repeat(2001))));

        assertEquals("discord: text is 2001 characters (code points), the limit is 2000", refused.reason());
        assertEquals(1, discord.requests().size());
    }

    @Test
    void theAccountHidesTheWebhookUrl() {
        DiscordAccount account = DiscordAccount.fromSecretJson("{\"webhookUrl\":\"https://discord.com/api/webhooks/123/s3cr3t\"}");
        assertFalse(account.toString().contains("s3cr3t"));
        assertThrows(IllegalArgumentException.class,
                () -> DiscordAccount.fromSecretJson("{\"webhookUrl\":\"https://discord.com/channels/1/2\"}"));
    }
}
