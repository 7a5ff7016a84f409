package socialdesk.webhook;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import socialdesk.aws.priming.Priming;
import socialdesk.core.log.JsonLog;
import socialdesk.core.metrics.DeskMetrics;
import socialdesk.core.metrics.Metric;

/**
 * Lambda entry point of {@code platform-webhook}, behind a function URL (AuthType NONE: every
 * delivery is authenticated by its platform signature). Translates the function URL event
 * (payload format 2.0) into a {@link WebhookRequest}, lets {@link PlatformWebhooks} answer it, and
 * returns the function URL response. A caller never sees an exception's text: an unexpected
 * failure is logged once and answered 500 so the platform retries.
 */
public final class PlatformWebhookHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    /** A request to no route: the handler's translation and response paths, answered 404 before any secret or store. */
    static final APIGatewayV2HTTPEvent PRIMING_EVENT = APIGatewayV2HTTPEvent.builder()
            .withVersion("2.0")
            .withRawPath("/webhooks/priming")
            .withRawQueryString("a=1")
            .withHeaders(Map.of("content-type", "application/json"))
            .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                    .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("POST").withPath("/webhooks/priming").build())
                    .build())
            .withBody("{}")
            .withIsBase64Encoded(false)
            .build();

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
        return priming.prime("handler POST /webhooks/priming (404)", () -> handler.handleRequest(PRIMING_EVENT, null));
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String requestId = context == null ? null : context.getAwsRequestId();
        WebhookResponse response;
        try {
            WebhookRequest request = toRequest(event);
            response = request == null
                    ? WebhookResponse.error(400, "malformed", "not a function URL request")
                    : webhooks.handle(request, requestId, context == null ? Long.MAX_VALUE : context.getRemainingTimeInMillis());
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
            return response.toFunctionUrlResponse();
        } finally {
            metrics.flush();
        }
    }

    /**
     * The request in a function URL event, or null when the event is not one. The body stays as
     * Lambda passed it (base64 when {@code isBase64Encoded}), so signatures are checked over the
     * exact bytes the platform sent.
     */
    static WebhookRequest toRequest(APIGatewayV2HTTPEvent event) {
        if (event == null || event.getRequestContext() == null || event.getRequestContext().getHttp() == null) {
            return null;
        }
        String method = event.getRequestContext().getHttp().getMethod();
        String path = event.getRawPath();
        if (method == null || path == null) {
            return null;
        }
        Map<String, String> headers = new HashMap<>();
        if (event.getHeaders() != null) {
            event.getHeaders().forEach((k, v) -> {
                if (k != null && v != null) {
                    headers.put(k.toLowerCase(Locale.ROOT), v);
                }
            });
        }
        Map<String, String> query = new HashMap<>();
        if (event.getQueryStringParameters() != null) {
            event.getQueryStringParameters().forEach((k, v) -> {
                if (k != null && v != null) {
                    query.put(k, v);
                }
            });
        } else {
            parseQuery(event.getRawQueryString(), query);
        }
        return new WebhookRequest(method.toUpperCase(Locale.ROOT), path, query, headers,
                event.getBody(), event.getIsBase64Encoded());
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
