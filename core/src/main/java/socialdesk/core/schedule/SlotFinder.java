package socialdesk.core.schedule;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import socialdesk.core.post.Platform;

/**
 * Finds the next free posting slot shared by several platforms: an instant that is a slot of every
 * platform's cadence (each in its own time zone) and at which none of them has a queued or
 * publishing post already.
 */
public final class SlotFinder {
    private SlotFinder() {
    }

    /**
     * The earliest shared free slot after {@code after} and at or before {@code until}.
     *
     * @param taken per platform, the instants of its queued and publishing posts
     */
    public static Optional<Instant> earliestFree(List<Cadence> cadences, Map<Platform, Set<Instant>> taken, Instant after, Instant until) {
        if (cadences.isEmpty()) {
            return Optional.empty();
        }
        Cadence first = cadences.getFirst();
        List<Set<Instant>> others = cadences.subList(1, cadences.size()).stream()
                .map(c -> Set.copyOf(c.slotsBetween(after, until)))
                .toList();
        for (Instant slot : first.slotsBetween(after, until)) {
            if (others.stream().allMatch(s -> s.contains(slot))
                    && cadences.stream().noneMatch(c -> taken.getOrDefault(c.platform(), Set.of()).contains(slot))) {
                return Optional.of(slot);
            }
        }
        return Optional.empty();
    }
}
