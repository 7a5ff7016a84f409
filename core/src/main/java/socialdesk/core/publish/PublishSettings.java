package socialdesk.core.publish;

import java.time.Duration;

/**
 * Knobs of one publishing run.
 *
 * @param batchSize    most posts read from the due index per run
 * @param concurrency  most posts in flight at once (each fans out to its platforms)
 * @param lease        how long a claim is held; longer than any run can take, so a live run never
 *                     loses its post, short enough that a crashed run's posts go out soon after
 * @param reserve      stop claiming when less than this much invocation time remains, leaving room
 *                     for the sends and writes of posts already claimed
 * @param probeInterval how often one held delivery tries an account whose credentials were rejected
 * @param expiryWarning how long before credentials expire a person is warned
 * @param settleDelay  how long after a send in doubt a platform's "not found" is trusted: listings
 *                     can lag the post by a few seconds; a reclaim comes a lease after the send, so
 *                     this rarely delays anything
 * @param doubtLimit   how long a lookup that keeps failing is retried before the delivery is handed
 *                     to a person as UNCERTAIN (never resent blind)
 */
public record PublishSettings(int batchSize, int concurrency, Duration lease, Duration reserve, RetryPolicy retry,
                              Duration probeInterval, Duration expiryWarning, Duration settleDelay, Duration doubtLimit) {

    public static final Duration DEFAULT_SETTLE_DELAY = Duration.ofSeconds(60);
    public static final Duration DEFAULT_DOUBT_LIMIT = Duration.ofHours(6);

    public static final PublishSettings DEFAULT = new PublishSettings(500, 16, Duration.ofMinutes(3),
            Duration.ofSeconds(20), RetryPolicy.DEFAULT, Duration.ofMinutes(15), Duration.ofDays(7));

    /** With the default settle delay and doubt limit. */
    public PublishSettings(int batchSize, int concurrency, Duration lease, Duration reserve, RetryPolicy retry,
                           Duration probeInterval, Duration expiryWarning) {
        this(batchSize, concurrency, lease, reserve, retry, probeInterval, expiryWarning, DEFAULT_SETTLE_DELAY,
                DEFAULT_DOUBT_LIMIT);
    }

    public PublishSettings {
        if (batchSize < 1 || concurrency < 1) {
            throw new IllegalArgumentException("batchSize and concurrency must be at least 1");
        }
    }
}
