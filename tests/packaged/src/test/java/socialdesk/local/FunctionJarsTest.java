package socialdesk.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
     * The artifact target of issue 10 was 8 MB in Lambda's own unit, where "MB" is 2^20 bytes (its
     * 50 MB package quota is 52,428,800 bytes). Parameter Store's client brings every SSM request
     * class (its client class cannot be verified without them): 0.75 MB more than Secrets Manager's,
     * which puts the two functions that also carry the optional Bedrock client at 8.41 and 8.56 MiB.
     * The ceiling is 9 MB for that, and it trades against $0.40 per secret-month
     * (docs/decisions/2026-12-06-credential-store.md).
     */
    static final long MAX_JAR_BYTES = 9L * 1024 * 1024;

    /** The SDK client each function builds (its wiring), by module. */
    private static final Map<String, List<String>> CLIENTS = Map.of(
            // s3: uploaded images, read or handed to a platform as a presigned GET.
            "publish-due-posts", List.of("dynamodb", "eventbridge", "ssm", "s3"),
            // bedrockruntime: the optional model triage, built only when BEDROCK_MODEL_ID is set.
            "platform-webhook", List.of("dynamodb", "eventbridge", "ssm", "bedrockruntime"),
            "collect-engagement", List.of("dynamodb", "eventbridge", "ssm", "bedrockruntime"),
            "queue-runway", List.of("dynamodb", "eventbridge"),
            // s3: POST /media's presigned uploads and the HeadObject of each upload a post names.
            "posts-api", List.of("dynamodb", "eventbridge", "ssm", "s3"));
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

    @Test
    void everyFunctionJarIsAtMostNineMegabytes() throws IOException {
        for (Map.Entry<String, Path> jar : jars().entrySet()) {
            long size = Files.size(jar.getValue());
            System.out.printf("%-20s %,11d bytes%n", jar.getKey(), size);
            assertTrue(size <= MAX_JAR_BYTES, jar.getValue() + " is " + size + " bytes, over " + MAX_JAR_BYTES);
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
