package socialdesk.core.platform.token;

/**
 * A refresh that did not produce tokens.
 *
 * @see #rejected() whether the platform refused the grant (a person must authorise again) rather than
 *      failed for a while (a timeout, a 5xx, a rate limit)
 */
public final class TokenRefreshException extends Exception {
    private final boolean rejected;

    public TokenRefreshException(String message, boolean rejected) {
        super(message);
        this.rejected = rejected;
    }

    public boolean rejected() {
        return rejected;
    }
}
