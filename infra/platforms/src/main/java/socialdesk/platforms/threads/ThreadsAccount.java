package socialdesk.platforms.threads;

import java.net.URI;
import java.util.Map;
import socialdesk.platforms.SecretFields;
import socialdesk.platforms.meta.MetaFields;

/**
 * One Threads profile.
 *
 * @param apiUrl       {@code https://graph.threads.net} (tests: loopback)
 * @param apiVersion   {@code v1.0}
 * @param userId       the Threads user id
 * @param accessToken  a long-lived Threads user token with {@code threads_basic} and
 *                     {@code threads_content_publish}; it lasts 60 days and must be refreshed before then
 */
public record ThreadsAccount(URI apiUrl, String apiVersion, String userId, String accessToken) {
    public static final URI DEFAULT_API_URL = URI.create("https://graph.threads.net");
    public static final String DEFAULT_API_VERSION = "v1.0";

    public ThreadsAccount {
        apiUrl = SecretFields.baseUri(apiUrl, "threads", "apiUrl");
        apiVersion = MetaFields.version(apiVersion, "threads", "apiVersion");
        userId = MetaFields.nodeId(userId, "threads", "userId");
        if (accessToken == null || accessToken.isBlank()) {
            throw new IllegalArgumentException("threads account has no accessToken");
        }
    }

    /**
     * Reads {@code {"userId": "...", "accessToken": "...", "apiVersion": "v1.0", "apiUrl": "https://graph.threads.net"}}
     * ({@code apiVersion} and {@code apiUrl} optional).
     */
    public static ThreadsAccount fromSecretJson(String json) {
        Map<String, Object> secret = SecretFields.object(json, "threads");
        return new ThreadsAccount(
                SecretFields.uri(secret, "threads", "apiUrl", DEFAULT_API_URL),
                secret.get("apiVersion") == null ? DEFAULT_API_VERSION : SecretFields.string(secret, "threads", "apiVersion"),
                SecretFields.string(secret, "threads", "userId"),
                SecretFields.string(secret, "threads", "accessToken"));
    }

    URI versionedBase() {
        return URI.create(apiUrl + "/" + apiVersion);
    }

    @Override
    public String toString() {
        return "ThreadsAccount[apiUrl=" + apiUrl + ", apiVersion=" + apiVersion + ", userId=" + userId + ", accessToken=***]";
    }
}
