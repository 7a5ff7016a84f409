package socialdesk.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AwsCallBudgetTest {

    @Test
    void fourFifthsOfTheWindowAreSharedByTheCallsAndEachCallHasThreeAttempts() {
        AwsCallBudget budget = new AwsCallBudget(Duration.ofSeconds(10), 8);

        assertEquals(Duration.ofMillis(1000), budget.apiCallTimeout());
        assertEquals(Duration.ofMillis(333), budget.apiCallAttemptTimeout().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        assertEquals(3, budget.maxAttempts());
        assertEquals(Duration.ofSeconds(8), budget.worstCase());
    }

    @Test
    void theWorstCaseStaysInsideTheWindow() {
        for (int calls = 1; calls <= 20; calls++) {
            AwsCallBudget budget = new AwsCallBudget(Duration.ofSeconds(60), calls);
            assertTrue(budget.worstCase().compareTo(budget.window()) < 0, budget.toString());
            assertTrue(budget.apiCallAttemptTimeout().multipliedBy(budget.maxAttempts()).compareTo(budget.apiCallTimeout()) <= 0);
        }
    }

    @Test
    void moreCallsThanTheWindowCanHoldAreRefusedWithTheReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new AwsCallBudget(Duration.ofSeconds(3), 10));

        assertTrue(e.getMessage().contains("10 AWS calls do not fit in 3000 ms"), e.getMessage());
    }
}
