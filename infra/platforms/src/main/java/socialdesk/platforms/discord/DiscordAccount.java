package socialdesk.platforms.discord;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import socialdesk.platforms.SecretFields;

/**
 * One Discord channel, posted to through an incoming webhook (Server Settings → Integrations →
 * Webhooks; no bot or OAuth scope needed). The webhook URL contains its token and is the secret.
 *
 * @param webhookUrl {@code https://discord.com/api/webhooks/{id}/{token}} (tests: loopback)
 * @param guildId    the server's id, optional: with it (or when Discord names it) a message URL can be built
 */
public record DiscordAccount(URI webhookUrl, String guildId) {
    public DiscordAccount {
        webhookUrl = SecretFields.baseUri(webhookUrl, "discord", "webhookUrl");
        if (!webhookUrl.getPath().matches(".*/webhooks/\\d+/[^/]+")) {
            throw new IllegalArgumentException("discord webhookUrl must end in /webhooks/<id>/<token>");
        }
        if (guildId != null && !guildId.strip().matches("\\d{1,25}")) {
            throw new IllegalArgumentException("discord guildId must be a numeric id");
        }
        guildId = guildId == null ? null : guildId.strip();
    }

    /** Reads {@code {"webhookUrl": "https://discord.com/api/webhooks/…/…", "guildId": "…"}} ({@code guildId} optional). */
    public static DiscordAccount fromSecretJson(String json) {
        Map<String, Object> secret = SecretFields.object(json, "discord");
        String url = SecretFields.string(secret, "discord", "webhookUrl");
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("discord secret field \"webhookUrl\" is not a URL");
        }
        return new DiscordAccount(uri, secret.get("guildId") == null ? null : SecretFields.string(secret, "discord", "guildId"));
    }

    @Override
    public String toString() {
        return "DiscordAccount[webhookUrl=***, guildId=" + guildId + "]";
    }
}
