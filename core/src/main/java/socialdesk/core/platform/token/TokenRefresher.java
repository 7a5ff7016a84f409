package socialdesk.core.platform.token;

import java.util.Map;

/** A platform's token endpoint: exchanges what the secret holds for fresh tokens. */
@FunctionalInterface
public interface TokenRefresher {
    /**
     * @param secret the platform's secret as stored (access and refresh tokens, client id...)
     * @throws TokenRefreshException when the platform refused or could not be reached
     */
    OAuthTokens refresh(Map<String, Object> secret) throws TokenRefreshException;
}
