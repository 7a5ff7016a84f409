package socialdesk.platforms.facebook;

import java.net.URI;
import java.util.Map;
import socialdesk.platforms.SecretFields;

/**
 * One Facebook Page the desk posts as.
 *
 * @param graphUrl        the Graph API host, {@code https://graph.facebook.com} (tests: loopback)
 * @param graphVersion    the Graph API version, e.g. {@code v24.0}
 * @param pageId          the Page's numeric id
 * @param pageAccessToken a Page access token with {@code pages_manage_posts} and {@code pages_read_engagement}
 */
public record FacebookAccount(URI graphUrl, String graphVersion, String pageId, String pageAccessToken) {
    public static final URI DEFAULT_GRAPH_URL = URI.create("https://graph.facebook.com");
    public static final String DEFAULT_GRAPH_VERSION = "v24.0";

    public FacebookAccount {
        graphUrl = SecretFields.baseUri(graphUrl, "facebook", "graphUrl");
        graphVersion = socialdesk.platforms.meta.MetaFields.version(graphVersion, "facebook", "graphVersion");
        pageId = socialdesk.platforms.meta.MetaFields.nodeId(pageId, "facebook", "pageId");
        if (pageAccessToken == null || pageAccessToken.isBlank()) {
            throw new IllegalArgumentException("facebook account has no pageAccessToken");
        }
    }

    /**
     * Reads {@code {"pageId": "...", "pageAccessToken": "...", "graphVersion": "v24.0", "graphUrl": "https://graph.facebook.com"}}
     * ({@code graphVersion} and {@code graphUrl} optional).
     */
    public static FacebookAccount fromSecretJson(String json) {
        Map<String, Object> secret = SecretFields.object(json, "facebook");
        return new FacebookAccount(
                SecretFields.uri(secret, "facebook", "graphUrl", DEFAULT_GRAPH_URL),
                secret.get("graphVersion") == null ? DEFAULT_GRAPH_VERSION : SecretFields.string(secret, "facebook", "graphVersion"),
                SecretFields.string(secret, "facebook", "pageId"),
                SecretFields.string(secret, "facebook", "pageAccessToken"));
    }

    URI versionedBase() {
        return URI.create(graphUrl + "/" + graphVersion);
    }

    @Override
    public String toString() {
        return "FacebookAccount[graphUrl=" + graphUrl + ", graphVersion=" + graphVersion + ", pageId=" + pageId
                + ", pageAccessToken=***]";
    }
}
