package socialdesk.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static socialdesk.webhook.WebhookTestKit.sampleEvent;
import static socialdesk.webhook.WebhookTestKit.status;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import socialdesk.aws.testing.EmfCapture;
import socialdesk.core.metrics.Metric;

/**
 * The webhook's business metrics as CloudWatch would read them: the handler's EMF lines parsed back
 * after real requests (signed sample events over dynalite on loopback).
 */
class WebhookMetricsTest {

    @Test
    void aNewHighSeverityCommentIsCountedAsStoredAndFlaggedWithItsSeverityRollUp() {
        WebhookTestKit kit = new WebhookTestKit().withOurPosts();

        assertEquals(200, status(kit.invoke(sampleEvent("meta-feed-comment.json"))));

        Map<String, String> concernHigh = Map.of("category", "concern", "severity", "high");
        assertEquals(List.of(1.0), kit.emf.valuesOf(Metric.COMMENTS_STORED.metricName(), concernHigh));
        assertEquals(List.of(1.0), kit.emf.valuesOf(Metric.COMMENTS_FLAGGED.metricName(), concernHigh));
        EmfCapture.Value flagged = kit.emf.values().stream()
                .filter(v -> v.name().equals(Metric.COMMENTS_FLAGGED.metricName())).findFirst().orElseThrow();
        assertEquals(List.of(List.of("severity")), flagged.dimensionSets(), "the split the high-severity alarm reads");
        assertEquals("Count", flagged.unit());
    }

    @Test
    void aRedeliveredCommentIsNotCountedAgain() {
        WebhookTestKit kit = new WebhookTestKit().withOurPosts();
        Map<String, Object> event = sampleEvent("meta-feed-comment.json");

        kit.invoke(event);
        kit.invoke(event);

        assertEquals(List.of(1.0), kit.emf.valuesOf(Metric.COMMENTS_STORED.metricName(),
                Map.of("category", "concern", "severity", "high")));
    }

    @Test
    void refusedRequestsAreCountedPerReason() {
        WebhookTestKit kit = new WebhookTestKit();
        Map<String, Object> badSignature = new LinkedHashMap<>(sampleEvent("meta-feed-comment.json"));
        Map<String, Object> headers = new LinkedHashMap<>(castMap(badSignature.get("headers")));
        headers.put("x-hub-signature-256", "sha256=" + "0".repeat(64));
        badSignature.put("headers", headers);
        Map<String, Object> unknownRoute = new LinkedHashMap<>(sampleEvent("meta-feed-comment.json"));
        unknownRoute.put("rawPath", "/webhooks/myspace");
        Map<String, Object> tooLarge = WebhookTestKit.withSignedBody(sampleEvent("meta-feed-comment.json"),
                "x".repeat(PlatformWebhooks.MAX_BODY_BYTES + 1).getBytes(StandardCharsets.UTF_8));
        Map<String, Object> malformed = WebhookTestKit.withSignedBody(sampleEvent("meta-feed-comment.json"),
                "{not json".getBytes(StandardCharsets.UTF_8));

        assertEquals(403, status(kit.invoke(badSignature)));
        assertEquals(403, status(kit.invoke(badSignature)));
        assertEquals(404, status(kit.invoke(unknownRoute)));
        assertEquals(413, status(kit.invoke(tooLarge)));
        assertEquals(400, status(kit.invoke(malformed)));
        // JSON the runtime can read, but no function URL request: no request context, no method.
        assertEquals(400, status(kit.invoke("{\"rawPath\":\"/webhooks/meta\"}")));

        String name = Metric.WEBHOOK_REQUESTS_REJECTED.metricName();
        assertEquals(List.of(1.0, 1.0), kit.emf.valuesOf(name, Map.of("reason", "bad_signature")), "one line per invocation");
        assertEquals(List.of(1.0), kit.emf.valuesOf(name, Map.of("reason", "not_found")));
        assertEquals(List.of(1.0), kit.emf.valuesOf(name, Map.of("reason", "too_large")));
        assertEquals(List.of(1.0, 1.0), kit.emf.valuesOf(name, Map.of("reason", "malformed")));
    }

    @Test
    void aHandshakeWritesNoMetrics() {
        WebhookTestKit kit = new WebhookTestKit().withOurPosts();

        assertEquals(200, status(kit.invoke(sampleEvent("meta-handshake.json"))));

        assertEquals(List.of(), kit.emf.documents());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object o) {
        return (Map<String, Object>) o;
    }
}
