package socialdesk.platforms.instagram;

import java.net.URI;
import java.util.Map;
import socialdesk.platforms.SecretFields;
import socialdesk.platforms.meta.MetaFields;

/**
 * One Instagram professional (business or creator) account, published to through the Graph API
 * with Facebook Login.
 *
 * @param graphUrl     {@code https://graph.facebook.com} (tests: loopback)
 * @param graphVersion e.g. {@code v24.0}
 * @param igUserId     the Instagram user id (the {@code instagram_business_account} of the linked Page)
 * @param accessToken  a token with {@code instagram_basic}, {@code instagram_content_publish} and
 *                     {@code pages_read_engagement}
 */
public record InstagramAccount(URI graphUrl, String graphVersion, String igUserId, String accessToken) {
    public static final URI DEFAULT_GRAPH_URL = URI.create("https://graph.facebook.com");
    public static final String DEFAULT_GRAPH_VERSION = "v24.0";

    public InstagramAccount {
        graphUrl = SecretFields.baseUri(graphUrl, "instagram", "graphUrl");
        graphVersion = MetaFields.version(graphVersion, "instagram", "graphVersion");
        igUserId = MetaFields.nodeId(igUserId, "instagram", "igUserId");
        if (accessToken == null || accessToken.isBlank()) {
            throw new IllegalArgumentException("instagram account has no accessToken");
        }
    }

    /**
     * Reads {@code {"igUserId": "...", "accessToken": "...", "graphVersion": "v24.0", "graphUrl": "https://graph.facebook.com"}}
     * ({@code graphVersion} and {@code graphUrl} optional).
     */
    public static InstagramAccount fromSecretJson(String json) {
        Map<String, Object> secret = SecretFields.object(json, "instagram");
        return new InstagramAccount(
                SecretFields.uri(secret, "instagram", "graphUrl", DEFAULT_GRAPH_URL),
                secret.get("graphVersion") == null ? DEFAULT_GRAPH_VERSION : SecretFields.string(secret, "instagram", "graphVersion"),
                SecretFields.string(secret, "instagram", "igUserId"),
                SecretFields.string(secret, "instagram", "accessToken"));
    }

    URI versionedBase() {
        return URI.create(graphUrl + "/" + graphVersion);
    }

    @Override
    public String toString() {
        return "InstagramAccount[graphUrl=" + graphUrl + ", graphVersion=" + graphVersion + ", igUserId=" + igUserId
                + ", accessToken=***]";
    }
}
