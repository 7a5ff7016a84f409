package socialdesk.local;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import socialdesk.core.json.Json;
import socialdesk.core.json.JsonException;
import socialdesk.core.json.JsonRead;

/**
 * Translates between HTTP and Lambda function URL events (payload format 2.0), as the function URL
 * service does: an HTTP request becomes the event JSON the handler reads; the handler's answer
 * (a response object, or any other JSON value, which Lambda treats as a 200 JSON body) becomes the
 * HTTP response.
 */
public final class FunctionUrlEvents {
    private static final DateTimeFormatter CLF_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

    private FunctionUrlEvents() {
    }

    /** An HTTP request as the local server received it. Header names in any case; repeated headers in order. */
    public record HttpRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
                              byte[] body, String sourceIp, Instant time) {
    }

    /** An HTTP response to send. */
    public record HttpResponse(int status, Map<String, String> headers, List<String> cookies, byte[] body) {
    }

    /** The payload format 2.0 event for {@code request}, arriving on the URL whose host is {@code domainName}. */
    public static String toEvent(HttpRequest request, String domainName) {
        Map<String, Object> headers = new LinkedHashMap<>();
        List<String> cookies = new ArrayList<>();
        request.headers().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("cookie")) {
                for (String value : values) {
                    for (String cookie : value.split(";")) {
                        if (!cookie.isBlank()) {
                            cookies.add(cookie.strip());
                        }
                    }
                }
            } else {
                // Lambda joins repeated headers with commas.
                headers.merge(lower, String.join(",", values), (a, b) -> a + "," + b);
            }
        });
        String query = request.rawQuery() == null ? "" : request.rawQuery();
        String userAgent = (String) headers.getOrDefault("user-agent", "");
        String requestId = UUID.randomUUID().toString();

        Map<String, Object> http = new LinkedHashMap<>();
        http.put("method", request.method().toUpperCase(Locale.ROOT));
        http.put("path", request.rawPath());
        http.put("protocol", "HTTP/1.1");
        http.put("sourceIp", request.sourceIp());
        http.put("userAgent", userAgent);
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("accountId", "anonymous");
        context.put("apiId", domainName.split("[.:]")[0]);
        context.put("domainName", domainName);
        context.put("domainPrefix", domainName.split("[.:]")[0]);
        context.put("http", http);
        context.put("requestId", requestId);
        context.put("routeKey", "$default");
        context.put("stage", "$default");
        context.put("time", CLF_TIME.format(request.time()));
        context.put("timeEpoch", request.time().toEpochMilli());

        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "2.0");
        event.put("routeKey", "$default");
        event.put("rawPath", request.rawPath());
        event.put("rawQueryString", query);
        if (!cookies.isEmpty()) {
            event.put("cookies", cookies);
        }
        event.put("headers", headers);
        Map<String, Object> params = queryParameters(query);
        if (!params.isEmpty()) {
            event.put("queryStringParameters", params);
        }
        event.put("requestContext", context);
        byte[] body = request.body() == null ? new byte[0] : request.body();
        if (body.length > 0) {
            String text = isText((String) headers.get("content-type")) ? strictUtf8(body) : null;
            event.put("body", text != null ? text : Base64.getEncoder().encodeToString(body));
            event.put("isBase64Encoded", text == null);
        } else {
            event.put("isBase64Encoded", false);
        }
        return Json.write(event);
    }

    /**
     * The HTTP response for a function's answer. An object with a {@code statusCode} is a response
     * object; anything else (or an object without it) is returned as a 200 JSON body, as Lambda does.
     */
    public static HttpResponse toHttp(byte[] answer) {
        String text = new String(answer, StandardCharsets.UTF_8);
        Object json;
        try {
            json = text.isBlank() ? null : Json.parse(text);
        } catch (JsonException e) {
            return new HttpResponse(200, Map.of("content-type", "application/json"), List.of(), answer);
        }
        if (!(json instanceof Map<?, ?> map) || !map.containsKey("statusCode")) {
            return new HttpResponse(200, Map.of("content-type", "application/json"), List.of(), answer);
        }
        Long status = JsonRead.integer(json, "statusCode");
        Map<String, String> headers = new LinkedHashMap<>();
        Map<String, Object> raw = JsonRead.object(json, "headers");
        if (raw != null) {
            raw.forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.valueOf(v)));
        }
        List<String> cookies = new ArrayList<>();
        List<Object> rawCookies = JsonRead.list(json, "cookies");
        if (rawCookies != null) {
            rawCookies.forEach(c -> cookies.add(String.valueOf(c)));
        }
        String body = JsonRead.string(json, "body");
        byte[] bytes = body == null ? new byte[0]
                : Boolean.TRUE.equals(JsonRead.bool(json, "isBase64Encoded")) ? Base64.getDecoder().decode(body)
                : body.getBytes(StandardCharsets.UTF_8);
        return new HttpResponse(status == null ? 200 : status.intValue(), headers, cookies, bytes);
    }

    /** The 502 Lambda answers when the function failed. */
    public static HttpResponse functionError() {
        return lambdaAnswer(502, "Internal Server Error");
    }

    /** The 429 Lambda answers when the function's reserved concurrency is in use. */
    public static HttpResponse throttled() {
        return lambdaAnswer(429, "Rate Exceeded.");
    }

    /** The 413 Lambda answers to a request whose event would be over its payload limit; the function never sees it. */
    public static HttpResponse tooLarge(int maxEventBytes) {
        return lambdaAnswer(413, "Request must be smaller than " + maxEventBytes + " bytes for the InvokeFunction operation");
    }

    /** An answer from Lambda itself rather than the function: {@code {"Message": ...}}. */
    private static HttpResponse lambdaAnswer(int status, String message) {
        return new HttpResponse(status, Map.of("content-type", "application/json"), List.of(),
                Json.write(Map.of("Message", message)).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The body as text when it is valid UTF-8, else null. A text type with bytes that are not UTF-8
     * goes base64 instead, so the handler always gets the exact bytes the caller sent: a webhook
     * signature is computed over those bytes, and a lossy decode would make a valid one fail.
     */
    private static String strictUtf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Text bodies stay text; everything else (images, octet streams, unknown types) is base64, like Lambda. */
    static boolean isText(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return true;
        }
        String type = contentType.toLowerCase(Locale.ROOT).split(";")[0].strip();
        return type.startsWith("text/") || type.endsWith("/json") || type.endsWith("+json") || type.endsWith("/xml")
                || type.endsWith("+xml") || type.equals("application/x-www-form-urlencoded")
                || type.equals("application/javascript") || type.equals("application/graphql");
    }

    /** Query parameters as Lambda gives them: decoded, repeated names joined with commas. */
    static Map<String, Object> queryParameters(String raw) {
        Map<String, Object> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.merge(name, value, (a, b) -> a + "," + b);
        }
        return params;
    }

    private static String decode(String s) {
        try {
            return java.net.URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
