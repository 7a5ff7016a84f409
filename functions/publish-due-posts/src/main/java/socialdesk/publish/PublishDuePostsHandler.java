package socialdesk.publish;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import socialdesk.aws.priming.Priming;
import socialdesk.core.json.Json;
import socialdesk.core.json.JsonException;
import socialdesk.core.json.JsonRead;
import socialdesk.core.log.JsonLog;
import socialdesk.core.metrics.DeskMetrics;
import socialdesk.core.publish.DuePostPublisher;
import socialdesk.core.publish.RunReport;

/**
 * Lambda entry point of {@code publish-due-posts}, invoked every minute by EventBridge Scheduler:
 * publishes what is due and answers a summary of the run.
 */
public final class PublishDuePostsHandler implements RequestStreamHandler {
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
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String scheduledTime = scheduledTime(new String(input.readAllBytes(), StandardCharsets.UTF_8));
        JsonLog.info("publish tick", "requestId", context.getAwsRequestId(), "scheduledTime", scheduledTime);
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
        output.write(Json.write(summary).getBytes(StandardCharsets.UTF_8));
    }

    /** The tick's scheduled time, for the log; any payload still runs the publisher, since the schedule is the trigger. */
    private static String scheduledTime(String payload) {
        try {
            return JsonRead.string(Json.parse(payload), "time");
        } catch (JsonException e) {
            JsonLog.warn("tick payload is not JSON; publishing anyway", "error", e.getMessage());
            return null;
        }
    }
}
