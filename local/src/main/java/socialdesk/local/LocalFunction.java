package socialdesk.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One Lambda function run unmodified, as Lambda runs it: a child JVM started from the function's
 * shaded jar plus the AWS Lambda Runtime Interface Client, talking to a {@link RuntimeApiServer} on
 * loopback. {@link #start()} waits until the runtime asks for its first event (init done);
 * {@link #invoke(byte[])} hands it one event and answers the function's response bytes;
 * {@link #close()} stops the JVM. The timings of a cold start are kept for reports and benchmarks.
 *
 * <p>Supervised as Lambda supervises an execution environment: an invocation that outlives the
 * function's Timeout has its JVM killed, and a JVM that died (killed, out of memory, timed out) is
 * replaced by a fresh one, with a logged cold start, when the next invocation arrives.
 */
public final class LocalFunction implements AutoCloseable {
    /** The runtime client's entry point; its argument is the handler string of the template. */
    public static final String RUNTIME_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

    private static final Pattern CREATE_VM = Pattern.compile("^\\[([0-9.]+)s].*Create VM, ([0-9.]+) secs");
    private static final Duration STOP_GRACE = Duration.ofSeconds(3);
    /**
     * The system property that tells the runtime client where its JNI library is. Without it, every
     * runtime client copies the library to the one fixed path {@code /tmp/.libaws-lambda-jni.so} and
     * loads it from there: JVMs starting at the same time (the stack starts every function at once,
     * and other builds on the machine may too) overwrite the file while another loads it, and the
     * loser prints "Failed to load the native runtime interface client library" and exits during
     * init. Each run therefore extracts the library once, to a directory of its own.
     */
    static final String JNI_PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";
    private static final Map<Path, Path> NATIVE_LIBRARIES = new java.util.concurrent.ConcurrentHashMap<>();

    /** How many of the child's last output lines a start failure quotes. */
    static final int RECENT_LINES = 40;

    /**
     * What to run.
     *
     * @param name        the function's name (log prefix, {@code AWS_LAMBDA_FUNCTION_NAME})
     * @param handler     the template's Handler
     * @param jar         the shaded function jar
     * @param runtimeJars the Runtime Interface Client and its dependencies, then the jars of the
     *                    function's layers (LocalDesk#layerJars; they hold no class of the function jar)
     * @param environment the function's own variables (template Environment, resolved)
     * @param memoryMb    MemorySize; bounds the child JVM's memory as Lambda's sandbox would
     * @param timeout     the function's Timeout: an invocation's deadline
     * @param java        the java executable of the child
     * @param jvmOptions  extra JVM options (before the main class)
     * @param reservedConcurrency ReservedConcurrentExecutions: at most this many invocations at
     *                    once, the rest throttled as Lambda throttles them; 0 when none is reserved
     */
    public record Spec(String name, String handler, Path jar, List<Path> runtimeJars, Map<String, String> environment,
                       int memoryMb, Duration timeout, Path java, List<String> jvmOptions, int reservedConcurrency) {
        public Spec {
            runtimeJars = List.copyOf(runtimeJars);
            environment = Map.copyOf(environment);
            jvmOptions = List.copyOf(jvmOptions);
        }

        /** A function without reserved concurrency. */
        public Spec(String name, String handler, Path jar, List<Path> runtimeJars, Map<String, String> environment,
                    int memoryMb, Duration timeout, Path java, List<String> jvmOptions) {
            this(name, handler, jar, runtimeJars, environment, memoryMb, timeout, java, jvmOptions, 0);
        }

        /** The java executable of this JVM: the child runs on the same JDK as the caller. */
        public static Path currentJava() {
            return Path.of(System.getProperty("java.home"), "bin", "java");
        }
    }

    /**
     * A cold start, in milliseconds: the JVM's own start ({@code Create VM}), the function's init
     * (runtime client plus handler construction, up to its first {@code /next}), the whole span from
     * process spawn to the first {@code /next}, and the first invocation.
     */
    public record Timings(double jvmStartMs, double initMs, double spawnToReadyMs, double firstInvokeMs) {
        @Override
        public String toString() {
            return String.format("JVM start %.0f ms, init %.0f ms (ready %.0f ms after spawn), first invoke %s",
                    jvmStartMs, initMs, spawnToReadyMs, firstInvokeMs < 0 ? "-" : String.format("%.0f ms", firstInvokeMs));
        }
    }

    /** The function answered with an error document (unhandled exception), or could not answer. */
    public static class InvocationException extends RuntimeException {
        private final String errorDocument;

        public InvocationException(String message, String errorDocument) {
            super(message);
            this.errorDocument = errorDocument;
        }

        public String errorDocument() {
            return errorDocument;
        }
    }

    /**
     * Refused before it ran: the function's reserved concurrency is in use, as Lambda answers with
     * a 429 (TooManyRequestsException) to a synchronous caller.
     */
    public static final class ThrottledException extends InvocationException {
        public ThrottledException(String message) {
            super(message, null);
        }
    }

    /** The function could not start: the message carries the init error and the child's last output. */
    public static final class InitFailedException extends IllegalStateException {
        private final String errorDocument;
        private final List<String> output;

        public InitFailedException(String message, String errorDocument, List<String> output) {
            super(message);
            this.errorDocument = errorDocument;
            this.output = List.copyOf(output);
        }

        /** The error document the runtime posted to {@code /init/error}, or null. */
        public String errorDocument() {
            return errorDocument;
        }

        /** The child's last lines of output. */
        public List<String> output() {
            return output;
        }
    }

    private final Spec spec;
    private final Consumer<String> logSink;
    private final Path startupLog;
    private Duration initTimeout;
    private RuntimeApiServer api;
    private Process process;
    /** Set by {@link #close()}: a runtime that dies after it is not replaced. */
    private boolean closed;
    private long spawnNanos;
    private long readyNanos;
    private volatile double firstInvokeMs = -1;
    /** Invocations admitted and not yet answered, held against the reserved concurrency. */
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
    private double jvmStartMs = -1;
    private final java.util.ArrayDeque<String> recent = new java.util.ArrayDeque<>();
    private final List<Thread> pumps = new ArrayList<>();

    /**
     * @param logSink receives every line the function writes to stdout or stderr (already decoded),
     *                from reader threads
     */
    public LocalFunction(Spec spec, Consumer<String> logSink) {
        this.spec = spec;
        this.logSink = logSink;
        try {
            this.startupLog = Files.createTempFile("socialdesk-" + spec.name() + "-", ".startup.log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String name() {
        return spec.name();
    }

    /** Where the JVM logs its start-up times; removed by {@link #close()}. */
    Path startupLog() {
        return startupLog;
    }

    /** Starts the JVM and waits until the runtime is ready for its first event; throws if init fails. */
    public synchronized LocalFunction start(Duration initTimeout) {
        this.initTimeout = initTimeout;
        closed = false;
        if (!Files.isRegularFile(spec.jar())) {
            throw new IllegalStateException(spec.name() + ": no function jar at " + spec.jar() + " (build it first)");
        }
        api = new RuntimeApiServer("arn:aws:lambda:" + spec.environment().getOrDefault("AWS_REGION", LocalIdentity.DEFAULT_REGION)
                + ":000000000000:function:" + spec.name());
        List<String> command = new ArrayList<>();
        command.add(spec.java().toString());
        command.add("-XX:MaxRAM=" + spec.memoryMb() + "m");
        // The runtime client loads its JNI library; Lambda allows it, so say so instead of warning.
        command.add("--enable-native-access=ALL-UNNAMED");
        // filecount=0: no rotation, which would leave an empty startup.log.0 behind at every start.
        command.add("-Xlog:startuptime=info:file=" + startupLog + ":uptime:filecount=0");
        nativeLibrary(spec.runtimeJars()).ifPresent(lib -> command.add("-D" + JNI_PROPERTY + "=" + lib));
        command.addAll(spec.jvmOptions());
        command.add("-cp");
        List<Path> classpath = new ArrayList<>(spec.runtimeJars());
        classpath.add(spec.jar());
        command.add(classpath.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator)));
        command.add(RUNTIME_MAIN);
        command.add(spec.handler());
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(lambdaEnvironment());
        synchronized (recent) {
            recent.clear();
        }
        pumps.clear();
        firstInvokeMs = -1;
        spawnNanos = System.nanoTime();
        try {
            process = builder.start();
        } catch (IOException e) {
            api.close();
            throw new IllegalStateException(spec.name() + ": cannot start " + spec.java() + ": " + e.getMessage(), e);
        }
        pump(process.getInputStream());
        pump(process.getErrorStream());
        // This JVM's own Runtime API: after a restart the fields name the next environment.
        RuntimeApiServer environment = api;
        Process started = process;
        started.onExit().thenRun(() -> environment.failAll(spec.name() + " runtime exited with status " + started.exitValue()));
        try {
            java.util.concurrent.CompletableFuture.anyOf(api.firstNext(), api.initError(), process.onExit())
                    .get(initTimeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!api.firstNext().isDone()) {
                // Init failed: the runtime reported an init error and/or exited. Let it finish and
                // its output drain, so the failure can say why (a missing variable, a bad handler...).
                process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
                throw startFailure(api.initError().isDone() ? "init failed" : "runtime exited during init");
            }
            readyNanos = api.firstNext().getNow(System.nanoTime());
        } catch (TimeoutException e) {
            throw startFailure("not ready after " + initTimeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw startFailure("interrupted during start");
        } catch (ExecutionException e) {
            throw startFailure("start failed: " + e.getCause());
        }
        jvmStartMs = readCreateVm();
        return this;
    }

    /**
     * Stops the child and builds the exception of a failed start: what happened, the exit status,
     * the init error the runtime reported (its errorType and errorMessage) and the child's last
     * lines of output, so a function that dies at init says why.
     */
    private InitFailedException startFailure(String what) {
        String errorDocument = api.initError().getNow(null);
        stopEnvironment();
        StringBuilder message = new StringBuilder(spec.name()).append(": ").append(what);
        if (process != null && !process.isAlive()) {
            message.append(" (exit status ").append(process.exitValue()).append(')');
        }
        if (errorDocument != null) {
            message.append("\n  init error: ").append(describeError(errorDocument));
        }
        List<String> output = recentOutput();
        if (output.isEmpty()) {
            message.append("\n  (the function wrote nothing to stdout or stderr)");
        } else {
            message.append("\n  last output of ").append(spec.name()).append(':');
            output.forEach(line -> message.append("\n    ").append(line));
        }
        return new InitFailedException(message.toString(), errorDocument, output);
    }

    /**
     * The runtime client's JNI library for this machine, extracted once per JVM to a private
     * directory; empty when the runtime jars hold none for this platform (the client then falls back
     * to its own shared path).
     */
    static java.util.Optional<Path> nativeLibrary(List<Path> runtimeJars) {
        Path ric = runtimeJars.stream()
                .filter(p -> p.getFileName().toString().startsWith("aws-lambda-java-runtime-interface-client")).findFirst().orElse(null);
        if (ric == null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.ofNullable(NATIVE_LIBRARIES.computeIfAbsent(ric, LocalFunction::extractNativeLibrary));
    }

    private static Path extractNativeLibrary(Path ricJar) {
        String name = nativeLibraryName();
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(ricJar.toFile())) {
            java.util.zip.ZipEntry entry = zip.getEntry("jni/" + name);
            if (entry == null) {
                return null;
            }
            Path dir = Files.createTempDirectory("socialdesk-lambda-jni-");
            Path lib = dir.resolve(name);
            try (InputStream in = zip.getInputStream(entry)) {
                Files.copy(in, lib);
            }
            lib.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            return lib;
        } catch (IOException e) {
            return null;
        }
    }

    /** The library the runtime client ships for this OS, CPU and C library. */
    static String nativeLibraryName() {
        String arch = System.getProperty("os.arch", "").toLowerCase(java.util.Locale.ROOT);
        String cpu = arch.equals("aarch64") || arch.equals("arm64") ? "aarch_64" : "x86_64";
        boolean musl = Files.exists(Path.of("/etc/alpine-release"));
        if (!musl) {
            try (var libs = Files.list(Path.of("/lib"))) {
                musl = libs.anyMatch(p -> p.getFileName().toString().startsWith("ld-musl-"));
            } catch (IOException e) {
                // No /lib: assume glibc.
            }
        }
        return "libaws-lambda-jni.linux" + (musl ? "_musl-" : "-") + cpu + ".so";
    }

    /** {@code errorType: errorMessage} of a runtime error document, or the document itself. */
    static String describeError(String errorDocument) {
        try {
            Object json = socialdesk.core.json.Json.parse(errorDocument);
            String type = socialdesk.core.json.JsonRead.string(json, "errorType");
            String message = socialdesk.core.json.JsonRead.string(json, "errorMessage");
            if (type != null || message != null) {
                return (type == null ? "" : type + ": ") + (message == null ? "" : message);
            }
        } catch (RuntimeException e) {
            // Not JSON: shown as sent.
        }
        return errorDocument;
    }

    /** The child's last lines of output (stdout and stderr), oldest first; waits briefly for the readers once it has exited. */
    public List<String> recentOutput() {
        if (process != null && !process.isAlive()) {
            for (Thread pump : pumps) {
                try {
                    pump.join(1_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        synchronized (recent) {
            return List.copyOf(recent);
        }
    }

    /** The Lambda environment: the reserved variables first, then the function's own. */
    Map<String, String> lambdaEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        String path = System.getenv("PATH");
        env.put("PATH", path == null ? "/usr/bin:/bin" : path);
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", "UTC");
        env.put("AWS_LAMBDA_RUNTIME_API", api.address());
        env.put("_HANDLER", spec.handler());
        env.put("AWS_LAMBDA_FUNCTION_NAME", spec.name());
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(spec.memoryMb()));
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + spec.name());
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "local");
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java25");
        // A function run alone (tests, benchmarks) gets the in-process defaults; the stack passes its own identity.
        env.putAll(LocalIdentity.resolve(Map.of(), false).environment());
        env.put("LAMBDA_TASK_ROOT", spec.jar().getParent().toString());
        env.putAll(spec.environment());
        return env;
    }

    /**
     * Hands the function one event and waits for its answer (up to the function's Timeout).
     *
     * @throws ThrottledException when its reserved concurrency is in use (nothing was run)
     * @throws InvocationException when the function reports an error or cannot answer in time
     */
    public byte[] invoke(byte[] event) {
        int reserved = spec.reservedConcurrency();
        if (inFlight.incrementAndGet() > reserved && reserved > 0) {
            inFlight.decrementAndGet();
            throw new ThrottledException(spec.name() + ": throttled, its reserved concurrency of " + reserved + " is in use");
        }
        try {
            return invokeAdmitted(event);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private byte[] invokeAdmitted(byte[] event) {
        long start = System.nanoTime();
        RuntimeApiServer.Result result;
        RuntimeApiServer environment = runningEnvironment();
        try {
            try {
                result = awaitAnswer(environment, event);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RuntimeApiServer.NotDeliveredException)) {
                    throw e;
                }
                // The runtime died after it looked alive but before it took the event: the event
                // never ran, so a fresh environment gets it, as Lambda would.
                environment = runningEnvironment();
                result = awaitAnswer(environment, event);
            }
        } catch (TimeoutException e) {
            discard(environment, "timed out after " + spec.timeout().toSeconds() + " s");
            throw new InvocationException(spec.name() + ": timed out after " + spec.timeout().toSeconds() + " s", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InvocationException(spec.name() + ": interrupted", null);
        } catch (ExecutionException e) {
            throw new InvocationException(spec.name() + ": " + e.getCause().getMessage(), null);
        }
        synchronized (this) {
            if (firstInvokeMs < 0) {
                firstInvokeMs = (System.nanoTime() - start) / 1e6;
            }
        }
        if (result.error()) {
            throw new InvocationException(spec.name() + " failed" + (result.errorType() == null ? "" : ": " + result.errorType()),
                    result.text());
        }
        return result.body();
    }

    private RuntimeApiServer.Result awaitAnswer(RuntimeApiServer environment, byte[] event)
            throws ExecutionException, InterruptedException, TimeoutException {
        return environment.submit(event, spec.timeout()).get(spec.timeout().toMillis() + 2_000, TimeUnit.MILLISECONDS);
    }

    /**
     * The Runtime API of a live JVM: the one running, or a fresh one started now when the last
     * died, as Lambda starts a new execution environment after a crash or a timeout.
     */
    private synchronized RuntimeApiServer runningEnvironment() {
        if (api == null) {
            throw new IllegalStateException(spec.name() + " is not started");
        }
        if (closed) {
            throw new InvocationException(spec.name() + ": stopped", null);
        }
        if (!process.isAlive()) {
            String status = "exit status " + process.exitValue();
            stopEnvironment();
            logSink.accept("[local] the runtime had exited (" + status + "); starting a fresh execution environment");
            try {
                start(initTimeout);
            } catch (InitFailedException e) {
                throw new InvocationException(spec.name() + ": a fresh execution environment failed to start: " + e.getMessage(), null);
            }
            logSink.accept("[local] cold start: " + timings());
        }
        return api;
    }

    /** Kills the JVM of an invocation that ran past its Timeout; the next invocation gets a fresh one. */
    private synchronized void discard(RuntimeApiServer environment, String why) {
        if (environment == api && process.isAlive()) {
            logSink.accept("[local] " + why + ": stopping this execution environment");
            process.destroyForcibly();
        }
    }

    public Timings timings() {
        double spawnToReady = (readyNanos - spawnNanos) / 1e6;
        double jvm = Math.max(0, jvmStartMs);
        return new Timings(jvm, spawnToReady - jvm, spawnToReady, firstInvokeMs);
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Invocations admitted and not yet answered. */
    int invocationsInFlight() {
        return inFlight.get();
    }

    /** The child's process id, or -1 before start. */
    public long pid() {
        return process == null ? -1 : process.pid();
    }

    /** Milliseconds the JVM took to create itself, from its own startup log (the end of "Create VM"). */
    private double readCreateVm() {
        try {
            for (String line : Files.readAllLines(startupLog)) {
                Matcher m = CREATE_VM.matcher(line);
                if (m.find()) {
                    return Double.parseDouble(m.group(1)) * 1000;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // No figure: reported as 0.
        }
        return -1;
    }

    private void pump(InputStream stream) {
        pumps.add(Thread.ofPlatform().daemon().name(spec.name() + "-log").start(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    synchronized (recent) {
                        if (recent.size() == RECENT_LINES) {
                            recent.removeFirst();
                        }
                        recent.addLast(line);
                    }
                    logSink.accept(line);
                }
            } catch (IOException e) {
                // The process is gone.
            }
        }));
    }

    /** Stops the JVM (SIGTERM, then a forced kill after a short grace) and the Runtime API; later invocations fail. */
    @Override
    public synchronized void close() {
        closed = true;
        stopEnvironment();
    }

    private void stopEnvironment() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        if (api != null) {
            api.close();
        }
        try {
            Files.deleteIfExists(startupLog);
        } catch (IOException ignored) {
            // A temp file; the OS cleans it.
        }
    }
}
