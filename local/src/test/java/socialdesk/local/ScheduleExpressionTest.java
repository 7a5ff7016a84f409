package socialdesk.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScheduleExpressionTest {
    private static final Instant ANCHOR = Instant.parse("2026-03-01T00:00:00Z");

    private static Instant next(String expression, String after) {
        return ScheduleExpression.parse(expression).next(Instant.parse(after), ANCHOR).orElseThrow();
    }

    @Test
    void rateFiresAtTheAnchorThenEveryPeriod() {
        ScheduleExpression rate = ScheduleExpression.parse("rate(5 minutes)");
        assertEquals(new ScheduleExpression.Rate(Duration.ofMinutes(5)), rate);
        assertEquals(ANCHOR, rate.next(ANCHOR.minusMillis(1), ANCHOR).orElseThrow());
        assertEquals(ANCHOR.plusSeconds(300), rate.next(ANCHOR, ANCHOR).orElseThrow());
        assertEquals(ANCHOR.plusSeconds(600), rate.next(ANCHOR.plusSeconds(301), ANCHOR).orElseThrow());
        assertEquals(Duration.ofHours(1), ((ScheduleExpression.Rate) ScheduleExpression.parse("rate(1 hour)")).period());
        assertEquals(Duration.ofDays(2), ((ScheduleExpression.Rate) ScheduleExpression.parse("rate(2 days)")).period());
    }

    @ParameterizedTest
    @ValueSource(strings = {"rate(0 minutes)", "rate(1 minutes)", "rate(5 minute)", "rate(5 weeks)", "rate(five minutes)", "rate()",
            "every 5 minutes", "cron(0 12 * * ? *", "cron(0 12 * * *)", "cron(0 12 * * * *)", "cron(0 12 ? * ? *)",
            "cron(60 12 * * ? *)", "cron(0 24 * * ? *)", "cron(0 12 32 * ? *)", "cron(0 12 * 13 ? *)", "cron(0 12 ? * 8 *)",
            "cron(0 12 ? * MON#6 *)", "cron(0/0 12 * * ? *)", "cron(0 12 L,5 * ? *)", "cron(0 12 * * ? 1969)", "at(2026-13-01T00:00:00)"})
    void refusesWhatTheSchedulerRefuses(String expression) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ScheduleExpression.parse(expression));
        assertTrue(e.getMessage().contains(expression), e.getMessage());
    }

    @Test
    void cronWithQuestionMarkAndFixedTime() {
        assertEquals(Instant.parse("2026-03-01T12:00:00Z"), next("cron(0 12 * * ? *)", "2026-03-01T11:59:00Z"));
        assertEquals(Instant.parse("2026-03-02T12:00:00Z"), next("cron(0 12 * * ? *)", "2026-03-01T12:00:00Z"));
    }

    @Test
    void cronRangesListsAndSteps() {
        // Every 15 minutes from 9 to 17 on weekdays; 2026-03-06 is a Friday.
        String weekdays = "cron(0/15 9-17 ? * MON-FRI *)";
        assertEquals(Instant.parse("2026-03-06T17:45:00Z"), next(weekdays, "2026-03-06T17:30:00Z"));
        assertEquals(Instant.parse("2026-03-09T09:00:00Z"), next(weekdays, "2026-03-06T17:45:00Z"));
        assertEquals(Instant.parse("2026-03-01T10:30:00Z"), next("cron(30 8,10,14 * * ? *)", "2026-03-01T08:30:00Z"));
        assertEquals(Instant.parse("2026-04-01T00:00:00Z"), next("cron(0 0 1 JAN,APR,JUL,OCT ? *)", "2026-03-01T00:00:00Z"));
        // A range that wraps: Friday to Monday. 2026-03-03 is a Tuesday.
        assertEquals(Instant.parse("2026-03-06T06:00:00Z"), next("cron(0 6 ? * FRI-MON *)", "2026-03-03T00:00:00Z"));
        // Numbered days: 1 is Sunday.
        assertEquals(Instant.parse("2026-03-08T06:00:00Z"), next("cron(0 6 ? * 1 *)", "2026-03-02T00:00:00Z"));
        // Years.
        assertEquals(Instant.parse("2028-01-01T00:00:00Z"), next("cron(0 0 1 1 ? 2028-2030)", "2026-03-01T00:00:00Z"));
        assertTrue(ScheduleExpression.parse("cron(0 0 1 1 ? 2027)").next(Instant.parse("2027-06-01T00:00:00Z"), ANCHOR).isEmpty());
    }

    @Test
    void cronLastDayWeekdayAndNth() {
        assertEquals(Instant.parse("2026-02-28T23:00:00Z"), next("cron(0 23 L * ? *)", "2026-02-01T00:00:00Z"));
        // 2026-02-28 is a Saturday: the last weekday is Friday the 27th.
        assertEquals(Instant.parse("2026-02-27T09:00:00Z"), next("cron(0 9 LW * ? *)", "2026-02-01T00:00:00Z"));
        // The 15th of March 2026 is a Sunday: the nearest weekday is Monday the 16th.
        assertEquals(Instant.parse("2026-03-16T09:00:00Z"), next("cron(0 9 15W * ? *)", "2026-03-01T00:00:00Z"));
        // The 1st of August 2026 is a Saturday: 1W does not leave the month, so Monday the 3rd.
        assertEquals(Instant.parse("2026-08-03T09:00:00Z"), next("cron(0 9 1W 8 ? *)", "2026-07-01T00:00:00Z"));
        // Last Friday of March 2026, and the third Monday.
        assertEquals(Instant.parse("2026-03-27T18:00:00Z"), next("cron(0 18 ? * 6L *)", "2026-03-01T00:00:00Z"));
        assertEquals(Instant.parse("2026-03-16T09:00:00Z"), next("cron(0 9 ? * MON#3 *)", "2026-03-01T00:00:00Z"));
    }

    @Test
    void cronInATimeZoneAcrossDaylightSaving() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        ScheduleExpression nineLocal = ScheduleExpression.parse("cron(0 9 * * ? *)", berlin);
        // Clocks go forward on 2026-03-29: 09:00 is 08:00Z before and 07:00Z after.
        assertEquals(Instant.parse("2026-03-28T08:00:00Z"), nineLocal.next(Instant.parse("2026-03-28T00:00:00Z"), ANCHOR).orElseThrow());
        assertEquals(Instant.parse("2026-03-29T07:00:00Z"), nineLocal.next(Instant.parse("2026-03-28T08:00:00Z"), ANCHOR).orElseThrow());
    }

    @Test
    void atFiresOnce() {
        ScheduleExpression at = ScheduleExpression.parse("at(2026-05-01T10:00:00)");
        assertEquals(Instant.parse("2026-05-01T10:00:00Z"), at.next(ANCHOR, ANCHOR).orElseThrow());
        assertTrue(at.next(Instant.parse("2026-05-01T10:00:00Z"), ANCHOR).isEmpty());
    }
}
