package socialdesk.emulator;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/**
 * Enables a test class only where Testcontainers finds a Docker engine. The engine is looked for
 * once per test JVM, with a time limit, so a missing or unreachable engine costs seconds at most;
 * the answer is printed once on the test JVM's standard error (the module's
 * {@code target/surefire-reports/*-output.txt}) and is the reason JUnit gives for each skipped class.
 */
public final class DockerCondition implements ExecutionCondition {
    static final String SKIP_REASON = "cloud-emulator tests skipped: no Docker engine"
            + " (Testcontainers' DockerClientFactory found none; see docs/testing.md)";

    /** How long looking for an engine may take; Testcontainers' own probes normally answer in well under a second. */
    private static final long PROBE_SECONDS = 20;

    private static volatile String absence;
    private static volatile boolean probed;

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String why = absenceOfDocker();
        return why == null
                ? ConditionEvaluationResult.enabled("a Docker engine is available")
                : ConditionEvaluationResult.disabled(why);
    }

    /** Null where Docker is available, otherwise the reason the tests are skipped. */
    static synchronized String absenceOfDocker() {
        if (!probed) {
            absence = probe();
            probed = true;
            System.err.println(absence == null ? "cloud-emulator tests: Docker engine found" : absence);
        }
        return absence;
    }

    private static String probe() {
        CompletableFuture<Boolean> available = CompletableFuture.supplyAsync(
                () -> DockerClientFactory.instance().isDockerAvailable());
        try {
            return available.get(PROBE_SECONDS, TimeUnit.SECONDS) ? null : SKIP_REASON;
        } catch (TimeoutException e) {
            available.cancel(true);
            return SKIP_REASON + "; looking for it took over " + PROBE_SECONDS + " s";
        } catch (ExecutionException e) {
            return SKIP_REASON + "; " + e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SKIP_REASON + "; interrupted while looking for it";
        }
    }
}
