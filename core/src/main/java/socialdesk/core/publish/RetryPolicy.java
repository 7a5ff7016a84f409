package socialdesk.core.publish;

import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * How long a delivery waits before its next attempt, and when to give up.
 *
 * <p>Transient failures back off exponentially from {@code baseDelay} up to {@code maxDelay}, with
 * "equal jitter" (half the delay fixed, half random) so posts that failed together do not retry
 * together, and never sooner than the platform asked (Retry-After, rate-limit reset). Permanent
 * refusals get a few attempts too, since platforms sometimes answer a 4xx for a passing reason,
 * but far fewer.
 */
public record RetryPolicy(int maxTransientAttempts, int maxPermanentAttempts, Duration baseDelay, Duration maxDelay) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(8, 2, Duration.ofSeconds(30), Duration.ofMinutes(15));

    public RetryPolicy {
        if (maxTransientAttempts < 1 || maxPermanentAttempts < 1) {
            throw new IllegalArgumentException("attempt limits must be at least 1");
        }
        if (baseDelay.isNegative() || maxDelay.compareTo(baseDelay) < 0) {
            throw new IllegalArgumentException("delays must satisfy 0 <= baseDelay <= maxDelay");
        }
    }

    /** Whether a delivery that has now failed {@code attemptsMade} times may be tried again. */
    public boolean mayRetry(PublishOutcome failure, int attemptsMade) {
        int limit = failure instanceof PublishOutcome.Permanent ? maxPermanentAttempts : maxTransientAttempts;
        return attemptsMade < limit;
    }

    /** When to try again after the {@code attemptsMade}-th failed attempt. */
    public Instant nextAttempt(int attemptsMade, Instant now, Instant notBefore, RandomGenerator random) {
        long base = baseDelay.toMillis();
        int doublings = Math.min(Math.max(attemptsMade - 1, 0), 30);
        long delay = Math.min(maxDelay.toMillis(), base << doublings);
        long half = delay / 2;
        long jittered = half + (half > 0 ? random.nextLong(half + 1) : 0);
        Instant next = now.plusMillis(jittered);
        return notBefore != null && notBefore.isAfter(next) ? notBefore : next;
    }
}
