package socialdesk.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import socialdesk.template.Template;

/**
 * Reserved concurrency as Lambda enforces it: with hello-world's real JVM frozen (SIGSTOP) on an
 * invocation, a function reserved to one refuses the next invocation at once instead of queueing
 * it, and admits again once the first has answered.
 */
class LocalFunctionReservedConcurrencyTest {
    private static final byte[] EVENT = "{}".getBytes(StandardCharsets.UTF_8);

    @Test
    void pastItsReservationAnInvocationIsThrottledAtOnceAndNothingRuns() throws Exception {
        Path jar = Template.ROOT.resolve("tools/hello-world/target/function.jar");
        LocalFunction.Spec spec = new LocalFunction.Spec("hello-world", ColdStartBenchmark.HELLO_HANDLER, jar,
                LocalDesk.runtimeJars(Template.ROOT), Map.of(), 256, Duration.ofSeconds(30), LocalFunction.Spec.currentJava(),
                LocalDesk.Options.DEFAULT_JVM_OPTIONS, 1);
        try (LocalFunction function = new LocalFunction(spec, line -> { })) {
            function.start(Duration.ofSeconds(60));
            signal("STOP", function.pid());
            CompletableFuture<byte[]> held = CompletableFuture.supplyAsync(() -> function.invoke(EVENT));
            while (!held.isDone() && function.invocationsInFlight() == 0) {
                Thread.sleep(10);
            }

            LocalFunction.ThrottledException throttled = assertThrows(LocalFunction.ThrottledException.class,
                    () -> function.invoke(EVENT));
            signal("CONT", function.pid());

            assertEquals("hello-world: throttled, its reserved concurrency of 1 is in use", throttled.getMessage());
            assertEquals("{\"hello\":\"world\"}", new String(held.get(), StandardCharsets.UTF_8));
            assertEquals("{\"hello\":\"world\"}", new String(function.invoke(EVENT), StandardCharsets.UTF_8),
                    "admitted again once the first answered");
        }
    }

    private static void signal(String signal, long pid) throws Exception {
        assertTrue(new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor() == 0);
    }
}
