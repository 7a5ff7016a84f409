package socialdesk.publish;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import socialdesk.aws.priming.Priming;
import socialdesk.core.log.JsonLog;
import socialdesk.core.metrics.DeskMetrics;
import socialdesk.core.publish.DuePostPublisher;
import socialdesk.core.publish.RunReport;

/**
 * Lambda entry point of {@code publish-due-posts}, invoked every minute by EventBridge Scheduler
 * with the schedule's Input, a scheduled event (see template.yaml): publishes what is due and
 * answers a summary of the run. The tick only says "look now", so its content is logged, not used.
 */
public final class PublishDuePostsHandler implements RequestHandler<ScheduledEvent, Map<String, Object>> {
    private final DuePostPublisher publisher;
    /** Flushed at the end of every invocation. */
    private final DeskMetrics metrics;
    /** Kept: the CRaC context holds its resources weakly. Null when built by tests. */
    private final Priming priming;

    /**
     * Used by Lambda: clients are built once per container and primed before a SnapStart snapshot;
     * credentials are read on the first tick.
     */
    public PublishDuePostsHandler() {
        this(PublisherWiring.fromEnvironment());
    }

    private PublishDuePostsHandler(PublisherWiring.Wired wired) {
        this.publisher = wired.publisher();
        this.metrics = wired.metrics();
        this.priming = wired.priming().register();
    }

    public PublishDuePostsHandler(DuePostPublisher publisher) {
        this(publisher, DeskMetrics.NONE);
    }

    public PublishDuePostsHandler(DuePostPublisher publisher, DeskMetrics metrics) {
        this.publisher = publisher;
        this.metrics = metrics;
        this.priming = null;
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledEvent tick, Context context) {
        JsonLog.info("publish tick", "requestId", context.getAwsRequestId(),
                "scheduledTime", tick == null || tick.getTime() == null ? null : tick.getTime().toString());
        RunReport report;
        try {
            report = publisher.run(context.getAwsRequestId(), () -> context.getRemainingTimeInMillis());
        } finally {
            metrics.flush();
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("due", report.due());
        summary.put("claimed", report.claimed());
        summary.put("published", report.published());
        summary.put("retrying", report.retrying());
        summary.put("blocked", report.blocked());
        summary.put("failed", report.failed());
        summary.put("deferred", report.deferred());
        return summary;
    }
}
