package socialdesk.platforms.telegram;

import java.net.URI;
import java.util.Map;
import socialdesk.platforms.SecretFields;

/**
 * One Telegram channel (or group), posted to by a bot made with @BotFather that is an administrator
 * of the channel with the right to post messages.
 *
 * @param apiUrl   {@code https://api.telegram.org} (tests: loopback)
 * @param botToken the bot's token, {@code 123456789:AA…}; it goes in the request path, so the URL is never logged
 * @param chatId   {@code @channelusername} for a public channel, or the numeric id ({@code -100…})
 */
public record TelegramAccount(URI apiUrl, String botToken, String chatId) {
    public static final URI DEFAULT_API_URL = URI.create("https://api.telegram.org");

    public TelegramAccount {
        apiUrl = SecretFields.baseUri(apiUrl, "telegram", "apiUrl");
        if (botToken == null || !botToken.strip().matches("\\d{1,20}:[A-Za-z0-9_-]{20,}")) {
            throw new IllegalArgumentException("telegram botToken must look like <digits>:<letters> as @BotFather gives it");
        }
        botToken = botToken.strip();
        if (chatId == null || !chatId.strip().matches("@[A-Za-z][A-Za-z0-9_]{3,}|-?\\d{1,20}")) {
            throw new IllegalArgumentException("telegram chatId must be @channelusername or a numeric chat id");
        }
        chatId = chatId.strip();
    }

    /** Reads {@code {"botToken": "123456789:AA…", "chatId": "@channel", "apiUrl": "https://api.telegram.org"}} ({@code apiUrl} optional). */
    public static TelegramAccount fromSecretJson(String json) {
        Map<String, Object> secret = SecretFields.object(json, "telegram");
        Object chat = secret.get("chatId");
        String chatId = chat instanceof Long l ? l.toString() : SecretFields.string(secret, "telegram", "chatId");
        return new TelegramAccount(SecretFields.uri(secret, "telegram", "apiUrl", DEFAULT_API_URL),
                SecretFields.string(secret, "telegram", "botToken"), chatId);
    }

    @Override
    public String toString() {
        return "TelegramAccount[apiUrl=" + apiUrl + ", botToken=***, chatId=" + chatId + "]";
    }
}
