package socialdesk.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * dynalite (the DynamoDB-compatible server pinned in package.json) as a child process on loopback:
 * installed with {@code npm ci} when node_modules lacks it, persisted in a LevelDB folder (or in
 * memory when no folder is given), stopped with the stack.
 */
public final class DynaliteProcess implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final int port;

    private DynaliteProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Runs dynalite's cli.js (the next argument) in a process that survives a client going away
     * mid-request. dynalite 4.0.0 throws from the request's error handler, so a function JVM killed
     * while sending (SIGKILL, a Lambda timeout) took the whole table down with it; DynamoDB itself
     * just drops such a request. Only that error ("aborted", ECONNRESET) is logged and ignored;
     * anything else still ends the process as before.
     */
    private static final String SURVIVE_ABORTED_REQUESTS = "process.on('uncaughtException', e => {"
            + " if (e && e.code === 'ECONNRESET' && e.message === 'aborted') {"
            + " console.error('dynalite: a client went away mid-request; request dropped'); return; }"
            + " console.error(e); process.exit(1); });"
            + " require(process.argv[1]);";

    /**
     * @param root    the repository root (package.json, node_modules)
     * @param dataDir the LevelDB folder, or null for an in-memory server
     * @param log     receives what dynalite and npm print
     */
    public static DynaliteProcess start(Path root, int port, Path dataDir, Consumer<String> log) {
        if (!portFree(port)) {
            // Said before node starts: dynalite would die with a Node stack trace that names no one.
            throw new IllegalStateException("port " + port + ", where dynalite would listen, is taken by another process"
                    + " (another local stack, or anything else: `ss -ltnp 'sport = :" + port + "'` names it);"
                    + " stop it, or choose other ports with --port");
        }
        Path cli = root.resolve("node_modules/dynalite/cli.js");
        if (!Files.exists(cli)) {
            npmCi(root, log);
        }
        List<String> command = new ArrayList<>(List.of("node", "-e", SURVIVE_ABORTED_REQUESTS, cli.toString(), "--host", "127.0.0.1",
                "--port", Integer.toString(port), "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0"));
        try {
            if (dataDir != null) {
                Files.createDirectories(dataDir);
                command.add("--path");
                command.add(dataDir.toString());
            }
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            CompletableFuture<Void> listening = new CompletableFuture<>();
            Thread.ofPlatform().daemon().name("dynalite-log").start(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = out.readLine()) != null) {
                        if (line.contains("listening")) {
                            listening.complete(null);
                        } else {
                            log.accept(line);
                        }
                    }
                } catch (IOException e) {
                    // Gone.
                }
                listening.completeExceptionally(new IllegalStateException("dynalite exited before listening"));
            });
            try {
                listening.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (Exception e) {
                process.destroyForcibly();
                throw new IllegalStateException("dynalite did not start on port " + port + ": " + e.getMessage(), e);
            }
            return new DynaliteProcess(process, port);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start dynalite with node (is Node.js installed?): " + e.getMessage(), e);
        }
    }

    static boolean portFree(int port) {
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void npmCi(Path root, Consumer<String> log) {
        log.accept("installing dynalite (npm ci) ...");
        try {
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(root.toFile())
                    .redirectErrorStream(true).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(npm.getInputStream(), StandardCharsets.UTF_8))) {
                out.lines().forEach(log);
            }
            if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                throw new IllegalStateException("npm ci failed in " + root + "; dynalite is needed for the local stack");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run npm (is Node.js installed?): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while installing dynalite");
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(3, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(3, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
