package socialdesk.platforms.x;

import java.net.URI;
import java.util.Map;
import socialdesk.platforms.SecretFields;

/**
 * One X account, posted as with an OAuth 2.0 user-context access token (Authorization Code with
 * PKCE) carrying {@code tweet.write}, {@code tweet.read} and {@code users.read}. With
 * {@code offline.access} the secret also holds {@code refreshToken}, {@code clientId} (and
 * {@code clientSecret} for a confidential client) and {@code expiresAt}, and the token is refreshed
 * before it expires (X's access tokens last two hours); {@code ./social auth x} writes all of them.
 *
 * @param apiUrl      {@code https://api.x.com} (tests: loopback)
 * @param accessToken the user's access token
 */
public record XAccount(URI apiUrl, String accessToken) {
    public static final URI DEFAULT_API_URL = URI.create("https://api.x.com");

    public XAccount {
        apiUrl = SecretFields.baseUri(apiUrl, "x", "apiUrl");
        if (accessToken == null || accessToken.isBlank()) {
            throw new IllegalArgumentException("x account has no accessToken");
        }
    }

    /** X's OAuth 2.0 token endpoint, under the API's host. */
    public URI tokenUri() {
        return URI.create(apiUrl + "/2/oauth2/token");
    }

    /** Reads {@code {"accessToken": "...", "apiUrl": "https://api.x.com"}} ({@code apiUrl} optional). */
    public static XAccount fromSecretJson(String json) {
        Map<String, Object> secret = SecretFields.object(json, "x");
        return new XAccount(SecretFields.uri(secret, "x", "apiUrl", DEFAULT_API_URL), SecretFields.string(secret, "x", "accessToken"));
    }

    @Override
    public String toString() {
        return "XAccount[apiUrl=" + apiUrl + ", accessToken=***]";
    }
}
