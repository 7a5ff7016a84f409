package socialdesk.platforms.telegram;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import socialdesk.core.json.Json;
import socialdesk.core.json.JsonRead;
import socialdesk.core.platform.ContentRules;
import socialdesk.core.platform.TelegramRules;
import socialdesk.core.post.Platform;
import socialdesk.core.publish.PlatformPublisher;
import socialdesk.core.publish.PublishOutcome;
import socialdesk.core.publish.PublishOutcome.Permanent;
import socialdesk.core.publish.PublishOutcome.Published;
import socialdesk.core.publish.PublishOutcome.Transient;
import socialdesk.core.publish.PublishRequest;
import socialdesk.platforms.PlatformHttp;
import socialdesk.platforms.PlatformHttp.Response;

/**
 * Sends with the Bot API's {@code POST /bot<token>/sendMessage} ({@code {chat_id, text}}, plain
 * text, no parse mode), or {@code sendPhoto} / {@code sendMediaGroup} for images ({@link TelegramMedia}),
 * answered {@code {"ok": true, "result": {"message_id", "chat", …}}}. The
 * remote id is {@code <chat id>/<message id>} (message ids count per chat); the URL is
 * {@code https://t.me/<username>/<id>} for a public channel and {@code https://t.me/c/<id>/<id>} for
 * a private one.
 *
 * <p>Errors come as {@code {"ok": false, "error_code", "description", "parameters": {"retry_after"}}}:
 * 429 waits {@code retry_after} seconds; 401 (bad token), 403 (the bot is not, or no longer, an
 * admin of the channel) and 404 (malformed token) are credentials rejected; other 4xx permanent;
 * 5xx transient. The token sits in the URL path: reasons carry only Telegram's description, never
 * the URL. Idempotency: the Bot API has none; a retry after a lost answer may send twice.
 */
public final class TelegramPublisher implements PlatformPublisher {
    private final PlatformHttp http;
    private final TelegramAccount account;
    private final TelegramRules rules = new TelegramRules();
    /** The bot's method URL without the method; it holds the token, so it is never logged. */
    private final String botUri;

    public TelegramPublisher(HttpClient client, TelegramAccount account, Clock clock) {
        this(client, account, clock, PlatformHttp.DEFAULT_REQUEST_TIMEOUT);
    }

    public TelegramPublisher(HttpClient client, TelegramAccount account, Clock clock, Duration requestTimeout) {
        this.account = Objects.requireNonNull(account, "account");
        this.http = new PlatformHttp(Platform.TELEGRAM.id(), client, requestTimeout, clock);
        this.botUri = account.apiUrl() + "/bot" + account.botToken() + "/";
    }

    @Override
    public Platform platform() {
        return Platform.TELEGRAM;
    }

    @Override
    public ContentRules rules() {
        return rules;
    }

    @Override
    public PublishOutcome publish(PublishRequest request) {
        try {
            List<String> problems = rules.problems(request.content());
            if (!problems.isEmpty()) {
                return new Permanent(String.join("; ", problems));
            }
            String chat = account.chatId();
            TelegramMedia.Send send = TelegramMedia.send(request.content(), chat.startsWith("@") ? chat : (Object) Long.parseLong(chat));
            Response response = http.send(http.request(URI.create(botUri + send.method()))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Json.write(send.body())))
                    .build());
            Map<String, Object> json = response.json();
            if (response.statusClass() == PlatformHttp.StatusClass.SUCCESS && Boolean.TRUE.equals(JsonRead.bool(json, "ok"))) {
                Object message = TelegramMedia.message(json);
                String messageId = JsonRead.id(message, "message_id");
                String chatId = JsonRead.id(message, "chat", "id");
                if (messageId == null || chatId == null) {
                    return new Transient("telegram: answer carried no message id", null);
                }
                return new Published(chatId + "/" + messageId, url(JsonRead.string(message, "chat", "username"), chatId, messageId));
            }
            return failure(response);
        } catch (Exception e) {
            return http.transportFailure(e);
        }
    }

    private PublishOutcome failure(Response response) {
        Map<String, Object> json = response.json();
        Long code = JsonRead.integer(json, "error_code");
        int status = code == null ? response.status() : code.intValue();
        String description = JsonRead.string(json, "description");
        String detail = description == null ? response.detail() : description;
        if (status == 429) {
            Instant notBefore = http.afterSeconds(JsonRead.integer(json, "parameters", "retry_after"));
            return new Transient("telegram: rate limited (429): " + detail,
                    notBefore != null ? notBefore : http.notBefore(response.headers()));
        }
        if (status == 401 || status == 403 || status == 404) {
            return http.credentialsRejected(status, detail);
        }
        if (status >= 500) {
            return new Transient("telegram: server error (" + status + "): " + detail, http.notBefore(response.headers()));
        }
        if (JsonRead.integer(json, "parameters", "migrate_to_chat_id") != null) {
            return new Permanent("telegram: refused (" + status + "): " + detail + "; the group became a supergroup with id "
                    + JsonRead.integer(json, "parameters", "migrate_to_chat_id") + ": update chatId");
        }
        return new Permanent("telegram: refused (" + status + "): " + detail);
    }

    private static String url(String username, String chatId, String messageId) {
        if (username != null) {
            return "https://t.me/" + username + "/" + messageId;
        }
        if (chatId.startsWith("-100")) {
            return "https://t.me/c/" + chatId.substring(4) + "/" + messageId;
        }
        return null;
    }

    @Override
    public String toString() {
        return "TelegramPublisher[" + account.chatId() + "]";
    }
}
