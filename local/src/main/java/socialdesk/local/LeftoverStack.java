package socialdesk.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import socialdesk.core.json.Json;
import socialdesk.core.json.JsonRead;

/**
 * What an earlier {@code social local} left in its data folder when it could not stop its own
 * children: killed with SIGKILL, it leaves dynalite running (holding its port and the folder's
 * LevelDB lock) and {@code endpoints.json} naming a dead stack. {@code endpoints.json} records the
 * stack's and dynalite's process ids from the moment dynalite is up, so the next start can tell a
 * stack still running (refused, with how to stop it) from a dead one, and stop the dead one's
 * dynalite only when its command line proves it served this very folder.
 */
final class LeftoverStack {
    static final String FILE = "endpoints.json";

    private LeftoverStack() {
    }

    /**
     * Checks {@code data} before a start: refuses when a stack still runs on it, stops a dead
     * stack's dynalite, removes the stale file, and says what it did.
     *
     * @throws IllegalStateException when a stack is running on this folder
     */
    static void clear(Path data, Consumer<String> say) {
        Path file = data.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return;
        }
        Map<String, Object> recorded;
        try {
            recorded = Json.parseObject(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            say.accept("removing " + file + ", which cannot be read (" + e.getMessage() + ")");
            delete(file);
            return;
        }
        Long stackPid = JsonRead.integer(recorded, "pid");
        Optional<ProcessHandle> stack = alive(stackPid).filter(LeftoverStack::isLocalStack);
        if (stack.isPresent()) {
            throw new IllegalStateException("a local stack is already running on " + data + " (pid " + stackPid
                    + "); stop it first (Ctrl-C in its terminal, or kill " + stackPid + "), or give this one another --data folder");
        }
        say.accept("the last local stack on this folder (pid " + stackPid + ") did not stop cleanly; cleaning up after it");
        Long dynalitePid = JsonRead.integer(recorded, "dynalitePid");
        alive(dynalitePid).filter(p -> servesFolder(p, data)).ifPresent(dynalite -> {
            say.accept("stopping its dynalite (pid " + dynalitePid + "), still running on " + data.resolve("dynalite"));
            stop(dynalite);
        });
        delete(file);
    }

    /** Writes {@code endpoints.json}: where the stack listens, plus the process ids {@link #clear} reads. */
    static void record(Path data, Map<String, Object> endpoints, DynaliteProcess dynalite) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("pid", ProcessHandle.current().pid());
        if (dynalite != null) {
            doc.put("dynalitePid", dynalite.pid());
        }
        doc.putAll(endpoints);
        try {
            Files.createDirectories(data);
            Files.writeString(data.resolve(FILE), Json.write(doc) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<ProcessHandle> alive(Long pid) {
        return pid == null ? Optional.empty() : ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    }

    /** A JVM running the social command line (process ids are reused: anything else is not ours). */
    private static boolean isLocalStack(ProcessHandle process) {
        String command = process.info().commandLine().orElse("");
        return command.contains("java") && (command.contains("social") || command.contains("socialdesk"));
    }

    /** dynalite started on this data folder: its command line names the folder's LevelDB path. */
    static boolean servesFolder(ProcessHandle process, Path data) {
        String command = process.info().commandLine().orElse("");
        return command.contains("dynalite") && command.contains(data.toAbsolutePath().resolve("dynalite").toString());
    }

    private static void stop(ProcessHandle process) {
        process.destroy();
        try {
            process.onExit().get(3, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            process.onExit().join();
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
