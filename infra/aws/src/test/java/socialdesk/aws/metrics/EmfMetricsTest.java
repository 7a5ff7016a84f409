package socialdesk.aws.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import socialdesk.aws.testing.EmfCapture;
import socialdesk.core.json.JsonRead;
import socialdesk.core.metrics.Metric;

class EmfMetricsTest {
    private static final Instant NOW = Instant.parse("2026-12-06T03:00:00Z");
    private final EmfCapture capture = new EmfCapture(Clock.fixed(NOW, ZoneOffset.UTC));
    private final EmfMetrics metrics = capture.metrics();

    @Test
    void primingWritesNoLineToStandardOutput() {
        // A line written while priming would be a metric CloudWatch counts: a post published that never was.
        PrintStream standardOutput = System.out;
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        System.setOut(new PrintStream(written, true, StandardCharsets.UTF_8));
        try {
            EmfMetrics.primeWithoutWriting();
        } finally {
            System.setOut(standardOutput);
        }

        assertEquals("", written.toString(StandardCharsets.UTF_8));
    }

    @Test
    void writesOneDocumentPerDimensionValuesWithCountsSummed() {
        metrics.count(Metric.POSTS_PUBLISHED, "mastodon");
        metrics.count(Metric.POSTS_PUBLISHED, "mastodon");
        metrics.count(Metric.POSTS_PUBLISHED, "x");
        metrics.add(Metric.PUBLISH_DELAY, 1200, "mastodon");
        metrics.add(Metric.PUBLISH_DELAY, 800, "mastodon");

        metrics.flush();

        List<Map<String, Object>> docs = capture.documents();
        assertEquals(2, docs.size());
        Map<String, Object> mastodon = docs.getFirst();
        assertEquals(NOW.toEpochMilli(), JsonRead.integer(mastodon, "_aws", "Timestamp"));
        assertEquals("mastodon", mastodon.get("platform"));
        assertEquals(2.0, ((Number) mastodon.get("PostsPublished")).doubleValue());
        assertEquals(List.of(1200.0, 800.0), ((List<?>) mastodon.get("PublishDelay")).stream()
                .map(v -> ((Number) v).doubleValue()).toList());
        assertEquals(List.of(Map.of("Name", "PostsPublished", "Unit", "Count"), Map.of("Name", "PublishDelay", "Unit", "Milliseconds")),
                JsonRead.list(JsonRead.list(mastodon, "_aws", "CloudWatchMetrics").getFirst(), "Metrics"));
        assertEquals(List.of(1.0), capture.valuesOf("PostsPublished", Map.of("platform", "x")));
    }

    @Test
    void publishesTheMetricsDimensionSetsAndKeepsEveryRecordedValueInTheLine() {
        metrics.count(Metric.COMMENTS_FLAGGED, "abuse", "high");
        metrics.count(Metric.POSTS_FAILED, "x");

        metrics.flush();

        EmfCapture.Value flagged = capture.values().stream().filter(v -> v.name().equals("CommentsFlagged")).findFirst().orElseThrow();
        assertEquals(List.of(List.of("severity")), flagged.dimensionSets());
        assertEquals(Map.of("category", "abuse", "severity", "high"), flagged.dimensions());
        assertEquals("abuse", capture.documents().stream().filter(d -> d.containsKey("CommentsFlagged")).findFirst().orElseThrow()
                .get("category"), "the category stays in the line for Logs Insights");
        EmfCapture.Value failed = capture.values().stream().filter(v -> v.name().equals("PostsFailed")).findFirst().orElseThrow();
        assertEquals(List.of(List.of("platform"), List.of()), failed.dimensionSets());
    }

    @Test
    void aMetricWithoutDimensionsGoesOnALineOfItsOwn() {
        metrics.count(Metric.SECRETS_CACHE_MISSES);
        metrics.count(Metric.SECRETS_CACHE_MISSES);

        metrics.flush();

        Map<String, Object> doc = capture.documents().getFirst();
        assertEquals(List.of(List.of()), JsonRead.at(JsonRead.list(doc, "_aws", "CloudWatchMetrics").getFirst(), "Dimensions"));
        assertEquals(2.0, ((Number) doc.get("SecretsCacheMisses")).doubleValue());
    }

    @Test
    void splitsMoreThanAHundredValuesOverLines() {
        for (int i = 0; i < 250; i++) {
            metrics.add(Metric.PUBLISH_DELAY, i, "bluesky");
        }

        metrics.flush();

        List<Integer> sizes = capture.documents().stream().map(d -> ((List<?>) d.get("PublishDelay")).size()).toList();
        assertEquals(List.of(100, 100, 50), sizes);
    }

    @Test
    void flushWritesOnlyWhatWasRecordedSinceTheLastFlush() {
        metrics.count(Metric.POSTS_BLOCKED, "x");
        metrics.flush();
        metrics.flush();

        assertEquals(1, capture.documents().size());
        assertEquals(List.of(1.0), capture.valuesOf("PostsBlocked", Map.of("platform", "x")));
    }

    @Test
    void aMissingDimensionValueIsWrittenAsUnknownRatherThanFailingTheCaller() {
        metrics.count(Metric.WEBHOOK_REQUESTS_REJECTED, (String) null);

        metrics.flush();

        assertEquals(List.of(1.0), capture.valuesOf("WebhookRequestsRejected", Map.of("reason", "unknown")));
    }

    @Test
    void refusesValuesThatDoNotMatchTheMetricsDimensions() {
        assertThrows(IllegalArgumentException.class, () -> metrics.count(Metric.POSTS_PUBLISHED));
    }
}
