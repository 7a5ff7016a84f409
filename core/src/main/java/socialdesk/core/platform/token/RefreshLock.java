package socialdesk.core.platform.token;

import java.time.Instant;

/**
 * A lease that lets one invocation at a time spend a platform's refresh token: X and LinkedIn
 * invalidate the old refresh token when it is used, so two overlapping invocations must never both
 * send it. The lease runs out by itself, so a crashed holder does not block refreshes for ever.
 */
public interface RefreshLock {
    /** Takes the lease named {@code name} for {@code holder} until {@code until}; false when someone else holds an unexpired lease. */
    boolean tryAcquire(String name, String holder, Instant until);

    /** Gives the lease back, if {@code holder} still holds it. */
    void release(String name, String holder);
}
