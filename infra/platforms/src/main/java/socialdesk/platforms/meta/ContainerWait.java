package socialdesk.platforms.meta;

import java.time.Duration;

/**
 * How long to wait for an Instagram or Threads media container before publishing it: its status is
 * read every {@code interval} until it is FINISHED or {@code maxWait} has passed. Threads advises
 * about 30 s on average between creating and publishing; polling publishes as soon as the container
 * is ready instead of always sleeping. Tests use milliseconds.
 */
public record ContainerWait(Duration interval, Duration maxWait) {
    public static final ContainerWait DEFAULT = new ContainerWait(Duration.ofSeconds(3), Duration.ofSeconds(50));

    public ContainerWait {
        if (interval == null || maxWait == null || interval.isNegative() || interval.isZero() || maxWait.isNegative()) {
            throw new IllegalArgumentException("interval must be positive and maxWait not negative");
        }
    }
}
