package socialdesk.core.platform.token;

/** The access token to send now, refreshed first when it is about to expire. */
@FunctionalInterface
public interface TokenSource {
    String accessToken() throws TokenRefreshException;

    /** A token that never changes (bot tokens, page tokens, a static secret). */
    static TokenSource fixed(String token) {
        return () -> token;
    }
}
