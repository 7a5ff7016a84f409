package socialdesk.local;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import socialdesk.core.json.Json;
import socialdesk.template.Template;

/**
 * Cold starts of every function's own jar, as Lambda runs it: for each function, for the SDK
 * baseline (tools/sdk-baseline: a DynamoDbClient built by infra/aws's AwsClients as the functions
 * build theirs, one GetItem per invoke) and for hello-world, fresh JVMs with the Runtime Interface
 * Client against a loopback Runtime API ({@link LocalFunction}), the function's environment and
 * endpoints as the local stack resolves them (dynalite, the in-process PutEvents/GetSecretValue
 * endpoint), and its sample event from {@code events/}. Per function: JVM start, init, first invoke,
 * cold total (process spawn to first response) and its ratio to the SDK baseline's in the same run,
 * warm p50/p99, classes loaded up to the first response (the child's own counters, read with
 * {@code jcmd PerfCounter.print}: no logging in the timed path), and the jar's size.
 *
 * <p>One more JVM per function runs as a SnapStart one does ({@link #primedFirstInvoke}): the runtime
 * client runs the function's {@code beforeCheckpoint} hooks after init, is restored at once and runs
 * its {@code afterRestore} hooks; the classes its first invoke then loads (from {@code -Xlog:class+load})
 * are what a restored snapshot would still have to load ({@code -Dbench.classes} lists them by name).
 * Rounds interleave the functions so noise spreads evenly.
 */
final class ColdStartBenchmark {
    static final String HELLO = "hello-world";
    static final String HELLO_HANDLER = "socialdesk.hello.HelloWorldHandler::handleRequest";
    static final String BASELINE = "sdk-baseline";
    static final String BASELINE_HANDLER = "socialdesk.baseline.SdkBaselineHandler::handleRequest";
    static final List<String> FUNCTIONS = List.of("publish-due-posts", "platform-webhook", "posts-api", "queue-runway",
            "collect-engagement");
    /** Targets of issue 10: cold total against the SDK baseline, classes the first invoke loads after priming, jar size. */
    static final double MAX_COLD_RATIO = 1.3;
    static final int MAX_CLASSES_AFTER_PRIMING = 100;
    /** 8 MB as FunctionJarsTest reads it: 8 MiB, Lambda's unit. */
    static final long MAX_JAR_BYTES = FunctionJarsTest.MAX_JAR_BYTES;
    /**
     * How Lambda's java runtimes connect the org.crac API the functions register their hooks with to
     * the runtime client's own CRaC context, which it runs around a snapshot: org.crac delegates to the
     * package this property names.
     */
    static final String CRAC_COMPAT = "-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac";
    static final Map<String, String> EVENTS = Map.of(
            "publish-due-posts", "scheduled-tick.json",
            "platform-webhook", "meta-feed-comment.json",
            "posts-api", "posts-api-list.json",
            "queue-runway", "queue-runway-tick.json",
            "collect-engagement", "collect-engagement-tick.json",
            HELLO, "scheduled-tick.json",
            BASELINE, "scheduled-tick.json");

    private static final String META_APP_SECRET = "cold-start-benchmark";

    /**
     * One function's figures: medians over the JVMs started (classes from the first), and what the
     * first invoke loaded in the JVM whose priming hooks ran.
     */
    record Row(String name, long jarBytes, double jvmStartMs, double initMs, double firstInvokeMs, double coldMs,
               double warmP50Ms, double warmP99Ms, long classes, String firstResponse, PrimedInvoke primed) {
    }

