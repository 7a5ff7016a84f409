package socialdesk.webhook;

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

    /** The function URL response object Lambda turns into the HTTP response. */
    String toFunctionUrlJson() {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("content-type", contentType);
        headers.put("x-content-type-options", "nosniff");
        headers.put("cache-control", "no-store");
        headers.putAll(extraHeaders);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("statusCode", status);
        out.put("headers", headers);
        out.put("body", body);
        out.put("isBase64Encoded", false);
        return Json.write(out);
    }
}
