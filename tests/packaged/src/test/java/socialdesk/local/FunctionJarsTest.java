package socialdesk.local;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
     * Lambda's figure is not the point; small jars load faster. 7 MB taken as 7,000,000 bytes, the
     * stricter reading: the optional Bedrock triage brings the SDK (bedrockruntime, its core and the
     * URLConnection client) into every function that triages comments, 6.5 MB for platform-webhook.
     * With the model off none of it is loaded.
     */
    static final long MAX_JAR_BYTES = 7_000_000;
    /** The SDK's Apache and Netty HTTP clients: the URLConnection client is the one HTTP client. */
    private static final List<String> HEAVY_HTTP_CLIENTS = List.of(
            "software/amazon/awssdk/http/apache/", "software/amazon/awssdk/http/apache5/", "software/amazon/awssdk/http/nio/netty/",
            "org/apache/http/", "org/apache/hc/", "io/netty/");

    private static List<Path> jars() {
        return Template.load().functions().stream().map(f -> f.moduleDir().resolve("target/function.jar")).toList();
    }

    @Test
    void everyFunctionJarIsAtMostSixMegabytes() throws IOException {
        for (Path jar : jars()) {
            assertTrue(Files.isRegularFile(jar), "no " + jar + ": package the functions first");
            long size = Files.size(jar);
            assertTrue(size <= MAX_JAR_BYTES, jar + " is " + size + " bytes, over " + MAX_JAR_BYTES);
        }
    }

    /**
     * The functions speak to AWS through infra/aws's own client, and the Bedrock triage through the
     * SDK on its URLConnection client. A dependency that pulls the Apache or Netty clients in (the
     * SDK's service modules do unless excluded) fails here, whatever the shading.
     */
    @Test
    void noFunctionJarHoldsAnApacheOrNettyHttpClient() throws IOException {
        for (Path jar : jars()) {
            assertTrue(Files.isRegularFile(jar), "no " + jar + ": package the functions first");
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                List<String> heavy = zip.stream().map(ZipEntry::getName)
                        .filter(n -> HEAVY_HTTP_CLIENTS.stream().anyMatch(n::startsWith)).limit(5).toList();
                assertTrue(heavy.isEmpty(), jar + " holds " + heavy
                        + ": exclude apache-client, apache5-client and netty-nio-client where the SDK is added");
            }
        }
    }
}
