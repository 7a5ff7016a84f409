package socialdesk.platforms;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import socialdesk.core.json.JsonRead;
import socialdesk.core.platform.token.OAuthTokens;
import socialdesk.core.platform.token.TokenRefreshException;
import socialdesk.core.platform.token.TokenRefresher;

/**
 * Meta's refresh of a long-lived user token (60 days), which Threads and Instagram (with Instagram
 * Login) serve as {@code GET <graph>/refresh_access_token?grant_type=th_refresh_token|ig_refresh_token&access_token=...}:
 * the answer's {@code access_token} and {@code expires_in} replace the token itself (there is no
 * separate refresh token). A token must be at least a day old and still valid to be refreshed;
 * Meta's {@code OAuthException} (code 190) means a person must authorise again.
 */
public final class LongLivedTokenRefresh implements TokenRefresher {
    private final PlatformHttp http;
    private final URI graph;
    private final String grantType;

    public LongLivedTokenRefresh(String platform, HttpClient client, Clock clock, URI graph, String grantType) {
        this.http = new PlatformHttp(platform, client, PlatformHttp.DEFAULT_REQUEST_TIMEOUT, clock);
        this.graph = graph;
        this.grantType = grantType;
    }

    @Override
    public OAuthTokens refresh(Map<String, Object> secret) throws TokenRefreshException {
        String token = JsonRead.string(secret, "accessToken");
        URI uri = URI.create(graph + "/refresh_access_token?grant_type=" + grantType + "&access_token="
                + URLEncoder.encode(token, StandardCharsets.UTF_8));
        PlatformHttp.Response response;
        try {
            response = http.send(http.request(uri).GET().build());
        } catch (Exception e) {
            throw new TokenRefreshException(http.transportFailure(e).reason() + " (token refresh)", false);
        }
        Long code = JsonRead.integer(response.json(), "error", "code");
        if (code != null) {
            boolean rejected = code == 190 || code == 102;
            throw new TokenRefreshException(http.platform() + ": token refresh " + (rejected ? "refused" : "failed")
                    + " (" + response.status() + "): " + JsonRead.string(response.json(), "error", "message"), rejected);
        }
        return RefreshTokenGrant.tokens(http.platform(), response, http.clock().instant());
    }
}
