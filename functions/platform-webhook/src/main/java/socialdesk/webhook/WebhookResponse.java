package socialdesk.webhook;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import socialdesk.core.json.Json;

/**
 * A function URL response: status, content type and body; errors are {@code {"error":{"code","message"}}}.
 *
 * @param errorCode the error's code (a closed set: not_found, bad_signature, ...), null for a success
 */
record WebhookResponse(int status, String contentType, String body, Map<String, String> extraHeaders, String errorCode) {

    static WebhookResponse json(int status, Map<String, ?> body) {
        return new WebhookResponse(status, "application/json", Json.write(body), Map.of(), null);
    }

    static WebhookResponse text(int status, String body) {
        return new WebhookResponse(status, "text/plain; charset=utf-8", body, Map.of(), null);
    }

    static WebhookResponse error(int status, String code, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        return new WebhookResponse(status, "application/json", Json.write(Map.of("error", error)), Map.of(), code);
    }

    WebhookResponse withHeader(String name, String value) {
        Map<String, String> headers = new LinkedHashMap<>(extraHeaders);
        headers.put(name, value);
        return new WebhookResponse(status, contentType, body, headers, errorCode);
    }

    /** The function URL response Lambda turns into the HTTP response. */
    APIGatewayV2HTTPResponse toFunctionUrlResponse() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", contentType);
        headers.put("x-content-type-options", "nosniff");
        headers.put("cache-control", "no-store");
        headers.putAll(extraHeaders);
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(headers)
                .withBody(body)
                .withIsBase64Encoded(false)
                .build();
    }
}
