package socialdesk.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import socialdesk.core.json.Json;
import socialdesk.template.Template;

/**
 * A start after {@code social local} was killed with SIGKILL: a real dynalite left running on the
 * data folder is found through endpoints.json and stopped, the stale file goes, and a stack that is
 * still running is never touched.
 */
class LeftoverStackTest {
    @TempDir
    Path data;

    private final List<String> said = new ArrayList<>();

    @Test
    void aDeadStacksDynaliteOnThisFolderIsStoppedAndItsFileRemoved() throws Exception {
        DynaliteProcess orphan = DynaliteProcess.start(Template.ROOT, freePort(), data.resolve("dynalite"), line -> { });
        long deadStack = deadPid();
        write(Map.of("pid", deadStack, "dynalitePid", orphan.pid(), "dynamodb", orphan.endpoint()));

        LeftoverStack.clear(data, said::add);

        assertFalse(ProcessHandle.of(orphan.pid()).map(ProcessHandle::isAlive).orElse(false), "the orphaned dynalite is stopped");
        assertFalse(Files.exists(data.resolve(LeftoverStack.FILE)));
        assertEquals(List.of(
                "the last local stack on this folder (pid " + deadStack + ") did not stop cleanly; cleaning up after it",
                "stopping its dynalite (pid " + orphan.pid() + "), still running on " + data.resolve("dynalite")), said);
    }

    @Test
    void aProcessThatIsNotThisFoldersDynaliteIsLeftAlone() throws Exception {
        Process unrelated = new ProcessBuilder("sleep", "60").start();
        try {
            write(Map.of("pid", deadPid(), "dynalitePid", unrelated.pid()));

            LeftoverStack.clear(data, said::add);

            assertTrue(unrelated.isAlive(), "a reused process id is not ours to stop");
            assertFalse(Files.exists(data.resolve(LeftoverStack.FILE)));
        } finally {
            unrelated.destroyForcibly();
        }
    }

    @Test
    void aStackStillRunningOnTheFolderIsRefusedWithHowToStopIt() throws Exception {
        Path standIn = Files.createDirectories(data.resolve("social-stack-stand-in")).resolve("Wait.java");
        Files.writeString(standIn, "class Wait { public static void main(String[] a) throws Exception { Thread.sleep(60_000); } }");
        Process stack = new ProcessBuilder(LocalFunction.Spec.currentJava().toString(), standIn.toString()).start();
        try {
            write(Map.of("pid", stack.pid()));

            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> LeftoverStack.clear(data, said::add));

            assertEquals("a local stack is already running on " + data + " (pid " + stack.pid()
                    + "); stop it first (Ctrl-C in its terminal, or kill " + stack.pid() + "), or give this one another --data folder",
                    refused.getMessage());
            assertTrue(Files.exists(data.resolve(LeftoverStack.FILE)), "a running stack's file stays");
        } finally {
            stack.destroyForcibly();
        }
    }

    @Test
    void aTakenDynalitePortIsNamedBeforeNodeStarts() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();

            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> DynaliteProcess.start(Template.ROOT, port, data.resolve("dynalite"), said::add));

            assertEquals("port " + port + ", where dynalite would listen, is taken by another process (another local stack,"
                    + " or anything else: `ss -ltnp 'sport = :" + port + "'` names it); stop it, or choose other ports with --port",
                    refused.getMessage());
        }
    }

    private void write(Map<String, Object> endpoints) throws IOException {
        Files.writeString(data.resolve(LeftoverStack.FILE), Json.write(endpoints));
    }

    private static long deadPid() throws InterruptedException, IOException {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        return gone.pid();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
