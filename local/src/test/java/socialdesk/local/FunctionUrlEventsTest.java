package socialdesk.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import socialdesk.core.json.Json;
import socialdesk.core.json.JsonRead;

class FunctionUrlEventsTest {
    private static final Instant TIME = Instant.parse("2025-11-26T09:45:12Z");

    private static Object event(String method, String path, String query, Map<String, List<String>> headers, byte[] body) {
        return Json.parse(FunctionUrlEvents.toEvent(new FunctionUrlEvents.HttpRequest(method, path, query, headers, body,
                "127.0.0.1", TIME), "127.0.0.1:4563"));
    }

    @Test
    void jsonRequestBecomesAPayloadFormat2Event() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Content-Type", List.of("application/json"));
        headers.put("X-Hub-Signature-256", List.of("sha256=ab"));
        headers.put("Accept", List.of("a", "b"));
        headers.put("Cookie", List.of("s=1; t=2"));
        Object e = event("post", "/webhooks/meta", "hub.mode=subscribe&a=1&a=2&x=%20y", headers, "{\"k\":\"v\"}".getBytes());

        assertEquals("2.0", JsonRead.string(e, "version"));
        assertEquals("$default", JsonRead.string(e, "routeKey"));
        assertEquals("/webhooks/meta", JsonRead.string(e, "rawPath"));
        assertEquals("hub.mode=subscribe&a=1&a=2&x=%20y", JsonRead.string(e, "rawQueryString"));
        assertEquals("subscribe", JsonRead.string(e, "queryStringParameters", "hub.mode"));
        assertEquals("1,2", JsonRead.string(e, "queryStringParameters", "a"));
        assertEquals(" y", JsonRead.string(e, "queryStringParameters", "x"));
        assertEquals("sha256=ab", JsonRead.string(e, "headers", "x-hub-signature-256"));
        assertEquals("a,b", JsonRead.string(e, "headers", "accept"));
        assertNull(JsonRead.at(e, "headers", "cookie"));
        assertEquals(List.of("s=1", "t=2"), JsonRead.list(e, "cookies"));
        assertEquals("POST", JsonRead.string(e, "requestContext", "http", "method"));
        assertEquals("/webhooks/meta", JsonRead.string(e, "requestContext", "http", "path"));
        assertEquals("26/Nov/2025:09:45:12 +0000", JsonRead.string(e, "requestContext", "time"));
        assertEquals(TIME.toEpochMilli(), JsonRead.integer(e, "requestContext", "timeEpoch"));
        assertEquals("{\"k\":\"v\"}", JsonRead.string(e, "body"));
        assertFalse(JsonRead.bool(e, "isBase64Encoded"));
    }

    @Test
    void binaryBodyIsBase64() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2};
        Object e = event("PUT", "/media", null, Map.of("content-type", List.of("image/png")), png);
        assertEquals(true, JsonRead.bool(e, "isBase64Encoded"));
        assertArrayEquals(png, Base64.getDecoder().decode(JsonRead.string(e, "body")));
        assertEquals("", JsonRead.string(e, "rawQueryString"));
        assertNull(JsonRead.at(e, "queryStringParameters"));
    }

    @Test
    void aJsonBodyThatIsNotUtf8ReachesTheHandlerByteForByte() {
        byte[] latin1 = {'{', '"', 'k', '"', ':', '"', 'c', (byte) 0xE9, '"', '}'};
        Object e = event("POST", "/webhooks/meta", null, Map.of("content-type", List.of("application/json")), latin1);
        assertEquals(true, JsonRead.bool(e, "isBase64Encoded"));
        assertArrayEquals(latin1, Base64.getDecoder().decode(JsonRead.string(e, "body")));
    }

    @Test
    void theEventReadsAsTheOfficialTypeTheWayTheRuntimeDeserialisesIt() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Content-Type", List.of("application/octet-stream"));
        headers.put("X-Hub-Signature-256", List.of("sha256=ab"));
        headers.put("Accept", List.of("a", "b"));
        headers.put("Cookie", List.of("s=1; t=2"));
        byte[] body = {'{', (byte) 0xC3, (byte) 0x28, '}'};
        String json = FunctionUrlEvents.toEvent(new FunctionUrlEvents.HttpRequest("post", "/webhooks/meta", "a=1&a=2",
                headers, body, "127.0.0.1", TIME), "127.0.0.1:4563");

        APIGatewayV2HTTPEvent event = LambdaEventSerializers
                .serializerFor(APIGatewayV2HTTPEvent.class, getClass().getClassLoader()).fromJson(json);

        assertEquals("2.0", event.getVersion());
        assertEquals("/webhooks/meta", event.getRawPath());
        assertEquals("a=1&a=2", event.getRawQueryString());
        assertEquals(Map.of("a", "1,2"), event.getQueryStringParameters());
        assertEquals("sha256=ab", event.getHeaders().get("x-hub-signature-256"));
        assertEquals("a,b", event.getHeaders().get("accept"));
        assertEquals(List.of("s=1", "t=2"), event.getCookies());
        assertEquals("POST", event.getRequestContext().getHttp().getMethod());
        assertEquals("127.0.0.1", event.getRequestContext().getHttp().getSourceIp());
        assertEquals(TIME.toEpochMilli(), event.getRequestContext().getTimeEpoch());
        assertTrue(event.getIsBase64Encoded());
        assertArrayEquals(body, Base64.getDecoder().decode(event.getBody()));
    }

    @Test
    void theOfficialResponseTypeAsTheRuntimeSerialisesItBecomesTheHttpResponse() {
        APIGatewayV2HTTPResponse response = APIGatewayV2HTTPResponse.builder()
                .withStatusCode(413)
                .withHeaders(Map.of("content-type", "application/json"))
                .withBody("{\"error\":\"too large\"}")
                .withIsBase64Encoded(false)
                .build();
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        LambdaEventSerializers.serializerFor(APIGatewayV2HTTPResponse.class, getClass().getClassLoader()).toJson(response, answer);

        FunctionUrlEvents.HttpResponse http = FunctionUrlEvents.toHttp(answer.toByteArray());

        assertEquals(413, http.status());
        assertEquals("application/json", http.headers().get("content-type"));
        assertEquals(List.of(), http.cookies());
        assertEquals("{\"error\":\"too large\"}", new String(http.body(), StandardCharsets.UTF_8));
    }

    @Test
    void responseObjectBecomesTheHttpResponse() {
        FunctionUrlEvents.HttpResponse r = FunctionUrlEvents.toHttp("""
                {"statusCode":403,"headers":{"Content-Type":"application/json"},"cookies":["a=1"],"body":"{\\"error\\":\\"bad signature\\"}"}"""
                .getBytes());
        assertEquals(403, r.status());
        assertEquals("application/json", r.headers().get("content-type"));
        assertEquals(List.of("a=1"), r.cookies());
        assertEquals("{\"error\":\"bad signature\"}", new String(r.body(), StandardCharsets.UTF_8));

        FunctionUrlEvents.HttpResponse binary = FunctionUrlEvents.toHttp(
                "{\"statusCode\":200,\"isBase64Encoded\":true,\"body\":\"AAEC\"}".getBytes());
        assertArrayEquals(new byte[] {0, 1, 2}, binary.body());
    }

    @Test
    void anyOtherAnswerIsA200JsonBody() {
        FunctionUrlEvents.HttpResponse r = FunctionUrlEvents.toHttp("{\"hello\":\"world\"}".getBytes());
        assertEquals(200, r.status());
        assertEquals("application/json", r.headers().get("content-type"));
        assertEquals("{\"hello\":\"world\"}", new String(r.body(), StandardCharsets.UTF_8));
        assertEquals(502, FunctionUrlEvents.functionError().status());
    }
}
