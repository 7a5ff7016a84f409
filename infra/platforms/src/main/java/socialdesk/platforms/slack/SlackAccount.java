package socialdesk.platforms.slack;

import java.net.URI;
import java.util.Map;
import socialdesk.platforms.SecretFields;

/**
 * One Slack channel, posted to by a Slack app's bot user (scope {@code chat:write}; the bot must be
 * a member of the channel, or have {@code chat:write.public} for public channels).
 *
 * @param apiUrl   {@code https://slack.com/api} (tests: loopback)
 * @param botToken the bot token, {@code xoxb-…}
 * @param channel  the channel id ({@code C0123456789}); a name works too but breaks when the channel is renamed
 */
public record SlackAccount(URI apiUrl, String botToken, String channel) {
    public static final URI DEFAULT_API_URL = URI.create("https://slack.com/api");

    public SlackAccount {
        apiUrl = SecretFields.baseUri(apiUrl, "slack", "apiUrl");
        if (botToken == null || botToken.isBlank()) {
            throw new IllegalArgumentException("slack account has no botToken");
        }
        if (channel == null || channel.isBlank()) {
            throw new IllegalArgumentException("slack account has no channel");
        }
        channel = channel.strip();
    }

    /** Reads {@code {"botToken": "xoxb-…", "channel": "C0123456789", "apiUrl": "https://slack.com/api"}} ({@code apiUrl} optional). */
    public static SlackAccount fromSecretJson(String json) {
        Map<String, Object> secret = SecretFields.object(json, "slack");
        return new SlackAccount(SecretFields.uri(secret, "slack", "apiUrl", DEFAULT_API_URL),
                SecretFields.string(secret, "slack", "botToken"), SecretFields.string(secret, "slack", "channel"));
    }

    @Override
    public String toString() {
        return "SlackAccount[apiUrl=" + apiUrl + ", botToken=***, channel=" + channel + "]";
    }
}
