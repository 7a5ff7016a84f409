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
 */
public record PublishSettings(int batchSize, int concurrency, Duration lease, Duration reserve, RetryPolicy retry,
                              Duration probeInterval, Duration expiryWarning) {

    public static final PublishSettings DEFAULT = new PublishSettings(500, 16, Duration.ofMinutes(3),
            Duration.ofSeconds(20), RetryPolicy.DEFAULT, Duration.ofMinutes(15), Duration.ofDays(7));

    public PublishSettings {
        if (batchSize < 1 || concurrency < 1) {
            throw new IllegalArgumentException("batchSize and concurrency must be at least 1");
        }
    }
}
