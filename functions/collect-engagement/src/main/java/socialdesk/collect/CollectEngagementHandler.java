package socialdesk.collect;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import socialdesk.core.engagement.polling.EngagementPolling;
import socialdesk.core.engagement.polling.NotificationSource;
import socialdesk.core.engagement.polling.PollReport;
import socialdesk.aws.priming.Priming;
import socialdesk.core.json.Json;
import socialdesk.core.json.JsonException;
import socialdesk.core.json.JsonRead;
import socialdesk.core.log.JsonLog;
import socialdesk.core.metrics.DeskMetrics;

/**
 * Lambda entry point of {@code collect-engagement}, invoked every 15 minutes by EventBridge
 * Scheduler: polls the platforms that have no webhooks (Mastodon, Bluesky) from their stored
 * cursors and stores what they report. Answers one line per platform.
 */
public final class CollectEngagementHandler implements RequestStreamHandler {
    /** What the handler works with: the poller, the accounts configured right now, and its SnapStart hooks. */
    record Wiring(EngagementPolling polling, Supplier<List<NotificationSource>> sources, Priming priming,
                  DeskMetrics metrics) {
    }

    private final EngagementPolling polling;
    private final Supplier<List<NotificationSource>> sources;
    /** Flushed at the end of every invocation. */
    private final DeskMetrics metrics;
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
        this.priming = wiring.priming().register();
    }

    CollectEngagementHandler(EngagementPolling polling, Supplier<List<NotificationSource>> sources) {
        this(polling, sources, DeskMetrics.NONE);
    }

    CollectEngagementHandler(EngagementPolling polling, Supplier<List<NotificationSource>> sources, DeskMetrics metrics) {
        this.polling = polling;
        this.sources = sources;
        this.metrics = metrics;
        this.priming = null;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String payload = new String(input.readAllBytes(), StandardCharsets.UTF_8);
        String scheduledTime = null;
        try {
            scheduledTime = JsonRead.string(Json.parse(payload), "time");
        } catch (JsonException e) {
            JsonLog.warn("tick payload is not JSON; polling anyway", "error", e.getMessage());
        }
        String requestId = context == null ? null : context.getAwsRequestId();
        JsonLog.info("collect engagement tick", "requestId", requestId, "scheduledTime", scheduledTime);
        List<PollReport> reports;
        try {
            reports = polling.run(sources.get(),
                    () -> context == null ? Long.MAX_VALUE : context.getRemainingTimeInMillis());
        } finally {
            metrics.flush();
        }
        List<Map<String, Object>> platforms = reports.stream().map(r -> {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("platform", r.platform().id());
            line.put("pages", r.pages());
            line.put("events", r.events());
            line.put("stored", r.ingested().stored());
            line.put("duplicates", r.ingested().duplicates());
            line.put("flagged", r.ingested().flagged());
            line.put("cursorAdvanced", r.cursorAdvanced());
            line.put("stoppedBy", r.stoppedBy());
            return line;
        }).toList();
        output.write(Json.write(Map.of("platforms", platforms)).getBytes(StandardCharsets.UTF_8));
    }
}
