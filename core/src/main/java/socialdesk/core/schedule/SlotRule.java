package socialdesk.core.schedule;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Weekly posting times: each of {@code times} (local wall-clock time) on each of {@code days}. */
public record SlotRule(Set<DayOfWeek> days, List<LocalTime> times) {
    public SlotRule {
        days = days.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(days));
        times = times.stream().distinct().sorted().toList();
    }
}
