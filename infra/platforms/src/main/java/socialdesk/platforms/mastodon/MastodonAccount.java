package socialdesk.platforms.mastodon;

import java.net.URI;
import java.util.Map;
import socialdesk.core.platform.MastodonRules;
import socialdesk.platforms.SecretFields;

/**
 * One Mastodon account the desk posts as.
 *
 * @param instance    the instance's base URL, e.g. {@code https://mastodon.social}
 * @param accessToken an OAuth access token with the {@code write:statuses} scope
 * @param maxChars    the instance's status limit (500 unless the instance raised it)
 */
public record MastodonAccount(URI instance, String accessToken, int maxChars) {
    public MastodonAccount {
        instance = SecretFields.baseUri(instance, "mastodon", "instanceUrl");
        if (accessToken == null || accessToken.isBlank()) {
            throw new IllegalArgumentException("mastodon account has no accessToken");
        }
        if (maxChars <= 0) {
            throw new IllegalArgumentException("mastodon account maxChars must be positive");
        }
    }

    public MastodonAccount(URI instance, String accessToken) {
        this(instance, accessToken, MastodonRules.DEFAULT_MAX_CHARS);
    }

    /**
     * Reads the credentials as stored in their Parameter Store parameter:
     * {@code {"instanceUrl": "https://...", "accessToken": "...", "maxChars": 500}} ({@code maxChars} optional).
     * A missing or malformed field is an {@link IllegalArgumentException} naming the field, never its value.
     */
    public static MastodonAccount fromSecretJson(String json) {
        Map<String, Object> secret = SecretFields.object(json, "mastodon");
        URI instance = SecretFields.uri(secret, "mastodon", "instanceUrl", null);
        String token = SecretFields.string(secret, "mastodon", "accessToken");
        int maxChars = SecretFields.positiveInt(secret, "mastodon", "maxChars", MastodonRules.DEFAULT_MAX_CHARS);
        return new MastodonAccount(instance, token, maxChars);
    }

    @Override
    public String toString() {
        return "MastodonAccount[instance=" + instance + ", accessToken=***, maxChars=" + maxChars + "]";
    }
}
