package socialdesk.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import socialdesk.template.Template;

/**
 * Checks on the packaged function jars. They run here because this module's tests run after every
 * function module is packaged in the reactor (this pom lists them as build-order dependencies),
 * while a function's own tests run before its jar exists.
 */
class FunctionJarsTest {
    /**
     * The artifact target of issue 10, 8 MB, in Lambda's own unit, where "MB" is 2^20 bytes (its 50 MB
     * package quota is 52,428,800 bytes). The optional Bedrock client is a layer (below), not part of
     * any function jar: with it the two functions that triage comments were over 8.4 MiB.
     */
    static final long MAX_JAR_BYTES = 8L * 1024 * 1024;
    /**
     * The Bedrock triage layer: its own classes and bedrockruntime's Converse closure, 1.1 MiB. The
     * whole bedrockruntime jar alone is 1.7 MiB, so a layer past 1.5 MiB has lost the parent pom's
     * shade filter or taken in a client the function jars already carry.
     */
    static final long MAX_LAYER_BYTES = 3L * 1024 * 1024 / 2;
    /** What the layer may hold: nothing a function jar has (on Lambda the function's copy would win). */
    private static final List<String> LAYER_CONTENT = List.of("META-INF/", "socialdesk/aws/bedrock/",
            "software/amazon/awssdk/services/bedrockruntime/");

    /** The SDK client each function builds (its wiring), by module. */
    private static final Map<String, List<String>> CLIENTS = Map.of(
            "publish-due-posts", List.of("dynamodb", "eventbridge", "ssm"),
            // bedrockruntime, for the optional model triage, comes with the Bedrock triage layer.
            "platform-webhook", List.of("dynamodb", "eventbridge", "ssm"),
            "collect-engagement", List.of("dynamodb", "eventbridge", "ssm"),
            "queue-runway", List.of("dynamodb", "eventbridge"),
            // No s3: the media bucket signs its own URLs with the SDK's signer (S3MediaBucket).
            "posts-api", List.of("dynamodb", "eventbridge", "ssm"));
    private static final List<String> ALL_CLIENTS = List.of("dynamodb", "eventbridge", "ssm", "bedrockruntime", "s3");
    /** The one HTTP client the functions use, and the heavy ones they must not carry. */
    private static final String URL_CONNECTION_CLIENT = "software/amazon/awssdk/http/urlconnection/UrlConnectionHttpClient.class";
    private static final List<String> HEAVY_HTTP_CLIENTS = List.of(
            "software/amazon/awssdk/http/apache/", "software/amazon/awssdk/http/apache5/", "software/amazon/awssdk/http/nio/netty/",
            "org/apache/http/", "org/apache/hc/", "io/netty/");

    private static Map<String, Path> jars() {
        Map<String, Path> jars = new TreeMap<>();
        for (Template.Function f : Template.load().functions()) {
            Path jar = f.moduleDir().resolve("target/function.jar");
            assertTrue(Files.isRegularFile(jar), "no " + jar + ": package the functions first");
            jars.put(f.moduleDir().getFileName().toString(), jar);
        }
        return jars;
    }

    /** Each layer's jars as its build lays them out for /opt/java/lib, by the layer's logical id. */
    private static Map<Template.Layer, List<Path>> layerJars() throws IOException {
        Map<Template.Layer, List<Path>> jars = new TreeMap<>(java.util.Comparator.comparing(Template.Layer::logicalId));
        for (Template.Layer layer : Template.load().layers()) {
            assertTrue(Files.isDirectory(layer.builtJavaLib()), "no " + layer.builtJavaLib() + ": package the layers first");
            try (java.util.stream.Stream<Path> files = Files.list(layer.builtJavaLib())) {
                jars.put(layer, files.filter(p -> p.toString().endsWith(".jar")).sorted().toList());
            }
            assertFalse(jars.get(layer).isEmpty(), layer + " has no jar in " + layer.builtJavaLib());
        }
        return jars;
    }

