package socialdesk.local;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The cold-start benchmark. The full run (5 JVMs per function, 50 warm invokes) is excluded from the
 * default build and started with the command in docs/performance-and-cost.md; a short run (1 JVM, 5 invokes) is part
 * of the suite, so every function jar is proved to start and answer its sample event through the
 * runtime client, and the benchmark cannot rot. Needs the function jars and Node.js.
 */
class ColdStartBenchmarkTest {

    @Test
    void shortRunStartsEveryFunctionJarAndAnswersItsSampleEvent() {
        ColdStartBenchmark.Result result = ColdStartBenchmark.run(1, 5);

        System.out.print(result.describe());
        assertTrue(result.row("posts-api").firstResponse().contains("\"statusCode\":200"), result.row("posts-api").firstResponse());
        assertTrue(result.row("platform-webhook").firstResponse().contains("\"statusCode\":200"),
                result.row("platform-webhook").firstResponse());
        assertTrue(result.row("publish-due-posts").firstResponse().contains("\"published\""), result.row("publish-due-posts").firstResponse());
        assertTrue(result.row("hello-world").firstResponse().contains("world"));
        result.rows().forEach(r -> assertTrue(r.coldMs() > 0 && r.warmP50Ms() > 0, r.toString()));
    }

    @Test
    @Tag("benchmark")
    void fullRun() {
        int jvms = Integer.getInteger("bench.jvms", 5);
        int invokes = Integer.getInteger("bench.invokes", 50);

        System.out.print(ColdStartBenchmark.run(jvms, invokes).describe());
    }
}
