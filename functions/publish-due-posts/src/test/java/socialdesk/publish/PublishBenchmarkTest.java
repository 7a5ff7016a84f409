package socialdesk.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The publishing benchmark. The full run is excluded from the default build and started with the
 * command in docs/performance-and-cost.md; a short run is part of the suite so the benchmark cannot rot.
 */
class PublishBenchmarkTest {

    @Test
    void shortRunPublishesEverythingAndReportsItsFigures() {
        PublishBenchmark.Result result = PublishBenchmark.run(40, Duration.ofMillis(5));

        assertEquals(80, result.deliveries());
        assertTrue(result.dynamoRequests().containsKey("UpdateItem"));
        // The budget: at most 3 DynamoDB requests per delivery, the outbox take-off included.
        assertTrue(result.requestsPerDeliveryBesidesRuns() <= 3.0, result::describe);
        System.out.print(result.describe());
    }

    @Test
    @Tag("benchmark")
    void fullRun() {
        int posts = Integer.getInteger("bench.posts", 2000);
        long latency = Long.getLong("bench.latencyMs", 50);

        System.out.print(PublishBenchmark.run(posts, Duration.ofMillis(latency)).describe());
    }
}
