package socialdesk.platforms.bluesky;

import java.net.URI;
import java.util.Map;
import socialdesk.platforms.SecretFields;

/**
 * One Bluesky account the desk posts as.
 *
 * @param service     the PDS or entryway, {@code https://bsky.social} for most accounts
 * @param identifier  the handle, DID or e-mail used to sign in
 * @param appPassword an app password (Settings, App passwords), never the account password
 */
public record BlueskyAccount(URI service, String identifier, String appPassword) {
    public static final URI DEFAULT_SERVICE = URI.create("https://bsky.social");

    public BlueskyAccount {
        service = SecretFields.baseUri(service == null ? DEFAULT_SERVICE : service, "bluesky", "service");
        if (identifier == null || identifier.isBlank()) {
            throw new IllegalArgumentException("bluesky account has no identifier");
        }
        if (appPassword == null || appPassword.isBlank()) {
            throw new IllegalArgumentException("bluesky account has no appPassword");
        }
        identifier = identifier.strip();
    }

    /**
     * Reads the credentials as stored in their Parameter Store parameter:
     * {@code {"service": "https://bsky.social", "identifier": "desk.example.com", "appPassword": "..."}}
     * ({@code service} optional). A missing field is an {@link IllegalArgumentException} naming the field, never its value.
     */
    public static BlueskyAccount fromSecretJson(String json) {
        Map<String, Object> secret = SecretFields.object(json, "bluesky");
        URI service = SecretFields.uri(secret, "bluesky", "service", DEFAULT_SERVICE);
        String identifier = SecretFields.string(secret, "bluesky", "identifier");
        String appPassword = SecretFields.string(secret, "bluesky", "appPassword");
        return new BlueskyAccount(service, identifier, appPassword);
    }

    @Override
    public String toString() {
        return "BlueskyAccount[service=" + service + ", identifier=" + identifier + ", appPassword=***]";
    }
}