    /**
     * The first invoke after the priming hooks: the classes it loaded, in load order, and its response.
     *
     * @param primingSteps the JSON log line of the function's priming ("priming done", steps and failures), or null if it has none
     */
    record PrimedInvoke(List<String> classesLoaded, String response, String primingSteps) {
        /** Loaded classes per package, most first. */
        Map<String, Long> byPackage() {
            Map<String, Long> counts = new HashMap<>();
            classesLoaded.forEach(c -> counts.merge(c.contains(".") ? c.substring(0, c.lastIndexOf('.')) : "", 1L, Long::sum));
            Map<String, Long> sorted = new LinkedHashMap<>();
            counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).forEach(e -> sorted.put(e.getKey(), e.getValue()));
            return sorted;
        }
    }

    record Result(int jvms, int warmInvokes, List<Row> rows) {
        Row row(String name) {
            return rows.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
        }

        /** A function's cold total over the SDK baseline's, in this run. */
        double coldRatio(String name) {
            return row(name).coldMs() / row(BASELINE).coldMs();
        }

        String describe() {
            StringBuilder b = new StringBuilder();
            b.append(String.format("Cold starts: %d fresh JVM(s) per function, %d warm invokes each (medians; 2 shared cores, noisy)%n",
                    jvms, warmInvokes));
            b.append(String.format("%-18s %7s %6s %6s %6s %7s %7s %6s %6s %7s %7s%n", "function", "jar MiB", "JVM", "init",
                    "first", "cold", "x base", "p50", "p99", "classes", "primed"));
            for (Row r : rows) {
                b.append(String.format("%-18s %7.2f %6.0f %6.0f %6.0f %7.0f %7.2f %6.1f %6.1f %7d %7d%n", r.name(),
                        r.jarBytes() / 1048576.0, r.jvmStartMs(), r.initMs(), r.firstInvokeMs(), r.coldMs(), coldRatio(r.name()),
                        r.warmP50Ms(), r.warmP99Ms(), r.classes(), r.primed().classesLoaded().size()));
            }
            b.append("(ms; jar in MiB; JVM = Create VM, init = runtime client + handler constructor, first = first invoke, cold = process"
                    + " spawn to first response; x base = cold over " + BASELINE + "'s cold; classes = loaded up to the first response;"
                    + " primed = classes the first invoke loads after the priming hooks ran (the two baselines have no hooks:"
                    + " theirs is the first invoke's whole load).\n Targets: cold <= " + MAX_COLD_RATIO + " x base, primed < " + MAX_CLASSES_AFTER_PRIMING
                    + ", jar <= " + MAX_JAR_BYTES / 1048576 + " MiB.)\n");
            for (Row r : rows) {
                if (r.primed().primingSteps() != null) {
                    b.append(r.name()).append(": ").append(r.primed().primingSteps()).append('\n');
                }
                Map<String, Long> packages = r.primed().byPackage();
                if (!packages.isEmpty()) {
                    b.append("  first invoke after priming loaded, by package: ");
                    b.append(packages.entrySet().stream().limit(8).map(e -> e.getValue() + " " + e.getKey())
                            .collect(java.util.stream.Collectors.joining(", ")));
                    b.append(packages.size() > 8 ? ", ..." : "").append('\n');
                }
                if (System.getProperty("bench.classes") != null) {
                    r.primed().classesLoaded().forEach(c -> b.append("    ").append(c).append('\n'));
                }
            }
            return b.toString();
        }
    }

    private ColdStartBenchmark() {
    }

    static Result run(int jvms, int warmInvokes) {
        Path data;
        try {
            data = Files.createTempDirectory("socialdesk-bench-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        // The stack gives each function its resolved environment and endpoints; its own function JVMs stay idle
        // (no demo, rate schedules pushed a day out).
        // The webhook needs a Meta app secret to verify the sample's signature: configure one before the stack starts.
        Map<String, Object> secrets = new LinkedHashMap<>(Demo.defaultSecrets(Template.load()));
        secrets.replaceAll((name, value) -> name.contains("meta") ? Map.of("appSecret", META_APP_SECRET, "verifyToken", "bench") : value);
        new LocalSecrets(data.resolve("secrets.json"), "http://127.0.0.1:1").createIfMissing(secrets);
        LocalDesk.Options options = new LocalDesk.Options(Template.ROOT, data, false, false, 0, Duration.ofDays(1),
                Duration.ofDays(1), null, System.getProperty("bench.verbose") != null ? System.out : quiet, LocalDesk.Options.DEFAULT_JVM_OPTIONS);
        try (LocalDesk stack = LocalDesk.start(options)) {
            Map<String, LocalFunction.Spec> specs = new LinkedHashMap<>();
            specs.put(HELLO, helloSpec(stack.spec("posts-api")));
            specs.put(BASELINE, baselineSpec(stack.spec("posts-api")));
            for (String name : FUNCTIONS) {
                specs.put(name, stack.spec(name));
            }
            Map<String, byte[]> events = new HashMap<>();
            specs.keySet().forEach(name -> events.put(name, event(stack, name)));
            Map<String, List<Sample>> samples = new LinkedHashMap<>();
            specs.keySet().forEach(name -> samples.put(name, new ArrayList<>()));
            for (int round = 0; round < jvms; round++) {
                for (var entry : specs.entrySet()) {
                    samples.get(entry.getKey()).add(measure(entry.getValue(), events.get(entry.getKey()), warmInvokes, round == 0));
                }
            }
            Map<String, PrimedInvoke> primed = new LinkedHashMap<>();
            specs.forEach((name, spec) -> primed.put(name, primedFirstInvoke(spec, events.get(name), data)));
            List<Row> rows = new ArrayList<>();
            samples.forEach((name, list) -> rows.add(row(name, specs.get(name).jar(), list, primed.get(name))));
            return new Result(jvms, warmInvokes, rows);
        } finally {
            LocalDesk.deleteTree(data);
        }
    }

    private record Sample(LocalFunction.Timings timings, double[] warm, long classes, String firstResponse) {
    }

    private static Sample measure(LocalFunction.Spec spec, byte[] event, int warmInvokes, boolean countClasses) {
        try (LocalFunction function = new LocalFunction(spec, line -> { })) {
            function.start(Duration.ofSeconds(60));
            String first = new String(function.invoke(event), StandardCharsets.UTF_8);
            long classes = countClasses ? loadedClasses(function.pid()) : -1;
            double[] warm = new double[warmInvokes];
            for (int i = 0; i < warmInvokes; i++) {
                long start = System.nanoTime();
                function.invoke(event);
                warm[i] = (System.nanoTime() - start) / 1e6;
            }
            return new Sample(function.timings(), warm, classes, first);
        }
    }

    /**
     * Starts the function as a SnapStart one: {@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start} makes the
     * runtime client run the CRaC context's {@code beforeCheckpoint} after init, ask to be restored (the
     * loopback Runtime API answers at once) and run {@code afterRestore}; {@link #CRAC_COMPAT} puts the
     * hooks the function registered through org.crac in that context. After that, the classes logged
     * while the first event is handled are the ones priming did not reach.
     */
    static PrimedInvoke primedFirstInvoke(LocalFunction.Spec spec, byte[] event, Path dir) {
        Path classLog = dir.resolve(spec.name() + "-class-load.log");
        Map<String, String> environment = new LinkedHashMap<>(spec.environment());
        environment.put("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start");
        List<String> jvmOptions = new ArrayList<>(spec.jvmOptions());
        jvmOptions.add(CRAC_COMPAT);
        jvmOptions.add("-Xlog:class+load=info:file=" + classLog + ":none");
        LocalFunction.Spec snapStart = new LocalFunction.Spec(spec.name(), spec.handler(), spec.jar(), spec.runtimeJars(),
                environment, spec.memoryMb(), spec.timeout(), spec.java(), jvmOptions);
        List<String> output = java.util.Collections.synchronizedList(new ArrayList<>());
        try (LocalFunction function = new LocalFunction(snapStart, output::add)) {
            function.start(Duration.ofSeconds(60));
            int before = settledLines(classLog).size();
            String response = new String(function.invoke(event), StandardCharsets.UTF_8);
            List<String> after = settledLines(classLog);
            List<String> loaded = after.subList(before, after.size()).stream().map(ColdStartBenchmark::className).toList();
            String priming;
            synchronized (output) {
                priming = output.stream().filter(line -> line.contains("priming done") && line.contains("beforeCheckpoint"))
                        .findFirst().orElse(null);
            }
            return new PrimedInvoke(loaded, response, priming);
        }
    }

    /** The class-load log's lines once no more arrive for a moment (the log is written as classes load). */
    private static List<String> settledLines(Path log) {
        List<String> lines = List.of();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            List<String> now = readLines(log);
            if (now.size() == lines.size() && !now.isEmpty()) {
                return now;
            }
            lines = now;
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return lines;
    }

    private static List<String> readLines(Path log) {
        try {
            return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code java.lang.Object source: shared objects file} -> {@code java.lang.Object}. */
    private static String className(String logLine) {
        int space = logLine.indexOf(' ');
        return space < 0 ? logLine : logLine.substring(0, space);
    }

    private static Row row(String name, Path jar, List<Sample> samples, PrimedInvoke primed) {
        double[] warm = samples.stream().flatMapToDouble(s -> Arrays.stream(s.warm())).sorted().toArray();
        long jarBytes;
        try {
            jarBytes = Files.size(jar);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Row(name, jarBytes,
                median(samples.stream().mapToDouble(s -> s.timings().jvmStartMs()).toArray()),
                median(samples.stream().mapToDouble(s -> s.timings().initMs()).toArray()),
                median(samples.stream().mapToDouble(s -> s.timings().firstInvokeMs()).toArray()),
                median(samples.stream().mapToDouble(s -> s.timings().spawnToReadyMs() + s.timings().firstInvokeMs()).toArray()),
                percentile(warm, 50), percentile(warm, 99), samples.getFirst().classes(), samples.getFirst().firstResponse(), primed);
    }

    /** Hello-world runs with posts-api's memory and the same runtime jars and JVM options, none of its environment. */
    private static LocalFunction.Spec helloSpec(LocalFunction.Spec like) {
        return new LocalFunction.Spec(HELLO, HELLO_HANDLER, Template.ROOT.resolve("tools/hello-world/target/function.jar"),
                like.runtimeJars(), Map.of(), like.memoryMb(), like.timeout(), like.java(), like.jvmOptions());
    }

    /**
     * The SDK baseline runs with posts-api's environment (its table on dynalite, region, keys, endpoint
     * overrides), memory, runtime jars and JVM options.
     */
    private static LocalFunction.Spec baselineSpec(LocalFunction.Spec like) {
        return new LocalFunction.Spec(BASELINE, BASELINE_HANDLER, Template.ROOT.resolve("tools/sdk-baseline/target/function.jar"),
                like.runtimeJars(), like.environment(), like.memoryMb(), like.timeout(), like.java(), like.jvmOptions());
    }

    /** The function's sample event; the Meta comment is re-signed with the local stack's app secret. */
    private static byte[] event(LocalDesk stack, String name) {
        try {
            String text = Files.readString(Template.ROOT.resolve("events").resolve(EVENTS.get(name)));
            if (name.equals("platform-webhook")) {
                Map<String, Object> event = Json.parseObject(text);
                String secret = META_APP_SECRET;
                @SuppressWarnings("unchecked")
                Map<String, Object> headers = (Map<String, Object>) event.get("headers");
                headers.put("x-hub-signature-256", "sha256=" + Demo.hmac(secret, (String) event.get("body")));
                text = Json.write(event);
            }
            return text.getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Classes the child has loaded (its own and the shared archive's), from its performance counters; -1 if unreadable. */
    static long loadedClasses(long pid) {
        Path jcmd = LocalFunction.Spec.currentJava().resolveSibling("jcmd");
        try {
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "PerfCounter.print").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            long total = 0;
            boolean found = false;
            for (String line : out.split("\n")) {
                if (line.startsWith("java.cls.loadedClasses=") || line.startsWith("java.cls.sharedLoadedClasses=")) {
                    total += Long.parseLong(line.substring(line.indexOf('=') + 1).trim());
                    found = true;
                }
            }
            return found ? total : -1;
        } catch (IOException | NumberFormatException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    static double median(double[] values) {
        return percentile(values.clone(), 50);
    }

    static double percentile(double[] values, int p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
