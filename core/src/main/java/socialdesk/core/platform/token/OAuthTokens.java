package socialdesk.core.platform.token;

import java.time.Instant;
import java.util.Objects;

/**
 * The tokens a refresh returns.
 *
 * @param accessToken  the token sent with each API call
 * @param refreshToken the token for the next refresh (X and LinkedIn return a new one each time;
 *                     Threads and Instagram refresh the long-lived access token itself, so it is null)
 * @param expiresAt    when the access token stops working
 */
public record OAuthTokens(String accessToken, String refreshToken, Instant expiresAt) {
    public OAuthTokens {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public String toString() {
        return "OAuthTokens[accessToken=***, refreshToken=" + (refreshToken == null ? "none" : "***") + ", expiresAt=" + expiresAt + "]";
    }
}
