package socialdesk.core.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import socialdesk.core.post.Platform;

class RunwayTest {
    private static final Cadence WEEKDAYS = new Cadence(Platform.MASTODON, ZoneId.of("Asia/Ho_Chi_Minh"),
            List.of(new SlotRule(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), List.of(LocalTime.of(9, 0), LocalTime.of(13, 30)))), 3, 30);
    /** Monday 30 November 2026, 07:00 in Ho Chi Minh City. */
    private static final Instant NOW = Instant.parse("2026-11-30T00:00:00Z");

    @Test
    void runwayIsTheTimeUntilTheFirstFreeSlot() {
        List<Instant> taken = List.of(Instant.parse("2026-11-30T02:00:00Z"), Instant.parse("2026-11-30T06:30:00Z"),
                Instant.parse("2026-12-01T02:00:00Z"), Instant.parse("2026-12-03T02:00:00Z"));

        Runway runway = Runway.measure(WEEKDAYS, NOW, taken, Duration.ofDays(60));

        // First free: Tuesday 13:30 local (06:30Z), 1 day 6.5 hours away.
        assertEquals(Instant.parse("2026-12-01T06:30:00Z"), runway.nextFreeSlot());
        assertEquals(new BigDecimal("1.2"), runway.days());
        assertEquals(4, runway.queuedPosts());
        assertTrue(runway.belowTarget());
    }

    @Test
    void aFullWeekIncludingTheWeekendIsAboveTarget() {
        List<Instant> taken = new ArrayList<>(WEEKDAYS.slotsBetween(NOW, NOW.plus(Duration.ofDays(5))));

        Runway runway = Runway.measure(WEEKDAYS, NOW, taken, Duration.ofDays(60));

        // Every weekday slot through Friday is filled; the next free one is the following Monday 09:00.
        assertEquals(Instant.parse("2026-12-07T02:00:00Z"), runway.nextFreeSlot());
        assertEquals(new BigDecimal("7.0"), runway.days());
        assertFalse(runway.belowTarget());
    }

    @Test
    void anEmptyQueueHasNoRunwayBeyondTheNextSlot() {
        Runway runway = Runway.measure(WEEKDAYS, NOW, List.of(Instant.parse("2026-11-30T03:17:00Z")), Duration.ofDays(60));

        // A post between slots fills none.
        assertEquals(new BigDecimal("0.0"), runway.days());
        assertEquals(1, runway.queuedPosts());
    }

    @Test
    void noFreeSlotWithinTheHorizonReportsTheHorizon() {
        List<Instant> taken = WEEKDAYS.slotsBetween(NOW, NOW.plus(Duration.ofDays(10)));

        Runway runway = Runway.measure(WEEKDAYS, NOW, taken, Duration.ofDays(10));

        assertNull(runway.nextFreeSlot());
        assertEquals(new BigDecimal("10.0"), runway.days());
    }
}
