package socialdesk.webhook;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import socialdesk.aws.priming.Priming;
import socialdesk.core.json.Json;
import socialdesk.core.json.JsonException;
import socialdesk.core.json.JsonRead;
import socialdesk.core.log.JsonLog;
import socialdesk.core.metrics.DeskMetrics;
import socialdesk.core.metrics.Metric;

/**
 * Lambda entry point of {@code platform-webhook}, behind a function URL (AuthType NONE: every
 * delivery is authenticated by its platform signature). Translates the function URL event
 * (payload format 2.0) into a {@link WebhookRequest}, lets {@link PlatformWebhooks} answer it, and
 * writes the function URL response. A caller never sees an exception's text: an unexpected
 * failure is logged once and answered 500 so the platform retries.
 */
public final class PlatformWebhookHandler implements RequestStreamHandler {
    /** Largest function URL event read; the body limit is far below it, the rest is headers. */
    private static final int MAX_EVENT_BYTES = 6 * 1024 * 1024;

    /** A request to no route: the handler's parsing and response paths, answered 404 before any secret or store. */
    static final String PRIMING_EVENT = """
            {"version":"2.0","rawPath":"/webhooks/priming","rawQueryString":"a=1","headers":{"content-type":"application/json"},\
            "requestContext":{"http":{"method":"POST","path":"/webhooks/priming"}},"body":"{}","isBase64Encoded":false}""";

    private final PlatformWebhooks webhooks;
    /** Counts refused requests per reason; flushed at the end of every invocation. */
    private final DeskMetrics metrics;
    /** Kept: the CRaC context holds its resources weakly. Null when built by tests. */
    private final Priming priming;

    /**
     * Used by Lambda: AWS clients are built once per container and primed before a SnapStart
     * snapshot; secrets are read on first use, never at init or in priming.
     */
    public PlatformWebhookHandler() {
        this(WebhookWiring.fromEnvironment());
    }

    private PlatformWebhookHandler(WebhookWiring.Wired wired) {
        this.webhooks = wired.webhooks();
        this.metrics = wired.metrics();
        // Primed through a handler without metrics: the priming request's 404 is not a real refusal.
        this.priming = withHandlerStep(wired.priming(), new PlatformWebhookHandler(webhooks)).build().register();
    }

    PlatformWebhookHandler(PlatformWebhooks webhooks) {
        this(webhooks, DeskMetrics.NONE);
    }

    PlatformWebhookHandler(PlatformWebhooks webhooks, DeskMetrics metrics) {
        this.webhooks = webhooks;
        this.metrics = metrics;
        this.priming = null;
    }

    /** Adds the no-route request to the clients' priming steps. */
    static Priming.Builder withHandlerStep(Priming.Builder priming, PlatformWebhookHandler handler) {
        return priming.prime("handler POST /webhooks/priming (404)", () -> {
            try {
                handler.handleRequest(new java.io.ByteArrayInputStream(PRIMING_EVENT.getBytes(StandardCharsets.UTF_8)),
                        OutputStream.nullOutputStream(), null);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String requestId = context == null ? null : context.getAwsRequestId();
        WebhookResponse response;
        try {
            byte[] event = input.readNBytes(MAX_EVENT_BYTES + 1);
            if (event.length > MAX_EVENT_BYTES) {
                response = WebhookResponse.error(413, "too_large", "request too large");
            } else {
                WebhookRequest request = toRequest(new String(event, StandardCharsets.UTF_8));
                response = request == null
                        ? WebhookResponse.error(400, "malformed", "not a function URL request")
                        : webhooks.handle(request, requestId);
            }
        } catch (RuntimeException e) {
            JsonLog.error("webhook failed", "requestId", requestId, "error", e.getClass().getName());
            response = WebhookResponse.error(500, "internal", "temporary failure; retry later");
        }
        if (response.status() >= 400) {
            JsonLog.info("webhook answered", "requestId", requestId, "status", response.status());
        }
        if (response.status() >= 400 && response.status() < 500) {
            metrics.count(Metric.WEBHOOK_REQUESTS_REJECTED, response.errorCode());
        }
        try {
            output.write(response.toFunctionUrlJson().getBytes(StandardCharsets.UTF_8));
        } finally {
            metrics.flush();
        }
    }

    /** The request in a function URL event, or null when the event is not one. */
    static WebhookRequest toRequest(String eventJson) {
        Object event;
        try {
            event = Json.parse(eventJson);
        } catch (JsonException e) {
            return null;
        }
        String method = JsonRead.string(event, "requestContext", "http", "method");
        String path = JsonRead.string(event, "rawPath");
        if (method == null || path == null) {
            return null;
        }
        Map<String, String> headers = new HashMap<>();
        Map<String, Object> rawHeaders = JsonRead.object(event, "headers");
        if (rawHeaders != null) {
            rawHeaders.forEach((k, v) -> {
                if (v instanceof String s) {
                    headers.put(k.toLowerCase(Locale.ROOT), s);
                }
            });
        }
        Map<String, String> query = new HashMap<>();
        Map<String, Object> params = JsonRead.object(event, "queryStringParameters");
        if (params != null) {
            params.forEach((k, v) -> {
                if (v instanceof String s) {
                    query.put(k, s);
                }
            });
        } else {
            parseQuery(JsonRead.string(event, "rawQueryString"), query);
        }
        Boolean base64 = JsonRead.bool(event, "isBase64Encoded");
        return new WebhookRequest(method.toUpperCase(Locale.ROOT), path, query, headers,
                JsonRead.string(event, "body"), Boolean.TRUE.equals(base64));
    }

    private static void parseQuery(String raw, Map<String, String> into) {
        if (raw == null || raw.isEmpty()) {
            return;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                into.put(name, value);
            } catch (IllegalArgumentException e) {
                // A broken %-escape: the parameter is left out.
            }
        }
    }
}
