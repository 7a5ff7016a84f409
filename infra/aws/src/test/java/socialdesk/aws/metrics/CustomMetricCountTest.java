package socialdesk.aws.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import socialdesk.aws.testing.EmfCapture;
import socialdesk.core.metrics.Metric;
import socialdesk.core.triage.Category;
import socialdesk.core.triage.Severity;

/**
 * How many CloudWatch custom metrics the desk's steady work makes (each one billed by the month,
 * for the hours it receives data): what every hour of the cost model's volume records, 5 platforms
 * publishing, comments of every category and severity, the credentials cache refilled, written
 * through the real EMF writer and counted from the lines as CloudWatch reads them. Rare events
 * (failures, blocked posts, refused requests) and the daily runway are billed only for the hours they
 * happen in and are counted separately in docs/performance-and-cost.md.
 */
class CustomMetricCountTest {
    private static final List<String> PLATFORMS = List.of("mastodon", "bluesky", "x", "linkedin", "facebook");

    @Test
    void anHourOfSteadyWorkFitsCloudWatchsTenFreeMetrics() {
        EmfCapture capture = new EmfCapture(Clock.fixed(Instant.parse("2026-12-06T05:00:00Z"), ZoneOffset.UTC));
        EmfMetrics metrics = capture.metrics();
        for (String platform : PLATFORMS) {
            metrics.count(Metric.POSTS_PUBLISHED, platform);
            metrics.add(Metric.PUBLISH_DELAY, 1500, platform);
        }
        for (Category category : Category.values()) {
            for (Severity severity : Severity.values()) {
                String categoryValue = category.name().toLowerCase(java.util.Locale.ROOT);
                metrics.count(Metric.COMMENTS_STORED, categoryValue, severity.wire());
                if (category.flagged() && severity != Severity.NONE) {
                    metrics.count(Metric.COMMENTS_FLAGGED, categoryValue, severity.wire());
                }
            }
        }
        metrics.count(Metric.SECRETS_CACHE_MISSES);
        metrics.flush();

        Set<String> published = capture.cloudWatchMetrics();
        Set<String> everySplit = new TreeSet<>();
        capture.values().forEach(v -> everySplit.add(v.name() + " " + v.dimensions()));
        System.out.printf("custom metrics of an hour of steady work: %d published (%s); %d if every recorded dimension were published%n",
                published.size(), published, everySplit.size());

        assertEquals(Set.of("CommentsFlagged severity=high", "CommentsFlagged severity=low", "CommentsFlagged severity=medium",
                "CommentsStored", "PostsPublished", "PublishDelay", "SecretsCacheMisses"), published);
        assertTrue(published.size() <= 10, "over CloudWatch's ten always-free custom metrics: " + published);
    }
}
