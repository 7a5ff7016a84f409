package socialdesk.core.json;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What the first JSON use costs a fresh JVM, for the choice in
 * docs/decisions/2026-12-06-json-library.md: jackson-jr behind {@link Json} against jackson-databind
 * set up to read the same shapes. Each run is a new JVM that parses a function URL event and its
 * body and writes both back once; it prints the classes that work loaded, the time it took, and
 * the size of each library's jars.
 *
 * <pre>mvn -B -q -pl core verify -Dgroups=benchmark -DexcludedGroups=none -Dtest=JsonColdStartBenchmark \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dmaven.test.redirectTestOutputToFile=false</pre>
 */
@Tag("benchmark")
class JsonColdStartBenchmark {
    private static final int RUNS = 9;
    static final String EVENT = """
            {"version":"2.0","routeKey":"$default","rawPath":"/posts","rawQueryString":"status=QUEUED",\
            "headers":{"content-type":"application/json","host":"abc.lambda-url.eu-west-1.on.aws","x-amz-date":"20261206T100000Z"},\
            "queryStringParameters":{"status":"QUEUED"},"requestContext":{"accountId":"123456789012","apiId":"abc",\
            "http":{"method":"POST","path":"/posts","protocol":"HTTP/1.1","sourceIp":"203.0.113.9","userAgent":"social"},\
            "requestId":"c1d2e3f4","timeEpoch":1764149400000},\
            "body":"{\\"text\\":\\"Hello\\",\\"platforms\\":[\\"mastodon\\",\\"bluesky\\"],\\"at\\":\\"2026-12-06T10:00:00Z\\",\\"version\\":3,\\"score\\":0.75}",\
            "isBase64Encoded":false}""";

    @Test
    void firstParseAndWriteInAFreshJvm() throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add(measure("jackson-jr (Json)", JrFirstUse.class));
        lines.add(measure("jackson-databind", DatabindFirstUse.class));
        lines.add("jars: jackson-jr-objects + jackson-core " + kib("jackson-jr-objects", "jackson-core")
                + " KiB; jackson-databind + jackson-core + jackson-annotations "
                + kib("jackson-databind", "jackson-core", "jackson-annotations") + " KiB");
        lines.forEach(System.out::println);
        assertTrue(lines.stream().noneMatch(l -> l.contains("failed")), String.join("\n", lines));
    }

    /** Median classes loaded and milliseconds over {@link #RUNS} fresh JVMs. */
    private static String measure(String name, Class<?> main) throws IOException, InterruptedException {
        List<Long> classes = new ArrayList<>();
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xshare:auto", "-cp", System.getProperty("java.class.path"), main.getName())
                    .redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (process.waitFor() != 0 || !out.matches("\\d+ [\\d.]+")) {
                return name + ": failed: " + out;
            }
            String[] parts = out.split(" ");
            classes.add(Long.parseLong(parts[0]));
            millis.add(Double.parseDouble(parts[1]));
        }
        classes.sort(null);
        millis.sort(null);
        return "%s: first parse+write loads %d classes, takes %.1f ms (median of %d fresh JVMs; min %.1f, max %.1f)"
                .formatted(name, classes.get(RUNS / 2), millis.get(RUNS / 2), RUNS, millis.getFirst(), millis.getLast());
    }

    private static long kib(String... artifacts) {
        long bytes = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            bytes += jarsNamed(Path.of(entry), artifacts);
        }
        return bytes / 1024;
    }

    /** Sizes of the jars on the class path (surefire may pass them in a manifest-only jar) named for an artifact. */
    private static long jarsNamed(Path entry, String... artifacts) {
        if (!entry.toString().endsWith(".jar") || !Files.isRegularFile(entry)) {
            return 0;
        }
        String file = entry.getFileName().toString();
        for (String artifact : artifacts) {
            if (file.matches(artifact + "-\\d.*\\.jar")) {
                return entry.toFile().length();
            }
        }
        long nested = 0;
        try (JarFile jar = new JarFile(entry.toFile())) {
            String classPath = jar.getManifest() == null ? null : jar.getManifest().getMainAttributes().getValue("Class-Path");
            if (classPath != null) {
                for (String url : classPath.split(" ")) {
                    if (!url.isBlank()) {
                        nested += jarsNamed(Path.of(java.net.URI.create(url)), artifacts);
                    }
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            return 0;
        }
        return nested;
    }

    /** Runs one first use in this JVM and prints "classes millis". */
    private static void firstUse(UnaryOperator<String> parseAndWrite) {
        var loading = ManagementFactory.getClassLoadingMXBean();
        long before = loading.getTotalLoadedClassCount();
        long start = System.nanoTime();
        String written = parseAndWrite.apply(EVENT);
        double millis = (System.nanoTime() - start) / 1e6;
        if (written.isEmpty()) {
            throw new IllegalStateException("nothing written");
        }
        System.out.println((loading.getTotalLoadedClassCount() - before) + " " + millis);
    }

    public static final class JrFirstUse {
        public static void main(String[] args) {
            firstUse(text -> {
                Map<String, Object> event = Json.parseObject(text);
                Object body = Json.parse((String) event.get("body"));
                return Json.write(Map.of("event", event, "body", body));
            });
        }
    }

    public static final class DatabindFirstUse {
        /** The mapper is built inside the measured work, as {@link Json}'s set-up runs at its first use. */
        public static void main(String[] args) {
            firstUse(text -> {
                ObjectMapper mapper = JsonMapper.builder(JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
                                .maxNestingDepth(Json.MAX_DEPTH).maxNumberLength(Json.MAX_NUMBER_LENGTH).build()).build())
                        .enable(DeserializationFeature.USE_LONG_FOR_INTS, DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS,
                                DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                        .build();
                try {
                    Map<?, ?> event = mapper.readValue(text, Map.class);
                    Object body = mapper.readValue((String) event.get("body"), Object.class);
                    return mapper.writeValueAsString(Map.of("event", event, "body", body));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
    }
}
