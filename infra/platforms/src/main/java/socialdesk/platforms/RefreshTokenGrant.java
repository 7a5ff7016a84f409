package socialdesk.platforms;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import socialdesk.core.json.JsonRead;
import socialdesk.core.platform.token.OAuthTokens;
import socialdesk.core.platform.token.TokenRefreshException;
import socialdesk.core.platform.token.TokenRefresher;

/**
 * OAuth 2.0's refresh-token grant (RFC 6749 section 6), as X and LinkedIn serve it:
 * {@code POST tokenUri} with {@code grant_type=refresh_token}, the secret's {@code refreshToken} and
 * {@code clientId}; a confidential client authenticates with its {@code clientSecret}, in HTTP Basic
 * (X) or in the form (LinkedIn). The answer's {@code access_token}, {@code refresh_token} (a new one;
 * the old is invalid from now on) and {@code expires_in} become the new tokens. A 400 or 401 with
 * {@code invalid_grant}, {@code invalid_request} or {@code invalid_client} means the grant is gone and
 * a person must authorise again; anything else is worth a retry.
 */
public final class RefreshTokenGrant implements TokenRefresher {
    /** Where a confidential client's secret goes. */
    public enum ClientAuth { BASIC, FORM }

    private final PlatformHttp http;
    private final URI tokenUri;
    private final ClientAuth clientAuth;

    public RefreshTokenGrant(String platform, HttpClient client, Clock clock, URI tokenUri, ClientAuth clientAuth) {
        this.http = new PlatformHttp(platform, client, PlatformHttp.DEFAULT_REQUEST_TIMEOUT, clock);
        this.tokenUri = tokenUri;
        this.clientAuth = clientAuth;
    }

    @Override
    public OAuthTokens refresh(Map<String, Object> secret) throws TokenRefreshException {
        String platform = http.platform();
        String refreshToken = JsonRead.string(secret, "refreshToken");
        String clientId = JsonRead.string(secret, "clientId");
        String clientSecret = JsonRead.string(secret, "clientSecret");
        if (refreshToken == null || clientId == null) {
            throw new TokenRefreshException(platform + ": the secret has no refreshToken or clientId; run ./social auth " + platform, true);
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken);
        form.put("client_id", clientId);
        HttpRequest.Builder request = http.request(tokenUri).header("Content-Type", "application/x-www-form-urlencoded");
        if (clientSecret != null && clientAuth == ClientAuth.BASIC) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (enc(clientId) + ":" + enc(clientSecret)).getBytes(StandardCharsets.UTF_8)));
        } else if (clientSecret != null) {
            form.put("client_secret", clientSecret);
        }
        PlatformHttp.Response response;
        try {
            response = http.send(request.POST(HttpRequest.BodyPublishers.ofString(form(form))).build());
        } catch (Exception e) {
            throw new TokenRefreshException(http.transportFailure(e).reason() + " (token refresh)", false);
        }
        return tokens(platform, response, http.clock().instant());
    }

    static OAuthTokens tokens(String platform, PlatformHttp.Response response, Instant now) throws TokenRefreshException {
        Map<String, Object> json = response.json();
        String access = JsonRead.string(json, "access_token");
        Long expiresIn = JsonRead.integer(json, "expires_in");
        if (response.statusClass() == PlatformHttp.StatusClass.SUCCESS && access != null && expiresIn != null) {
            return new OAuthTokens(access, JsonRead.string(json, "refresh_token"), now.plus(Duration.ofSeconds(expiresIn)));
        }
        String error = response.errorCode();
        boolean rejected = (response.status() == 400 || response.status() == 401)
                && (error == null || error.equals("invalid_grant") || error.equals("invalid_request") || error.equals("invalid_client")
                || error.equals("unauthorized_client"));
        throw new TokenRefreshException(platform + ": token refresh " + (rejected ? "refused" : "failed") + " (" + response.status() + ")"
                + (response.detail().isEmpty() ? "" : ": " + response.detail())
                + (rejected ? "; run ./social auth " + platform + " to authorise again" : ""), rejected);
    }

    static String form(Map<String, String> fields) {
        StringBuilder body = new StringBuilder();
        fields.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(enc(k)).append('=').append(enc(v)));
        return body.toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
