package socialdesk.platforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import socialdesk.core.post.PostContent;
import socialdesk.core.publish.PublishRequest;
import socialdesk.core.publish.SentPostLookup.Reconciliation;
import socialdesk.platforms.bluesky.BlueskyPublisher;
import socialdesk.platforms.discord.DiscordPublisher;
import socialdesk.platforms.fake.FakeBluesky;
import socialdesk.platforms.fake.FakeDiscord;
import socialdesk.platforms.fake.FakeMastodon;
import socialdesk.platforms.fake.FakeTelegram;
import socialdesk.platforms.fake.TestClock;
import socialdesk.platforms.mastodon.MastodonPublisher;
import socialdesk.platforms.telegram.TelegramPublisher;

/**
 * The platforms that are not looked up: a Telegram bot cannot read a channel's history and a Discord
 * webhook cannot list messages (a person decides, and nothing is asked of the platform), while
 * Mastodon's Idempotency-Key and Bluesky's record key make a resend safe by themselves.
 */
class SentPostLookupKindsTest {
    private static final HttpClient CLIENT = PlatformHttp.newClient(Duration.ofSeconds(2));
    private static final Instant NOW = Instant.parse("2026-11-26T09:00:00Z");
    private static final PublishRequest REQUEST = new PublishRequest("post-1", new PostContent("hi", null), "post-1/x", NOW);

    private final TestClock clock = new TestClock(NOW);

    @Test
    void telegramAndDiscordWebhooksCannotBeAskedAndAreNotCalled() {
        try (FakeTelegram telegram = new FakeTelegram(clock); FakeDiscord discord = new FakeDiscord(clock)) {
            Reconciliation.CannotLook bot = assertInstanceOf(Reconciliation.CannotLook.class,
                    new TelegramPublisher(CLIENT, telegram.account(), clock).sentPosts().find(REQUEST, NOW));
            Reconciliation.CannotLook webhook = assertInstanceOf(Reconciliation.CannotLook.class,
                    new DiscordPublisher(CLIENT, discord.account(), clock).sentPosts().find(REQUEST, NOW));

            assertTrue(bot.reason().startsWith("telegram"), bot.reason());
            assertTrue(webhook.reason().startsWith("discord"), webhook.reason());
            assertEquals(List.of(), telegram.requests());
            assertEquals(List.of(), discord.requests());
        }
    }

    @Test
    void mastodonAndBlueskyResendSafely() {
        try (FakeMastodon mastodon = new FakeMastodon(FakeMastodon.DEFAULT_TOKEN, 500, clock); FakeBluesky bluesky = new FakeBluesky(clock)) {
            assertInstanceOf(Reconciliation.ResendIsSafe.class,
                    new MastodonPublisher(CLIENT, mastodon.account(), clock).sentPosts().find(REQUEST, NOW));
            assertInstanceOf(Reconciliation.ResendIsSafe.class,
                    new BlueskyPublisher(CLIENT, bluesky.account(), clock).sentPosts().find(REQUEST, NOW));
        }
    }
}
