package socialdesk.peers;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Enables a test class only where {@code install-pds.sh} installed the PDS; otherwise the class is
 * skipped with the reason, which is also printed once on the build log.
 */
public final class PdsInstalled implements ExecutionCondition {
    private static volatile boolean told;

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String absence = PdsPeer.absence();
        if (!told) {
            told = true;
            System.err.println(absence == null ? "Bluesky peer tests: PDS installed in " + PdsPeer.HOME.toAbsolutePath() : absence);
        }
        return absence == null ? ConditionEvaluationResult.enabled("PDS installed") : ConditionEvaluationResult.disabled(absence);
    }
}
