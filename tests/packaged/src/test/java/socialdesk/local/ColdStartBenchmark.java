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
 * Cold starts of every function's own jar, as Lambda runs it: for each function and for a
 * hello-world handler built by the same reactor, fresh JVMs with the Runtime Interface Client
 * against a loopback Runtime API ({@link LocalFunction}), the function's environment and endpoints
 * as the local stack resolves them (dynalite, the in-process PutEvents/GetSecretValue endpoint), and
 * its sample event from {@code events/}. Per function: JVM start, init, first invoke, cold total
 * (process spawn to first response), warm p50/p99, classes loaded up to the first response (the
 * child's own counters, read with {@code jcmd PerfCounter.print}: no logging in the timed path) and
 * the jar's size, each beside hello-world's. Rounds interleave the functions so noise spreads evenly.
 */
final class ColdStartBenchmark {
    static final String HELLO = "hello-world";
    static final String HELLO_HANDLER = "socialdesk.hello.HelloWorldHandler::handleRequest";
    static final Map<String, String> EVENTS = Map.of(
            "publish-due-posts", "scheduled-tick.json",
            "platform-webhook", "meta-feed-comment.json",
            "posts-api", "posts-api-list.json",
            "queue-runway", "queue-runway-tick.json",
            "collect-engagement", "collect-engagement-tick.json",
            HELLO, "scheduled-tick.json");

    private static final String META_APP_SECRET = "cold-start-benchmark";

    /** One function's figures: medians over the JVMs started (classes from the first). */
    record Row(String name, long jarBytes, double jvmStartMs, double initMs, double firstInvokeMs, double coldMs,
               double warmP50Ms, double warmP99Ms, long classes, String firstResponse) {
    }

    record Result(int jvms, int warmInvokes, List<Row> rows) {
        Row row(String name) {
            return rows.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
        }

        String describe() {
            Row hello = row(HELLO);
            StringBuilder b = new StringBuilder();
            b.append(String.format("Cold starts: %d fresh JVM(s) per function, %d warm invokes each (medians; 2 shared cores, noisy)%n",
                    jvms, warmInvokes));
            b.append(String.format("%-18s %7s %6s %6s %6s %7s %6s %6s %6s %7s %6s%n", "function", "jar MB", "JVM", "init",
                    "first", "cold", "x hw", "p50", "p99", "classes", "x hw"));
            for (Row r : rows) {
                b.append(String.format("%-18s %7.2f %6.0f %6.0f %6.0f %7.0f %6.2f %6.1f %6.1f %7d %6.2f%n", r.name(),
                        r.jarBytes() / 1e6, r.jvmStartMs(), r.initMs(), r.firstInvokeMs(), r.coldMs(), r.coldMs() / hello.coldMs(),
                        r.warmP50Ms(), r.warmP99Ms(), r.classes(), (double) r.classes() / Math.max(1, hello.classes())));
            }
            b.append("(ms; JVM = Create VM, init = runtime client + handler constructor, first = first invoke, cold = process spawn"
                    + " to first response; x hw = ratio to hello-world; target cold <= 1.5 x hw)\n");
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
            for (String name : List.of("publish-due-posts", "platform-webhook", "posts-api", "queue-runway", "collect-engagement")) {
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
            List<Row> rows = new ArrayList<>();
            samples.forEach((name, list) -> rows.add(row(name, specs.get(name).jar(), list)));
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

    private static Row row(String name, Path jar, List<Sample> samples) {
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
                percentile(warm, 50), percentile(warm, 99), samples.getFirst().classes(), samples.getFirst().firstResponse());
    }

    /** Hello-world runs with posts-api's memory and the same runtime jars and JVM options, none of its environment. */
    private static LocalFunction.Spec helloSpec(LocalFunction.Spec like) {
        return new LocalFunction.Spec(HELLO, HELLO_HANDLER, Template.ROOT.resolve("tools/hello-world/target/function.jar"),
                like.runtimeJars(), Map.of(), like.memoryMb(), like.timeout(), like.java(), like.jvmOptions());
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
