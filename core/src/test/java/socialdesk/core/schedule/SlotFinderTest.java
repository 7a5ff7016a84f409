package socialdesk.core.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import socialdesk.core.post.Platform;

class SlotFinderTest {
    private static final Instant MONDAY_6AM_HCM = Instant.parse("2026-11-29T23:00:00Z");
    private static final Instant UNTIL = MONDAY_6AM_HCM.plusSeconds(30L * 86400);

    private static Cadence weekdays(Platform platform, String zone, String... times) {
        return new Cadence(platform, ZoneId.of(zone), List.of(new SlotRule(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                List.of(times).stream().map(LocalTime::parse).toList())), 3, 30);
    }

    @Test
    void picksTheEarliestSlotSharedByEveryPlatformAndFreeOnEach() {
        Cadence mastodon = weekdays(Platform.MASTODON, "Asia/Ho_Chi_Minh", "09:00", "13:30");
        // Bangkok has the same offset; Bluesky posts only at 13:30, so 09:00 is not shared.
        Cadence bluesky = weekdays(Platform.BLUESKY, "Asia/Bangkok", "13:30");
        Instant mondayHalfPastOne = Instant.parse("2026-11-30T06:30:00Z");
        Instant tuesdayHalfPastOne = Instant.parse("2026-12-01T06:30:00Z");

        assertEquals(Optional.of(mondayHalfPastOne),
                SlotFinder.earliestFree(List.of(mastodon, bluesky), Map.of(), MONDAY_6AM_HCM, UNTIL));
        // Taken on one platform is taken for the pair.
        assertEquals(Optional.of(tuesdayHalfPastOne), SlotFinder.earliestFree(List.of(mastodon, bluesky),
                Map.of(Platform.BLUESKY, Set.of(mondayHalfPastOne)), MONDAY_6AM_HCM, UNTIL));
        // Alone, Mastodon's 09:00 is the first.
        assertEquals(Optional.of(Instant.parse("2026-11-30T02:00:00Z")),
                SlotFinder.earliestFree(List.of(mastodon), Map.of(Platform.BLUESKY, Set.of(mondayHalfPastOne)), MONDAY_6AM_HCM, UNTIL));
    }

    @Test
    void platformsWithNoCommonInstantHaveNoSharedSlot() {
        Cadence mastodon = weekdays(Platform.MASTODON, "Asia/Ho_Chi_Minh", "09:00");
        Cadence bluesky = weekdays(Platform.BLUESKY, "Europe/Berlin", "09:00");

        assertTrue(SlotFinder.earliestFree(List.of(mastodon, bluesky), Map.of(), MONDAY_6AM_HCM, UNTIL).isEmpty());
    }
}
