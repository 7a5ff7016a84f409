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
    /** Lambda's figure is not the point; small jars load faster. 6 MB taken as 6,000,000 bytes, the stricter reading. */
    static final long MAX_JAR_BYTES = 6_000_000;
    private static final String SDK_PACKAGES = "software/amazon/awssdk/";

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
     * The functions speak to AWS through infra/aws's own client; the SDK's setup was most of their
     * cold start. A dependency that pulls any SDK artifact back in fails here, whatever the shading.
     */
    @Test
    void noFunctionJarHoldsAnyOfTheAwsSdk() throws IOException {
        for (Path jar : jars()) {
            assertTrue(Files.isRegularFile(jar), "no " + jar + ": package the functions first");
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                List<String> sdk = zip.stream().map(ZipEntry::getName).filter(n -> n.startsWith(SDK_PACKAGES)).limit(5).toList();
                assertTrue(sdk.isEmpty(), jar + " holds AWS SDK classes, such as " + sdk
                        + ": see which dependency brings them with mvn dependency:tree -Dincludes=software.amazon.awssdk");
            }
        }
    }
}
