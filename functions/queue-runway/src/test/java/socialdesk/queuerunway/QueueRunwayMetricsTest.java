package socialdesk.queuerunway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import socialdesk.aws.dynamo.DynamoCadenceStore;
import socialdesk.aws.dynamo.DynamoPostStore;
import socialdesk.aws.testing.Dynalite;
import socialdesk.aws.testing.EmfCapture;
import socialdesk.core.metrics.Metric;
import socialdesk.core.post.Platform;
import socialdesk.core.post.Post;
import socialdesk.core.post.PostContent;
import socialdesk.core.post.PostStatus;
import socialdesk.core.schedule.Cadence;
import socialdesk.core.schedule.QueueRunway;
import socialdesk.core.schedule.SlotRule;

/** The runway run's metrics as CloudWatch would read them, over the real stores (dynalite on loopback). */
class QueueRunwayMetricsTest {
    /** Monday 30 November 2026, 07:00 in Ho Chi Minh City. */
    private static final Instant NOW = Instant.parse("2026-11-30T00:00:00Z");

    private final EmfCapture emf = new EmfCapture(Clock.fixed(NOW, ZoneOffset.UTC));
    private DynamoPostStore posts;
    private DynamoCadenceStore cadences;
    private QueueRunwayHandler handler;

    @BeforeEach
    void freshTable() {
        Dynalite dynalite = Dynalite.shared();
        String table = dynalite.createTable();
        posts = new DynamoPostStore(dynalite.client(), table);
        cadences = new DynamoCadenceStore(dynalite.client(), table);
        handler = new QueueRunwayHandler(new QueueRunway(posts, cadences, events -> { }, Clock.fixed(NOW, ZoneOffset.UTC),
                emf.metrics()), emf.metrics());
    }

    @Test
    void recordsEachPlatformsRunwayAndHowManyAreStillShort() {
        cadences.put(weekdays(Platform.MASTODON));
        cadences.put(weekdays(Platform.BLUESKY));
        // Mastodon: Monday 09:00, 13:30 and Tuesday 09:00 filled (1.2 days); Bluesky: every slot for five days.
        queue("m1", "2026-11-30T02:00:00Z", Platform.MASTODON);
        queue("m2", "2026-11-30T06:30:00Z", Platform.MASTODON);
        queue("m3", "2026-12-01T02:00:00Z", Platform.MASTODON);
        int i = 0;
        for (Instant slot : weekdays(Platform.BLUESKY).slotsBetween(NOW, NOW.plus(Duration.ofDays(5)))) {
            queue("b" + i++, slot.toString(), Platform.BLUESKY);
        }

        invoke();

        assertEquals(List.of(1.2), emf.valuesOf(Metric.QUEUE_RUNWAY_DAYS.metricName(), Map.of("platform", "mastodon")));
        assertEquals(1, emf.valuesOf(Metric.QUEUE_RUNWAY_DAYS.metricName(), Map.of("platform", "bluesky")).size());
        assertTrue(emf.valuesOf(Metric.QUEUE_RUNWAY_DAYS.metricName(), Map.of("platform", "bluesky")).getFirst() >= 3);
        assertEquals(List.of(1.0), emf.valuesOf(Metric.QUEUES_RUNNING_LOW.metricName(), Map.of()));
        assertEquals("None", emf.values().stream()
                .filter(v -> v.name().equals(Metric.QUEUE_RUNWAY_DAYS.metricName())).findFirst().orElseThrow().unit());
    }

    @Test
    void aRunWithoutCadencesReportsNoQueueShort() {
        invoke();

        assertEquals(List.of(0.0), emf.valuesOf(Metric.QUEUES_RUNNING_LOW.metricName(), Map.of()));
    }

    private static Cadence weekdays(Platform platform) {
        return new Cadence(platform, ZoneId.of("Asia/Ho_Chi_Minh"), List.of(new SlotRule(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                List.of(LocalTime.of(9, 0), LocalTime.of(13, 30)))), 3, 30);
    }

    private void queue(String id, String at, Platform platform) {
        assertTrue(posts.create(new Post(id, new PostContent("Queued " + id, null), List.of(platform), Instant.parse(at),
                PostStatus.QUEUED, 1, NOW.minus(Duration.ofDays(1)))));
    }

    private void invoke() {
        handler.handleRequest(EventLoader.loadScheduledEvent("events/queue-runway-tick.json"), null);
    }
}
