package socialdesk.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import socialdesk.template.Template;

/**
 * {@code ./social local} as a user runs it: the packaged command-line jar, in its own JVM, starts the
 * whole stack and stops cleanly on SIGTERM. Catches what the in-process end-to-end test cannot, such
 * as a class the shaded jar lacks.
 */
class CliJarLocalCommandTest {
    private static final String BANNER = "is running locally";

    @Test
    void thePackagedCommandLineStartsTheStackAndStopsCleanly(@TempDir Path data) throws Exception {
        Path jar = Template.ROOT.resolve("cli/target/social-cli.jar");
        assertTrue(Files.isRegularFile(jar), "no " + jar + ": package the cli first");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dproject.root=" + Template.ROOT, "-jar", jar.toString(),
                "local", "--fresh", "--no-demo", "--port", "0", "--data", data.toString())
                .redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        CompletableFuture<Boolean> started = CompletableFuture.supplyAsync(() -> readUntilBanner(process, output));
        List<ProcessHandle> children = List.of();
        try {
            assertTrue(started.get(120, TimeUnit.SECONDS), () -> "no banner; output:\n" + String.join("\n", output));
            children = process.descendants().toList();
            assertTrue(children.size() >= 2, "dynalite and the functions run as child processes: " + children);
        } finally {
            process.destroy();
        }
        boolean stopped = process.waitFor(30, TimeUnit.SECONDS);
        List<ProcessHandle> leftOver = children.stream().filter(ProcessHandle::isAlive).toList();
        leftOver.forEach(ProcessHandle::destroyForcibly);
        if (!stopped) {
            process.destroyForcibly();
        }
        assertTrue(stopped, "the stack did not stop within 30 s of SIGTERM");
        assertEquals(List.of(), leftOver, "children left running after the stack stopped");
    }

    private static boolean readUntilBanner(Process process, List<String> output) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                synchronized (output) {
                    output.add(line);
                }
                if (line.contains(BANNER)) {
                    CompletableFuture.runAsync(() -> drain(reader));
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    private static void drain(BufferedReader reader) {
        try {
            while (reader.readLine() != null) {
                // Keep the pipe empty so the stack never blocks on its console while it stops.
            }
        } catch (IOException ignored) {
            // The process is gone.
        }
    }
}
