package socialdesk.core.publish;

import java.time.Instant;

/** What a platform made of one send. */
public sealed interface PublishOutcome {

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

    /** The platform refused this post and will refuse it again (validation, other 4xx, credentials rejected). */
    record Permanent(String reason) implements PublishOutcome {
    }
}