    private static List<String> entries(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.stream().map(ZipEntry::getName).toList();
        }
    }

    @Test
    void everyFunctionJarIsAtMostEightMegabytes() throws IOException {
        for (Map.Entry<String, Path> jar : jars().entrySet()) {
            long size = Files.size(jar.getValue());
            System.out.printf("%-20s %,11d bytes%n", jar.getKey(), size);
            assertTrue(size <= MAX_JAR_BYTES, jar.getValue() + " is " + size + " bytes, over " + MAX_JAR_BYTES);
        }
    }

    @Test
    void theBedrockTriageLayerIsSmallAndHoldsOnlyWhatTheFunctionJarsLack() throws IOException {
        Map<Template.Layer, List<Path>> layers = layerJars();
        assertEquals(List.of("BedrockTriageLayer"), layers.keySet().stream().map(Template.Layer::logicalId).toList());
        Map<String, Path> functionJars = jars();
        for (Map.Entry<Template.Layer, List<Path>> layer : layers.entrySet()) {
            long size = 0;
            for (Path jar : layer.getValue()) {
                size += Files.size(jar);
                System.out.printf("%-20s %,11d bytes (%s)%n", layer.getKey().logicalId(), Files.size(jar), jar.getFileName());
                List<String> names = entries(jar);
                List<String> foreign = names.stream().filter(n -> LAYER_CONTENT.stream().noneMatch(n::startsWith) && !n.endsWith("/"))
                        .limit(5).toList();
                assertTrue(foreign.isEmpty(), jar + " holds more than the Bedrock triage and its client, such as " + foreign);
                assertTrue(names.contains("META-INF/services/socialdesk.aws.triage.ModelTriageProvider"),
                        jar + " does not register its triage: the functions would never find it");
                assertEquals(java.util.Set.of(), ModelClosure.missing(jar),
                        jar + " lacks model classes its calls reach: add them to the shade filters of the parent pom");
                for (Map.Entry<String, Path> function : functionJars.entrySet()) {
                    List<String> own = entries(function.getValue()).stream().filter(n -> n.startsWith("socialdesk/aws/bedrock/")).limit(5).toList();
                    assertTrue(own.isEmpty(), function.getKey() + " carries the layer's classes, such as " + own);
                }
            }
            assertTrue(size <= MAX_LAYER_BYTES, layer.getKey() + " is " + size + " bytes, over " + MAX_LAYER_BYTES);
        }
    }

    /**
     * The shade filters of the parent pom keep only the model classes of the operations the functions
     * call: each jar must hold every class those operations' requests and responses reach.
     */
    @Test
    void everyFunctionJarHoldsTheModelClassesOfTheOperationsItCalls() {
        for (Map.Entry<String, Path> jar : jars().entrySet()) {
            assertEquals(java.util.Set.of(), ModelClosure.missing(jar.getValue()),
                    jar.getKey() + " lacks model classes its calls reach: add them to the shade filters of the parent pom");
        }
    }

    /**
     * Each jar holds the SDK clients its function builds and the URLConnection HTTP client, and
     * neither the clients it does not use nor an Apache or Netty HTTP client, which a dependency
     * change could bring back in unseen (mvn dependency:tree -Dincludes=software.amazon.awssdk says which).
     */
    @Test
    void everyFunctionJarHoldsTheClientsItsFunctionUsesAndNoHeavyHttpClient() throws IOException {
        Map<String, Path> jars = jars();
        assertEquals(CLIENTS.keySet(), jars.keySet(), "every function in template.yaml has its clients listed here");
        for (Map.Entry<String, Path> jar : jars.entrySet()) {
            try (ZipFile zip = new ZipFile(jar.getValue().toFile())) {
                List<String> names = zip.stream().map(ZipEntry::getName).toList();
                for (String client : ALL_CLIENTS) {
                    boolean held = names.stream().anyMatch(n -> n.startsWith("software/amazon/awssdk/services/" + client + "/"));
                    assertEquals(CLIENTS.get(jar.getKey()).contains(client), held,
                            jar.getKey() + (held ? " carries the unused " : " lacks the ") + client + " client");
                }
                assertTrue(names.contains(URL_CONNECTION_CLIENT), jar.getKey() + " lacks the URLConnection HTTP client");
                List<String> heavy = names.stream().filter(n -> HEAVY_HTTP_CLIENTS.stream().anyMatch(n::startsWith)).limit(5).toList();
                assertTrue(heavy.isEmpty(), jar.getKey() + " holds a heavy HTTP client, such as " + heavy);
            }
        }
    }
}
