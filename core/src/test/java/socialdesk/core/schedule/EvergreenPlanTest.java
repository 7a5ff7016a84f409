package socialdesk.core.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import socialdesk.core.post.EvergreenEntry;
import socialdesk.core.post.Platform;

/** Repeats fill free slots without a burst: one a day, never in neighbouring slots, rested, oldest first. */
class EvergreenPlanTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** Daily 09:00, 13:00 and 18:00 in Berlin (UTC+1 in December). */
    private static final Cadence THREE_A_DAY = new Cadence(Platform.BLUESKY, BERLIN, List.of(new SlotRule(
            EnumSet.allOf(DayOfWeek.class), List.of(LocalTime.of(9, 0), LocalTime.of(13, 0), LocalTime.of(18, 0)))), 3, 30);
    private static final Instant NOW = Instant.parse("2026-12-07T06:00:00Z");

    private static EvergreenEntry entry(String id, String lastAt) {
        return new EvergreenEntry(id, Platform.BLUESKY, id, Instant.parse(lastAt));
    }

    private static List<Instant> freeSlots(Cadence cadence, int days) {
        return cadence.slotsBetween(NOW, NOW.plus(Duration.ofDays(days)));
    }

    @Test
    void atMostOneRepeatADayLeastRecentlyPostedFirst() {
        List<EvergreenEntry> candidates = List.of(entry("oldest", "2026-08-01T08:00:00Z"),
                entry("older", "2026-09-01T08:00:00Z"), entry("old", "2026-10-01T08:00:00Z"), entry("spare", "2026-10-02T08:00:00Z"));

        List<EvergreenPlan.Repeat> plan = EvergreenPlan.plan(THREE_A_DAY, freeSlots(THREE_A_DAY, 3), List.of(), candidates);

        assertEquals(List.of("oldest", "older", "old"), plan.stream().map(r -> r.entry().originalId()).toList());
        assertEquals(List.of(Instant.parse("2026-12-07T08:00:00Z"), Instant.parse("2026-12-08T08:00:00Z"),
                Instant.parse("2026-12-09T08:00:00Z")), plan.stream().map(EvergreenPlan.Repeat::slot).toList());
    }

    @Test
    void neverInTheSlotNextToAnotherRepeatNorOnADayThatHasOne() {
        // A repeat already queued for Monday 18:00: Monday is used, and Tuesday 09:00 is the next slot after it.
        List<Instant> queued = List.of(Instant.parse("2026-12-07T17:00:00Z"));
        List<Instant> free = freeSlots(THREE_A_DAY, 2).stream().filter(s -> !queued.contains(s)).toList();

        List<EvergreenPlan.Repeat> plan = EvergreenPlan.plan(THREE_A_DAY, free, queued,
                List.of(entry("a", "2026-08-01T08:00:00Z"), entry("b", "2026-08-02T08:00:00Z")));

        assertEquals(List.of(Instant.parse("2026-12-08T12:00:00Z")), plan.stream().map(EvergreenPlan.Repeat::slot).toList());
    }

    @Test
    void withOneSlotADayRepeatsSkipADay() {
        Cadence daily = new Cadence(Platform.BLUESKY, BERLIN, List.of(new SlotRule(EnumSet.allOf(DayOfWeek.class),
                List.of(LocalTime.of(9, 0)))), 5, 30);

        List<EvergreenPlan.Repeat> plan = EvergreenPlan.plan(daily, freeSlots(daily, 5), List.of(),
                List.of(entry("a", "2026-08-01T08:00:00Z"), entry("b", "2026-08-02T08:00:00Z"), entry("c", "2026-08-03T08:00:00Z")));

        assertEquals(List.of(Instant.parse("2026-12-07T08:00:00Z"), Instant.parse("2026-12-09T08:00:00Z"),
                Instant.parse("2026-12-11T08:00:00Z")), plan.stream().map(EvergreenPlan.Repeat::slot).toList());
    }

    @Test
    void aPostRestsForTheMinimumGapBeforeItIsRepeated() {
        // Last out on 20 November: with a 30-day gap it may not go again before 20 December.
        List<EvergreenPlan.Repeat> plan = EvergreenPlan.plan(THREE_A_DAY, freeSlots(THREE_A_DAY, 3), List.of(),
                List.of(entry("recent", "2026-11-20T08:00:00Z"), entry("rested", "2026-11-05T12:00:00Z")));

        // "rested" is allowed from 5 December 12:00Z on, so it takes the first slot; "recent" is never chosen.
        assertEquals(List.of("rested"), plan.stream().map(r -> r.entry().originalId()).toList());
    }
}
