package socialdesk.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The webhook benchmark. The full run is excluded from the default build (tag {@code benchmark})
 * and started with the command in docs/performance-and-cost.md; a short run is part of the suite so it cannot rot.
 */
class WebhookBenchmarkTest {

    @Test
    void shortRunStoresEveryCommentAndReportsItsFigures() throws Exception {
        WebhookBenchmark.Result result = WebhookBenchmark.run(80, 4);

        assertEquals(30, result.deliveries());
        assertTrue(result.requestsPerComment() > 0);
        // The budget: at most 3 DynamoDB requests per new comment (3 for a flagged one, 2 for the rest).
        assertTrue(result.requestsPerComment() <= 3.0, result::describe);
        System.out.print(result.describe());
    }

    @Test
    @Tag("benchmark")
    void fullRun() throws Exception {
        int deliveries = Integer.getInteger("bench.deliveries", 3000);
        int threads = Integer.getInteger("bench.threads", 16);

        System.out.print(WebhookBenchmark.run(deliveries, threads).describe());
    }
}
