package socialdesk.core.publish;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import socialdesk.core.events.Announcement;
import socialdesk.core.events.PendingEvents;
import socialdesk.core.post.Platform;

/**
 * Which platform accounts are blocked, shared by every run. Transitions are conditional writes,
 * so however many runs see the same rejection, a person is told once: the transition's event is
 * written with it (the outbox) and the method answers it as pending, or empty when this call changed nothing.
 */
public interface AccountHealthStore {

    /** Every blocked account, in one read. */
    Map<Platform, AccountHealth> blocked();

    /** Marks the account blocked; present only for the run that made the change. */
    Optional<PendingEvents> markBlocked(Platform platform, String reason, Instant now, Instant nextProbeAt, Announcement announcement);

    /** Lets one delivery try a blocked account; true for exactly one caller per probe time. */
    boolean claimProbe(Platform platform, Instant now, Instant nextProbeAt);

    /** Clears the block; present only for the run that cleared it. */
    Optional<PendingEvents> markHealthy(Platform platform, Announcement announcement);

    /**
     * Records that a person was told the credentials expire at {@code expiresAt}; true only the
     * first time for that expiry, so the warning is sent once per token.
     */
    Optional<PendingEvents> markExpiryNotified(Platform platform, Instant expiresAt, Announcement announcement);
}
