package socialdesk.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The cold-start benchmark. The full run (5 JVMs per function, 50 warm invokes) is excluded from the
 * default build and started with the command in docs/performance-and-cost.md; a short run (1 JVM, 5 invokes) is part
 * of the suite, so every function jar is proved to start and answer its sample event through the
 * runtime client, its priming hooks to run as SnapStart runs them and to leave fewer than 100 classes
 * to its first invoke, and the benchmark cannot rot. Timings are printed, never asserted. Needs the
 * function jars and Node.js.
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
        assertTrue(result.row(ColdStartBenchmark.BASELINE).firstResponse().contains("\"found\":false"),
                result.row(ColdStartBenchmark.BASELINE).firstResponse());
        result.rows().forEach(r -> assertTrue(r.coldMs() > 0 && r.warmP50Ms() > 0, r.toString()));
        for (String function : ColdStartBenchmark.FUNCTIONS) {
            ColdStartBenchmark.Row row = result.row(function);
            // The priming hooks ran in the SnapStart-like JVM, and its first invoke answered as the plain one did.
            assertTrue(row.primed().primingSteps() != null, function + " ran no priming hooks");
            assertEquals(statusOf(row.firstResponse()), statusOf(row.primed().response()), function);
            // Class loading is deterministic for a given jar and event (33-85 today): priming that stops covering a path shows here.
            assertTrue(row.primed().classesLoaded().size() < ColdStartBenchmark.MAX_CLASSES_AFTER_PRIMING,
                    () -> function + "'s first invoke after priming loaded " + row.primed().classesLoaded().size() + " classes: "
                            + row.primed().byPackage());
        }
    }

    /** A function URL answer's status code, or the whole answer of a function that has none. */
    private static String statusOf(String response) {
        int at = response.indexOf("\"statusCode\":");
        return at < 0 ? response : response.substring(at, Math.min(response.length(), at + 16));
    }

    @Test
    @Tag("benchmark")
    void fullRun() {
        int jvms = Integer.getInteger("bench.jvms", 5);
        int invokes = Integer.getInteger("bench.invokes", 50);

        System.out.print(ColdStartBenchmark.run(jvms, invokes).describe());
    }
}
