package socialdesk.core.platform.token;

import java.util.Optional;

/**
 * Where a platform's credentials live between invocations (a Parameter Store parameter in AWS, the local
 * stack's parameters file on a laptop). Refreshed tokens are written back here, so the next invocation
 * starts from the newest refresh token.
 */
public interface TokenStore {
    /** The secret's JSON as stored now, past any cache; empty when there is no such secret. */
    Optional<String> read(String secretName);

    /** Stores new JSON as the secret's current value. */
    void write(String secretName, String secretJson);
}
