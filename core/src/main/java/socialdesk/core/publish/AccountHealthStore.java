package socialdesk.core.publish;

import java.time.Instant;
import java.util.Map;
import socialdesk.core.post.Platform;

/**
 * Which platform accounts are blocked, shared by every run. Transitions are conditional writes,
 * so however many runs see the same rejection, a person is told once.
 */
public interface AccountHealthStore {

    /** Every blocked account, in one read. */
    Map<Platform, AccountHealth> blocked();

    /** Marks the account blocked; true only for the run that made the change. */
    boolean markBlocked(Platform platform, String reason, Instant now, Instant nextProbeAt);

    /** Lets one delivery try a blocked account; true for exactly one caller per probe time. */
    boolean claimProbe(Platform platform, Instant now, Instant nextProbeAt);

    /** Clears the block; true only for the run that cleared it. */
    boolean markHealthy(Platform platform);

    /**
     * Records that a person was told the credentials expire at {@code expiresAt}; true only the
     * first time for that expiry, so the warning is sent once per token.
     */
    boolean markExpiryNotified(Platform platform, Instant expiresAt);
}
