package socialdesk.aws.bedrock;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The sliding window of model time, on a clock the test moves. */
class CallBudgetTest {
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final CallBudget budget = new CallBudget(Duration.ofSeconds(10), Duration.ofSeconds(4), clock::get);

    @Test
    void callsStartUntilTheAllowanceIsSpent() {
        spend(Duration.ofMillis(1_500));
        spend(Duration.ofMillis(2_400));
        assertTrue(budget.available(), "3.9 s of 4 s spent: one more call may start");

        spend(Duration.ofMillis(2_500));

        assertFalse(budget.available(), "6.4 s spent in the window");
    }

    @Test
    void timeSpentLeavesTheWindowAndCallsStartAgain() {
        spend(Duration.ofSeconds(3));
        spend(Duration.ofSeconds(2));
        assertFalse(budget.available());

        advance(Duration.ofSeconds(6));
        assertFalse(budget.available(), "both calls ended less than 10 s ago");

        advance(Duration.ofMillis(2_100));
        assertTrue(budget.available(), "the first call left the window; 2 s remain");
    }

    private void spend(Duration call) {
        long start = budget.now();
        advance(call);
        budget.spend(start);
    }

    private void advance(Duration d) {
        clock.addAndGet(d.toNanos());
    }
}
