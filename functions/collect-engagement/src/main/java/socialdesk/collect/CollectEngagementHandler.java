package socialdesk.collect;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import socialdesk.core.engagement.polling.EngagementPolling;
import socialdesk.core.engagement.polling.NotificationSource;
import socialdesk.core.engagement.polling.PollReport;
import socialdesk.aws.priming.Priming;
import socialdesk.core.log.JsonLog;
import socialdesk.core.metrics.DeskMetrics;

/**
 * Lambda entry point of {@code collect-engagement}, invoked every 15 minutes by EventBridge
 * Scheduler with the schedule's Input, a scheduled event (see template.yaml): polls the platforms that have no webhooks (Mastodon, Bluesky) from their stored
 * cursors and stores what they report, then records how long the oldest unanswered flagged
 * comment of each severity has waited. Answers one line per platform.
 */
public final class CollectEngagementHandler implements RequestHandler<ScheduledEvent, Map<String, Object>> {
    /** What the handler works with: the poller, the accounts configured right now, and its SnapStart hooks. */
    record Wiring(EngagementPolling polling, Supplier<List<NotificationSource>> sources, Priming priming,
                  DeskMetrics metrics, Runnable responseTimeCheck) {
    }

    private final EngagementPolling polling;
    private final Supplier<List<NotificationSource>> sources;
    /** Flushed at the end of every invocation. */
    private final DeskMetrics metrics;
    /** Records how long the oldest unanswered flagged comments have waited: the response-time alarm's figure. */
    private final Runnable responseTimeCheck;
    /** Kept: the CRaC context holds its resources weakly. Null when built by tests. */
    private final Priming priming;

    /**
     * Used by Lambda: clients are built once per container and primed before a SnapStart snapshot;
     * credentials are read on the first run.
     */
    public CollectEngagementHandler() {
        this(CollectEngagementWiring.fromEnvironment());
    }

    private CollectEngagementHandler(Wiring wiring) {
        this.polling = wiring.polling();
        this.sources = wiring.sources();
        this.metrics = wiring.metrics();
        this.responseTimeCheck = wiring.responseTimeCheck();
        this.priming = wiring.priming().register();
    }

    CollectEngagementHandler(EngagementPolling polling, Supplier<List<NotificationSource>> sources) {
        this(polling, sources, DeskMetrics.NONE);
    }

    CollectEngagementHandler(EngagementPolling polling, Supplier<List<NotificationSource>> sources, DeskMetrics metrics) {
        this(polling, sources, metrics, () -> { });
    }

    CollectEngagementHandler(EngagementPolling polling, Supplier<List<NotificationSource>> sources, DeskMetrics metrics,
                             Runnable responseTimeCheck) {
        this.polling = polling;
        this.sources = sources;
        this.metrics = metrics;
        this.responseTimeCheck = responseTimeCheck;
        this.priming = null;
    }

    /** A failed check is logged: it must not fail the collection (the alarm treats a missing figure as fine). */
    private void checkResponseTimes() {
        try {
            responseTimeCheck.run();
        } catch (RuntimeException e) {
            JsonLog.error("response-time check failed", "error", e.getClass().getSimpleName(), "detail", String.valueOf(e.getMessage()));
        }
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledEvent tick, Context context) {
        String requestId = context == null ? null : context.getAwsRequestId();
        JsonLog.info("collect engagement tick", "requestId", requestId,
                "scheduledTime", tick == null || tick.getTime() == null ? null : tick.getTime().toString());
        List<PollReport> reports;
        try {
            reports = polling.run(sources.get(),
                    () -> context == null ? Long.MAX_VALUE : context.getRemainingTimeInMillis());
        } finally {
            checkResponseTimes();
            metrics.flush();
        }
        List<Map<String, Object>> platforms = reports.stream().map(r -> {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("platform", r.platform().id());
            line.put("pages", r.pages());
            line.put("events", r.events());
            line.put("stored", r.ingested().stored());
            line.put("duplicates", r.ingested().unchanged());
            line.put("flagged", r.ingested().flagged());
            line.put("cursorAdvanced", r.cursorAdvanced());
            line.put("stoppedBy", r.stoppedBy());
            return line;
        }).toList();
        return Map.of("platforms", platforms);
    }
}
