package socialdesk.core.schedule;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import socialdesk.core.post.Platform;

/**
 * How far ahead a platform's queue reaches, measured against its posting slots.
 *
 * <p><b>Definition.</b> The runway is the time from now until the platform's first free slot (a
 * slot at which no queued or publishing post for the platform is due), in days, rounded down to a
 * tenth. A queue that fills every slot of the next two and a half days has a runway of 2.5 days;
 * weekends or nights without slots count as covered. Posts due between slots fill no slot. When no
 * slot is free within {@code horizon}, the runway is the horizon (at least that much).
 */
public record Runway(Platform platform, BigDecimal days, int targetDays, int queuedPosts, Instant nextFreeSlot) {

    public boolean belowTarget() {
        return days.compareTo(BigDecimal.valueOf(targetDays)) < 0;
    }

    /**
     * @param taken the due instants of the platform's queued and publishing posts after {@code now}
     */
    public static Runway measure(Cadence cadence, Instant now, Collection<Instant> taken, Duration horizon) {
        Set<Instant> filled = Set.copyOf(taken);
        int queued = (int) taken.stream().filter(t -> t.isAfter(now)).count();
        List<Instant> slots = cadence.slotsBetween(now, now.plus(horizon));
        Instant free = slots.stream().filter(s -> !filled.contains(s)).findFirst().orElse(null);
        Duration reach = free == null ? horizon : Duration.between(now, free);
        BigDecimal days = BigDecimal.valueOf(reach.toMillis())
                .divide(BigDecimal.valueOf(Duration.ofDays(1).toMillis()), 1, RoundingMode.FLOOR);
        return new Runway(cadence.platform(), days, cadence.runwayTargetDays(), queued, free);
    }
}
