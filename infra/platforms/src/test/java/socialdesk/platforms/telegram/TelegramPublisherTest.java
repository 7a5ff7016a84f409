package socialdesk.platforms.telegram;

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
import socialdesk.core.json.Json;
import socialdesk.core.post.PostContent;
import socialdesk.core.publish.PublishOutcome;
import socialdesk.core.publish.PublishOutcome.CredentialsRejected;
import socialdesk.core.publish.PublishOutcome.Permanent;
import socialdesk.core.publish.PublishOutcome.Published;
import socialdesk.core.publish.PublishOutcome.Transient;
import socialdesk.core.publish.PublishRequest;
import socialdesk.platforms.PlatformHttp;
import socialdesk.platforms.fake.FakePlatformServer.RecordedRequest;
import socialdesk.platforms.fake.FakeTelegram;
import socialdesk.platforms.fake.TestClock;

/** Tests against {@link FakeTelegram} on loopback. */
class TelegramPublisherTest {
    private static final HttpClient CLIENT = PlatformHttp.newClient(Duration.ofSeconds(2));
    private static final Instant NOW = Instant.parse("2026-11-26T09:00:00Z");

    private final TestClock clock = new TestClock(NOW);
    private final FakeTelegram telegram = new FakeTelegram(clock);
    private final TelegramPublisher publisher = new TelegramPublisher(CLIENT, telegram.account(), clock, Duration.ofMillis(500));

    @AfterEach
    void stop() {
        telegram.close();
    }

    private static PublishRequest request(String text) {
        return new PublishRequest("post-1", new PostContent(text, null), "post-1/telegram", NOW);
    }

    private static void assertNoToken(PublishOutcome outcome) {
        assertFalse(outcome.toString().contains(FakeTelegram.TOKEN), outcome.toString());
        assertFalse(outcome.toString().contains("AAFake"), outcome.toString());
    }

    @Test
    void sendsPlainTextToTheChannelAndLinksThePublicMessage() {
        Published published = assertInstanceOf(Published.class, publisher.publish(request("Привет 👋 <b>not bold</b>")));

        FakeTelegram.Message message = telegram.messages().getFirst();
        assertEquals(FakeTelegram.CHANNEL_ID + "/" + message.id(), published.remoteId());
        assertEquals("https://t.me/socialdesk_news/" + message.id(), published.url());
        RecordedRequest sent = telegram.requests().getFirst();
        assertEquals("POST", sent.method());
        assertEquals("/bot" + FakeTelegram.TOKEN + "/sendMessage", sent.path());
        assertEquals(Map.of("chat_id", FakeTelegram.CHANNEL, "text", "Привет 👋 <b>not bold</b>"), sent.json());
        assertEquals(List.of(), telegram.violations());
    }

    @Test
    void aNumericChatIdIsSentAsANumberAndLinksThePrivateForm() {
        TelegramAccount byId = new TelegramAccount(telegram.baseUri(), FakeTelegram.TOKEN, String.valueOf(FakeTelegram.CHANNEL_ID));

        assertInstanceOf(Published.class, new TelegramPublisher(CLIENT, byId, clock).publish(request("hi")));

        assertEquals(FakeTelegram.CHANNEL_ID, telegram.requests().getFirst().json().get("chat_id"));
    }

    @Test
    void tooManyRequestsWaitsRetryAfter() {
        telegram.failNext(1, 429, Map.of(), Json.write(Map.of("ok", false, "error_code", 429,
                "description", "Too Many Requests: retry after 35", "parameters", Map.of("retry_after", 35))));

        Transient limited = assertInstanceOf(Transient.class, publisher.publish(request("hi")));

        assertEquals(NOW.plusSeconds(35), limited.notBefore());
        assertEquals("telegram: rate limited (429): Too Many Requests: retry after 35", limited.reason());
        assertNoToken(limited);
    }

    @Test
    void aWrongTokenIsCredentialsRejectedAndNeverShown() {
        String token = "7012345678:AAWrongWrongWrongWrongWrong";
        CredentialsRejected rejected = assertInstanceOf(CredentialsRejected.class,
                new TelegramPublisher(CLIENT, new TelegramAccount(telegram.baseUri(), token, FakeTelegram.CHANNEL), clock)
                        .publish(request("hi")));

        assertEquals("telegram: credentials rejected (401): Unauthorized; update the account secret", rejected.reason());
        assertFalse(rejected.reason().contains(token));
    }

    @Test
    void aBotRemovedFromTheChannelIsCredentialsRejected() {
        telegram.removeBotFromChannel();

        CredentialsRejected rejected = assertInstanceOf(CredentialsRejected.class, publisher.publish(request("hi")));

        assertEquals("telegram: credentials rejected (403): Forbidden: bot is not a member of the channel chat; "
                + "update the account secret", rejected.reason());
    }

    @Test
    void badRequestsArePermanentServerErrorsAndTimeoutsTransient() {
        TelegramAccount elsewhere = new TelegramAccount(telegram.baseUri(), FakeTelegram.TOKEN, "@someone_else");
        assertEquals("telegram: refused (400): Bad Request: chat not found", assertInstanceOf(Permanent.class,
                new TelegramPublisher(CLIENT, elsewhere, clock).publish(request("hi"))).reason());

        telegram.failNext(1, 502, Map.of("Content-Type", "text/html"), "<html>502 Bad Gateway</html>");
        assertNoToken(assertInstanceOf(Transient.class, publisher.publish(request("hi"))));

        telegram.hangNext(1, Duration.ofSeconds(2));
        Transient timedOut = assertInstanceOf(Transient.class, publisher.publish(request("hi")));
        assertEquals("telegram: no answer within 500 ms", timedOut.reason());
    }

    @Test
    void limitCountedInUtf16UnitsAtTheBoundary() {
        assertInstanceOf(Published.class, publisher.publish(request("😀".repeat(2048))));
        Permanent refused = assertInstanceOf(Permanent.class, publisher.publish(request("😀".repeat(2048) + "a")));

        assertEquals("telegram: text is 4097 characters (UTF-16 units; emoji count 2), the limit is 4096", refused.reason());
        assertEquals(1, telegram.requests().size());
    }

    @Test
    void theAccountChecksAndHidesTheToken() {
        TelegramAccount account = TelegramAccount.fromSecretJson(
                "{\"botToken\":\"" + FakeTelegram.TOKEN + "\",\"chatId\":-1001987654321}");
        assertEquals("-1001987654321", account.chatId());
        assertFalse(account.toString().contains("AAFake"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TelegramAccount.fromSecretJson("{\"botToken\":\"s3cr3t\",\"chatId\":\"@news_desk\"}"));
        assertFalse(e.getMessage().contains("s3cr3t"));
    }
}
