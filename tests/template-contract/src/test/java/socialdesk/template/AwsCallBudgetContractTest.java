package socialdesk.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import socialdesk.aws.AwsCallBudget;
import socialdesk.collect.CollectEngagementWiring;
import socialdesk.postsapi.PostsApiWiring;
import socialdesk.publish.PublisherWiring;
import socialdesk.queuerunway.QueueRunwayWiring;
import socialdesk.webhook.WebhookWiring;

/**
 * Every function's AWS calls, each timing out after its last retry, still end before Lambda stops
 * the function: the budget its wiring declares (window and calls on the critical path) against the
 * Timeout template.yaml gives it. A template that shortens a Timeout, or wiring that adds calls,
 * fails here rather than as a function killed mid-write.
 */
class AwsCallBudgetContractTest {
    /** By function module; a function added to the template without its budget here fails the first test. */
    private static final Map<String, AwsCallBudget> BUDGETS = Map.of(
            "publish-due-posts", PublisherWiring.AWS_CALLS,
            "platform-webhook", WebhookWiring.AWS_CALLS,
            "posts-api", PostsApiWiring.AWS_CALLS,
            "queue-runway", QueueRunwayWiring.AWS_CALLS,
            "collect-engagement", CollectEngagementWiring.AWS_CALLS);

    static Stream<Template.Function> functions() {
        return Template.load().functions().stream();
    }

    private static String module(Template.Function function) {
        return function.moduleDir().getFileName().toString();
    }

    @Test
    void everyFunctionHasABudget() {
        assertEquals(new TreeSet<>(BUDGETS.keySet()), new TreeSet<>(functions().map(AwsCallBudgetContractTest::module).toList()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void theWorstCaseOfItsAwsCallsFitsInsideItsTimeout(Template.Function function) {
        AwsCallBudget budget = BUDGETS.get(module(function));
        Duration timeout = Duration.ofSeconds(function.timeoutSeconds());
        System.out.printf("%-20s Timeout %3d s, window %5d ms, %2d calls x %5d ms (%d attempts of %d ms): worst case %6d ms%n",
                module(function), timeout.toSeconds(), budget.window().toMillis(), budget.callsOnCriticalPath(),
                budget.apiCallTimeout().toMillis(), budget.maxAttempts(), budget.apiCallAttemptTimeout().toMillis(),
                budget.worstCase().toMillis());

        assertTrue(budget.window().compareTo(timeout) <= 0,
                module(function) + " plans its AWS calls over " + budget.window() + " but its Timeout is " + timeout);
        assertTrue(budget.worstCase().compareTo(timeout) < 0,
                module(function) + "'s AWS calls can take " + budget.worstCase() + ", not inside its Timeout " + timeout);
    }
}
