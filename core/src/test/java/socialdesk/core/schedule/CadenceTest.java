package socialdesk.core.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import socialdesk.core.post.Platform;

/** Slot instants are wall-clock times in the cadence's zone, across both daylight-saving changes, in two zones. */
class CadenceTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static Cadence daily(ZoneId zone, String... times) {
        return new Cadence(Platform.MASTODON, zone,
                List.of(new SlotRule(EnumSet.allOf(DayOfWeek.class), List.of(times).stream().map(LocalTime::parse).toList())), 3, 30);
    }

    private static List<Instant> between(Cadence cadence, String after, String until) {
        return cadence.slotsBetween(Instant.parse(after), Instant.parse(until));
    }

    @Test
    void nineOClockStaysNineLocalAcrossSpringForwardInBerlin() {
        // Clocks go from 02:00 CET to 03:00 CEST on Sunday 29 March 2026.
        List<Instant> slots = between(daily(BERLIN, "09:00"), "2026-03-27T12:00:00Z", "2026-03-30T12:00:00Z");

        assertEquals(List.of(Instant.parse("2026-03-28T08:00:00Z"), Instant.parse("2026-03-29T07:00:00Z"),
                Instant.parse("2026-03-30T07:00:00Z")), slots);
        slots.forEach(s -> assertEquals(LocalTime.of(9, 0), s.atZone(BERLIN).toLocalTime()));
    }

    @Test
    void nineOClockStaysNineLocalAcrossFallBackInBerlin() {
        // Clocks go from 03:00 CEST back to 02:00 CET on Sunday 25 October 2026.
        List<Instant> slots = between(daily(BERLIN, "09:00"), "2026-10-24T00:00:00Z", "2026-10-26T12:00:00Z");

        assertEquals(List.of(Instant.parse("2026-10-24T07:00:00Z"), Instant.parse("2026-10-25T08:00:00Z"),
                Instant.parse("2026-10-26T08:00:00Z")), slots);
    }

    @Test
    void aSlotInTheSkippedHourMovesForwardByTheGapInBerlin() {
        List<Instant> slots = between(daily(BERLIN, "02:30"), "2026-03-28T12:00:00Z", "2026-03-29T12:00:00Z");

        assertEquals(List.of(Instant.parse("2026-03-29T01:30:00Z")), slots);
        assertEquals(LocalTime.of(3, 30), slots.getFirst().atZone(BERLIN).toLocalTime());
    }

    @Test
    void aSlotInTheRepeatedHourIsTakenOnceAtTheEarlierOffsetInBerlin() {
        List<Instant> slots = between(daily(BERLIN, "02:30"), "2026-10-24T12:00:00Z", "2026-10-25T12:00:00Z");

        // 02:30 CEST (+02:00) is 00:30Z; the second 02:30, CET, would be 01:30Z.
        assertEquals(List.of(Instant.parse("2026-10-25T00:30:00Z")), slots);
    }

    @Test
    void nineOClockStaysNineLocalAcrossBothChangesInNewYork() {
        // 8 March 2026: 02:00 EST -> 03:00 EDT; 1 November 2026: 02:00 EDT -> 01:00 EST.
        Cadence cadence = daily(NEW_YORK, "09:00");

        assertEquals(List.of(Instant.parse("2026-03-07T14:00:00Z"), Instant.parse("2026-03-08T13:00:00Z")),
                between(cadence, "2026-03-07T00:00:00Z", "2026-03-08T23:00:00Z"));
        assertEquals(List.of(Instant.parse("2026-10-31T13:00:00Z"), Instant.parse("2026-11-01T14:00:00Z")),
                between(cadence, "2026-10-31T00:00:00Z", "2026-11-01T23:00:00Z"));
    }

    @Test
    void skippedAndRepeatedHoursInNewYork() {
        assertEquals(List.of(Instant.parse("2026-03-08T07:30:00Z")),
                between(daily(NEW_YORK, "02:30"), "2026-03-07T12:00:00Z", "2026-03-08T12:00:00Z"));
        assertEquals(LocalTime.of(3, 30), Instant.parse("2026-03-08T07:30:00Z").atZone(NEW_YORK).toLocalTime());
        // 01:30 happens twice on 1 November: EDT (-04:00, 05:30Z) first, then EST (06:30Z); the slot is the first only.
        assertEquals(List.of(Instant.parse("2026-11-01T05:30:00Z")),
                between(daily(NEW_YORK, "01:30"), "2026-10-31T12:00:00Z", "2026-11-01T12:00:00Z"));
    }

    @Test
    void aShiftedSlotLandingOnAnotherSlotCountsOnce() {
        List<Instant> slots = between(daily(BERLIN, "02:30", "03:30"), "2026-03-28T12:00:00Z", "2026-03-29T12:00:00Z");

        assertEquals(List.of(Instant.parse("2026-03-29T01:30:00Z")), slots);
    }

    @Test
    void weekdaySlotsInHoChiMinhCity() {
        Cadence cadence = new Cadence(Platform.MASTODON, ZoneId.of("Asia/Ho_Chi_Minh"), List.of(new SlotRule(
                EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), List.of(LocalTime.of(13, 30), LocalTime.of(9, 0)))), 3, 30);

        // Friday 27 November 2026 to Monday 30 November: Friday's two, then Monday's two; nothing at the weekend.
        assertEquals(List.of(Instant.parse("2026-11-27T02:00:00Z"), Instant.parse("2026-11-27T06:30:00Z"),
                        Instant.parse("2026-11-30T02:00:00Z"), Instant.parse("2026-11-30T06:30:00Z")),
                between(cadence, "2026-11-26T18:00:00Z", "2026-11-30T12:00:00Z"));
        assertTrue(cadence.isSlot(Instant.parse("2026-11-30T02:00:00Z")));
        assertFalse(cadence.isSlot(Instant.parse("2026-11-28T02:00:00Z")));
        assertEquals(Instant.parse("2026-11-27T06:30:00Z"), cadence.slotBefore(Instant.parse("2026-11-30T02:00:00Z")));
        assertEquals(Instant.parse("2026-11-30T06:30:00Z"), cadence.slotAfter(Instant.parse("2026-11-30T02:00:00Z")));
    }
}
