package socialdesk.core.publish;

import java.time.Instant;
import socialdesk.core.platform.token.TokenRefreshException;

/** What a platform made of one send. */
public sealed interface PublishOutcome {

    /**
     * A send that could not start because no access token could be had: the platform refused the
     * refresh (the account needs a person) or the refresh could not be done now (try again).
     */
    static PublishOutcome tokenUnavailable(TokenRefreshException e) {
        return e.rejected() ? new CredentialsRejected(e.getMessage()) : new Transient(e.getMessage(), null);
    }

    /** The platform holds the post (now, or from an earlier send that the platform recognised as the same). */
    record Published(String remoteId, String url) implements PublishOutcome {
    }

    /**
     * Worth trying again later: a timeout, a 5xx, a rate limit.
     *
     * @param notBefore the earliest retry the platform asked for (Retry-After, rate-limit reset), or null
     */
    record Transient(String reason, Instant notBefore) implements PublishOutcome {
    }

    /** The platform refused this post and will refuse it again (validation, a duplicate, other 4xx). */
    record Permanent(String reason) implements PublishOutcome {
    }

    /**
     * The platform refused the account's credentials (expired, revoked, missing a permission): no
     * post to this account can succeed until a person reconnects it, so retrying is pointless.
     *
     * @param expiresAt when the platform said the credentials expired (or will), or null when it did not say
     */
    record CredentialsRejected(String reason, Instant expiresAt) implements PublishOutcome {
        public CredentialsRejected(String reason) {
            this(reason, null);
        }
    }
}
