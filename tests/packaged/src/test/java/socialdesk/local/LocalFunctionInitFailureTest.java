package socialdesk.local;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import socialdesk.template.Template;

/**
 * A function that dies at init must say why: the publisher's real jar, started without one of the
 * variables it requires, fails to start with the init error and the child's own output in the
 * exception, and leaves no process behind.
 */
class LocalFunctionInitFailureTest {
    @Test
    void aMissingVariableIsNamedInTheStartFailure() {
        Path jar = Template.ROOT.resolve("functions/publish-due-posts/target/function.jar");
        assertTrue(Files.isRegularFile(jar), "build the function jar first: mvn -B -DskipTests -pl functions/publish-due-posts -am package");
        List<String> console = new ArrayList<>();
        LocalFunction.Spec spec = new LocalFunction.Spec("publish-due-posts", "socialdesk.publish.PublishDuePostsHandler::handleRequest",
                jar, LocalDesk.runtimeJars(Template.ROOT),
                // PLATFORM_CREDENTIALS_PATH left out on purpose.
                Map.of("TABLE_NAME", "t", "EVENT_BUS_NAME", "b", "AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:9"),
                512, Duration.ofSeconds(5), LocalFunction.Spec.currentJava(), LocalDesk.Options.DEFAULT_JVM_OPTIONS);
        LocalFunction function = new LocalFunction(spec, line -> {
            synchronized (console) {
                console.add(line);
            }
        });
        LocalFunction.InitFailedException e = assertThrows(LocalFunction.InitFailedException.class,
                () -> function.start(Duration.ofSeconds(60)));
        System.out.println(e.getMessage());
        assertTrue(e.getMessage().startsWith("publish-due-posts: "), e.getMessage());
        assertTrue(e.getMessage().contains("environment variable PLATFORM_CREDENTIALS_PATH is not set"), e.getMessage());
        assertFalse(function.isAlive(), "the child JVM is stopped");
        synchronized (console) {
            assertTrue(console.stream().anyMatch(l -> l.contains("PLATFORM_CREDENTIALS_PATH")), "the output also reached the console: " + console);
        }
    }

    @Test
    void theRuntimeClientLoadsItsJniLibraryFromAPrivateCopy() {
        // Not /tmp/.libaws-lambda-jni.so, which every runtime client rewrites as it starts: JVMs
        // starting together crashed there (SIGBUS, "runtime exited during init").
        Path lib = LocalFunction.nativeLibrary(LocalDesk.runtimeJars(Template.ROOT)).orElseThrow();
        assertTrue(Files.isRegularFile(lib), lib.toString());
        assertTrue(lib.getFileName().toString().equals(LocalFunction.nativeLibraryName()), lib.toString());
        assertFalse(lib.toString().equals("/tmp/.libaws-lambda-jni.so"));
        assertTrue(lib.equals(LocalFunction.nativeLibrary(LocalDesk.runtimeJars(Template.ROOT)).orElseThrow()), "extracted once");
    }
}
