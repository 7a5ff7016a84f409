package socialdesk.aws.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What {@link RequiresMoto} does for a class: skips it, visibly, where moto_server is absent (the
 * reason is printed once on standard error and is each skipped test's message; a condition rather
 * than an assumption in {@code @BeforeAll}, which surefire would count as no tests at all), or
 * starts the shared server before the class and ties its stop to the end of the test run (the root
 * context's store closes it).
 */
public final class MotoExtension implements ExecutionCondition, BeforeAllCallback {
    public static final String SKIP_REASON = "moto tests skipped: " + MotoServer.COMMAND + " is not on the PATH"
            + " (install moto " + MotoServer.VERSION + " with: pip install \"moto[server]==" + MotoServer.VERSION + "\";"
            + " .ci/run tries to)";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(MotoExtension.class);
    private static volatile boolean reported;

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        boolean present = MotoServer.executable().isPresent();
        report(present);
        return present ? ConditionEvaluationResult.enabled(MotoServer.COMMAND + " is on the PATH")
                : ConditionEvaluationResult.disabled(SKIP_REASON);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(RunningServer.class, key -> new RunningServer(MotoServer.shared()),
                RunningServer.class);
    }

    private static synchronized void report(boolean present) {
        if (!reported) {
            reported = true;
            System.err.println(present ? "moto tests: " + MotoServer.COMMAND + " found at " + MotoServer.executable().orElseThrow()
                    : SKIP_REASON);
        }
    }

    /** Held in the root store, so JUnit closes it, and with it the server, once every class has run. */
    private record RunningServer(MotoServer server) implements AutoCloseable {
        @Override
        public void close() {
            MotoServer.stopShared();
        }
    }
}
