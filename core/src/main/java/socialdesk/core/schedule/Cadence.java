package socialdesk.core.schedule;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import socialdesk.core.post.Platform;

/**
 * A platform's posting slots: weekly local times in a time zone, how many days ahead the queue
 * should reach ({@code runwayTargetDays}), and how long an evergreen post rests before it may go
 * out again ({@code evergreenMinGapDays}).
 *
 * <p>Slots are wall-clock times, so they follow daylight-saving changes: a 09:00 slot is at 09:00
 * local time before and after the switch (its UTC instant moves by an hour). A slot that falls in
 * the hour skipped when clocks go forward (02:30 on the spring-forward night in Europe/Berlin) is
 * taken at the same distance after the gap (03:30, i.e. moved forward by the gap's length); a slot
 * in the hour repeated when clocks go back happens once, at the earlier of the two offsets. These
 * are the rules of {@link ZonedDateTime#of(LocalDate, LocalTime, ZoneId)}. Two slots that land on
 * the same instant count once.
 */
public record Cadence(Platform platform, ZoneId zone, List<SlotRule> slots, int runwayTargetDays, int evergreenMinGapDays) {
    public static final int DEFAULT_RUNWAY_TARGET_DAYS = 3;
    public static final int DEFAULT_EVERGREEN_MIN_GAP_DAYS = 30;

    public Cadence {
        slots = List.copyOf(slots);
    }

    public boolean hasSlots() {
        return slots.stream().anyMatch(r -> !r.days().isEmpty() && !r.times().isEmpty());
    }

    /** The slot instants strictly after {@code after} and at or before {@code until}, earliest first, each once. */
    public List<Instant> slotsBetween(Instant after, Instant until) {
        TreeSet<Instant> found = new TreeSet<>();
        if (!hasSlots() || until.isBefore(after)) {
            return List.of();
        }
        // One local day either side: a slot's instant can be up to a day from its UTC date.
        LocalDate day = after.atZone(zone).toLocalDate().minusDays(1);
        LocalDate last = until.atZone(zone).toLocalDate().plusDays(1);
        for (; !day.isAfter(last); day = day.plusDays(1)) {
            DayOfWeek weekday = day.getDayOfWeek();
            for (SlotRule rule : slots) {
                if (!rule.days().contains(weekday)) {
                    continue;
                }
                for (LocalTime time : rule.times()) {
                    Instant at = ZonedDateTime.of(day, time, zone).toInstant();
                    if (at.isAfter(after) && !at.isAfter(until)) {
                        found.add(at);
                    }
                }
            }
        }
        return new ArrayList<>(found);
    }

    /** Whether {@code instant} is one of this cadence's slots. */
    public boolean isSlot(Instant instant) {
        return slotsBetween(instant.minusMillis(1), instant).contains(instant);
    }

    /** The last slot strictly before {@code instant}, looking back at most two weeks; null when none. */
    public Instant slotBefore(Instant instant) {
        List<Instant> earlier = slotsBetween(instant.minus(Duration.ofDays(14)), instant.minusMillis(1));
        return earlier.isEmpty() ? null : earlier.getLast();
    }

    /** The first slot strictly after {@code instant}, looking ahead at most two weeks; null when none. */
    public Instant slotAfter(Instant instant) {
        List<Instant> later = slotsBetween(instant, instant.plus(Duration.ofDays(14)));
        return later.isEmpty() ? null : later.getFirst();
    }
}
