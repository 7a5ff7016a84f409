package socialdesk.core.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private static final Instant NOW = Instant.parse("2026-11-26T09:00:00Z");
    private final RetryPolicy policy = new RetryPolicy(5, 2, Duration.ofSeconds(30), Duration.ofMinutes(10));

    @Test
    void backsOffExponentiallyWithinHalfAndFullDelayUpToTheCap() {
        Random random = new Random(7);
        long[] fullDelaysSeconds = {30, 60, 120, 240, 480, 600, 600};
        for (int attempt = 1; attempt <= fullDelaysSeconds.length; attempt++) {
            for (int sample = 0; sample < 200; sample++) {
                long waited = Duration.between(NOW, policy.nextAttempt(attempt, NOW, null, random)).toMillis();
                long full = fullDelaysSeconds[attempt - 1] * 1000;
                assertTrue(waited >= full / 2 && waited <= full, "attempt " + attempt + " waited " + waited);
            }
        }
    }

    @Test
    void jitterSpreadsRetriesOfPostsThatFailedTogether() {
        Random random = new Random(1);
        long distinct = java.util.stream.IntStream.range(0, 100)
                .mapToObj(i -> policy.nextAttempt(3, NOW, null, random))
                .distinct().count();

        assertTrue(distinct > 90, "only " + distinct + " distinct retry times");
    }

    @Test
    void neverRetriesSoonerThanThePlatformAsked() {
        Instant retryAfter = NOW.plus(Duration.ofHours(1));

        assertEquals(retryAfter, policy.nextAttempt(1, NOW, retryAfter, new Random(3)));
    }

    @Test
    void givesUpOnPermanentRefusalsSoonerThanOnTransientFailures() {
        PublishOutcome permanent = new PublishOutcome.Permanent("422");
        PublishOutcome transientFailure = new PublishOutcome.Transient("503", null);

        assertTrue(policy.mayRetry(permanent, 1));
        assertFalse(policy.mayRetry(permanent, 2));
        assertTrue(policy.mayRetry(transientFailure, 4));
        assertFalse(policy.mayRetry(transientFailure, 5));
    }
}
