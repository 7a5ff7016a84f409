package socialdesk.core.reply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import socialdesk.core.engagement.Author;
import socialdesk.core.engagement.Comment;
import socialdesk.core.engagement.CommentKind;
import socialdesk.core.engagement.CommentVerdict;
import socialdesk.core.engagement.StoredComment;
import socialdesk.core.metrics.DeskMetrics;
import socialdesk.core.post.Platform;

/** The response-time figures on a scripted timeline. */
class ResponseTimesTest {
    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

    private static TrackedComment comment(Platform platform, String severity, Instant at, CommentState state, Instant stateAt) {
        StoredComment stored = new StoredComment("p", platform, "r", new Comment("c", CommentKind.COMMENT, Author.UNKNOWN, "t", null, at),
                new CommentVerdict("CONCERN", severity, true, "en", List.of(), "REPLY", "sorry"), false);
        return new TrackedComment(stored, state, stateAt, "ana", null, false);
    }

    private static TrackedComment answeredAfter(Platform platform, String severity, Duration after) {
        Instant at = NOW.minus(Duration.ofDays(1));
        return comment(platform, severity, at, CommentState.ANSWERED, at.plus(after));
    }

    @Test
    void nearestRankPercentiles() {
        List<Duration> ten = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            ten.add(Duration.ofMinutes(i));
        }
        assertEquals(Duration.ofMinutes(5), ResponseTimes.percentile(ten, 50));
        assertEquals(Duration.ofMinutes(9), ResponseTimes.percentile(ten, 90));
        assertEquals(Duration.ofMinutes(1), ResponseTimes.percentile(List.of(Duration.ofMinutes(1)), 90));
        assertNull(ResponseTimes.percentile(List.of(), 50));
    }

    @Test
    void figuresPerSeverityAndPlatformWithTheWaitingOnes() {
        List<TrackedComment> answered = List.of(
                answeredAfter(Platform.X, "high", Duration.ofMinutes(12)),
                answeredAfter(Platform.X, "high", Duration.ofMinutes(48)),
                answeredAfter(Platform.BLUESKY, "high", Duration.ofMinutes(6)),
                answeredAfter(Platform.BLUESKY, "low", Duration.ofHours(5)));
        List<TrackedComment> waiting = List.of(
                comment(Platform.X, "high", NOW.minus(Duration.ofMinutes(75)), CommentState.NEW, null),
                comment(Platform.THREADS, "medium", NOW.minus(Duration.ofMinutes(10)), CommentState.NEW, null));

        List<ResponseTimes.Figures> figures = ResponseTimes.summarise(answered, waiting, NOW);

        assertEquals(List.of("high all", "high bluesky", "high x", "medium all", "medium threads", "low all", "low bluesky"),
                figures.stream().map(f -> f.severity() + " " + f.platform()).toList());
        ResponseTimes.Figures highAll = figures.getFirst();
        assertEquals(new ResponseTimes.Figures("high", "all", 3, Duration.ofMinutes(12), Duration.ofMinutes(48), 1,
                Duration.ofMinutes(75)), highAll);
        assertEquals(new ResponseTimes.Figures("medium", "threads", 0, null, null, 1, Duration.ofMinutes(10)), figures.get(4));
    }

    @Test
    void recordsTheOldestWaitingHighSeverityAgeForTheAlarm() {
        List<String> recorded = new ArrayList<>();
        DeskMetrics metrics = (metric, value, dims) -> recorded.add(metric.metricName() + " " + String.join(",", dims) + "=" + (long) value);

        ResponseTimes.recordOldestWaiting(List.of(
                comment(Platform.X, "high", NOW.minus(Duration.ofMinutes(90)), CommentState.NEW, null),
                comment(Platform.X, "high", NOW.minus(Duration.ofMinutes(5)), CommentState.NEW, null),
                comment(Platform.X, "low", NOW.minus(Duration.ofMinutes(2)), CommentState.NEW, null)), NOW, metrics);

        assertEquals(List.of("OldestWaitingComment high=5400"), recorded);
    }

    @Test
    void recordsZeroWhenNoHighSeverityCommentWaitsSoTheAlarmClears() {
        List<String> recorded = new ArrayList<>();
        DeskMetrics metrics = (metric, value, dims) -> recorded.add(metric.metricName() + " " + String.join(",", dims) + "=" + (long) value);

        ResponseTimes.recordOldestWaiting(List.of(comment(Platform.X, "low", NOW.minus(Duration.ofMinutes(2)), CommentState.NEW, null)),
                NOW, metrics);

        assertEquals(List.of("OldestWaitingComment high=0"), recorded);
    }
}
