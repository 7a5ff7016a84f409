package socialdesk.queuerunway;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import socialdesk.aws.priming.Priming;
import socialdesk.core.log.JsonLog;
import socialdesk.core.metrics.DeskMetrics;
import socialdesk.core.schedule.QueueRunway;

/**
 * Lambda entry point of {@code queue-runway}, invoked once a day by EventBridge Scheduler with the
 * schedule's Input, a scheduled event (see template.yaml): measures
 * each platform's runway, repeats evergreen posts into free slots, and puts {@code QueueRunningLow}
 * on the bus for a platform still short of its target. Answers one line per platform.
 */
public final class QueueRunwayHandler implements RequestHandler<ScheduledEvent, Map<String, Object>> {
    private final QueueRunway runway;
    /** Flushed at the end of every invocation. */
    private final DeskMetrics metrics;
    /** Kept: the CRaC context holds its resources weakly. Null when built by tests. */
    private final Priming priming;

    /** Used by Lambda: clients are built once per container and primed before a SnapStart snapshot. */
    public QueueRunwayHandler() {
        this(QueueRunwayWiring.fromEnvironment());
    }

    private QueueRunwayHandler(QueueRunwayWiring.Wired wired) {
        this.runway = wired.runway();
        this.metrics = wired.metrics();
        this.priming = wired.priming().register();
    }

    QueueRunwayHandler(QueueRunway runway) {
        this(runway, DeskMetrics.NONE);
    }

    QueueRunwayHandler(QueueRunway runway, DeskMetrics metrics) {
        this.runway = runway;
        this.metrics = metrics;
        this.priming = null;
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledEvent tick, Context context) {
        JsonLog.info("queue runway tick", "requestId", context == null ? null : context.getAwsRequestId(),
                "scheduledTime", tick == null || tick.getTime() == null ? null : tick.getTime().toString());
        List<QueueRunway.Report> reports;
        try {
            reports = runway.run();
        } finally {
            metrics.flush();
        }
        List<Map<String, Object>> platforms = reports.stream().map(r -> {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("platform", r.after().platform().id());
            line.put("runwayDays", r.after().days());
            line.put("targetDays", r.after().targetDays());
            line.put("queuedPosts", r.after().queuedPosts());
            line.put("nextFreeSlot", r.after().nextFreeSlot() == null ? null : r.after().nextFreeSlot().toString());
            line.put("evergreenQueued", r.evergreenQueued());
            line.put("alerted", r.alerted());
            return line;
        }).toList();
        return Map.of("platforms", platforms);
    }
}
