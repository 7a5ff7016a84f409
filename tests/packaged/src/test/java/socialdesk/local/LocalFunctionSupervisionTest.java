package socialdesk.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import socialdesk.template.Template;

/**
 * The local stack replaces a dead execution environment as Lambda does: hello-world's real jar on
 * the Runtime Interface Client, its JVM killed with SIGKILL (what a Lambda timeout or an
 * out-of-memory kill does) or frozen with SIGSTOP past its Timeout, and the next invocation still
 * answers, from a fresh JVM whose cold start is logged.
 */
class LocalFunctionSupervisionTest {
    private static final byte[] EVENT = "{}".getBytes(StandardCharsets.UTF_8);
    private static final String ANSWER = "{\"hello\":\"world\"}";

    private final List<String> console = new ArrayList<>();

    @Test
    void aKilledRuntimeIsReplacedOnTheNextInvocation() throws Exception {
        try (LocalFunction function = helloWorld(Duration.ofSeconds(30))) {
            function.start(Duration.ofSeconds(60));
            assertEquals(ANSWER, new String(function.invoke(EVENT), StandardCharsets.UTF_8));
            long firstPid = function.pid();

            signal("KILL", firstPid);
            ProcessHandle.of(firstPid).ifPresent(p -> p.onExit().join());

            assertEquals(ANSWER, new String(function.invoke(EVENT), StandardCharsets.UTF_8));
            assertNotEquals(firstPid, function.pid());
            assertTrue(function.isAlive());
            assertTrue(logged("the runtime had exited (exit status 137); starting a fresh execution environment"), console.toString());
            assertTrue(logged("cold start: JVM start"), console.toString());
        }
    }

    @Test
    void anInvocationPastTheTimeoutKillsItsRuntimeAndTheNextOneGetsAFreshOne() throws Exception {
        try (LocalFunction function = helloWorld(Duration.ofSeconds(1))) {
            function.start(Duration.ofSeconds(60));
            long frozenPid = function.pid();
            signal("STOP", frozenPid);

            LocalFunction.InvocationException timedOut = assertThrows(LocalFunction.InvocationException.class,
                    () -> function.invoke(EVENT));
            ProcessHandle.of(frozenPid).ifPresent(p -> p.onExit().join());

            assertEquals("hello-world: timed out after 1 s", timedOut.getMessage());
            assertFalse(ProcessHandle.of(frozenPid).map(ProcessHandle::isAlive).orElse(false), "the stuck JVM is killed");
            assertEquals(ANSWER, new String(function.invoke(EVENT), StandardCharsets.UTF_8));
            assertNotEquals(frozenPid, function.pid());
        }
    }

    @Test
    void aStoppedFunctionLeavesNoStartupLogBehind() {
        Path log;
        try (LocalFunction function = helloWorld(Duration.ofSeconds(30))) {
            log = function.startupLog();
            function.start(Duration.ofSeconds(60));
            function.invoke(EVENT);
        }

        assertFalse(Files.exists(log), log.toString());
        assertFalse(Files.exists(Path.of(log + ".0")), "no rotated copy of " + log);
    }

    private LocalFunction helloWorld(Duration timeout) {
        Path jar = Template.ROOT.resolve("tools/hello-world/target/function.jar");
        assertTrue(Files.isRegularFile(jar), "build the jar first: mvn -B -DskipTests -pl tools/hello-world -am package");
        LocalFunction.Spec spec = new LocalFunction.Spec("hello-world", ColdStartBenchmark.HELLO_HANDLER, jar,
                LocalDesk.runtimeJars(Template.ROOT), Map.of(), 256, timeout, LocalFunction.Spec.currentJava(),
                LocalDesk.Options.DEFAULT_JVM_OPTIONS);
        return new LocalFunction(spec, line -> {
            synchronized (console) {
                console.add(line);
            }
        });
    }

    private boolean logged(String text) {
        synchronized (console) {
            return console.stream().anyMatch(line -> line.contains(text));
        }
    }

    private static void signal(String signal, long pid) throws IOException, InterruptedException {
        assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor());
    }
}
