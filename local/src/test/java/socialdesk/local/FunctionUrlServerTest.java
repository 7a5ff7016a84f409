package socialdesk.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** What a caller of a local function URL sees when the function cannot take the request. */
class FunctionUrlServerTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aThrottledInvocationIsA429AndAFailedOneA502() throws Exception {
        try (FunctionUrlServer throttled = new FunctionUrlServer("f", 0, event -> {
                    throw new LocalFunction.ThrottledException("f: throttled");
                });
             FunctionUrlServer failing = new FunctionUrlServer("g", 0, event -> {
                 throw new LocalFunction.InvocationException("g failed", null);
             })) {
            HttpResponse<String> tooMany = post(throttled.url());
            HttpResponse<String> broken = post(failing.url());

            assertEquals(429, tooMany.statusCode());
            assertEquals("{\"Message\":\"Rate Exceeded.\"}", tooMany.body());
            assertEquals(502, broken.statusCode());
        }
    }

    @Test
    void aRequestWhoseEventIsOverSixMegabytesIsA413AndNeverReachesTheFunction() throws Exception {
        java.util.concurrent.atomic.AtomicInteger invocations = new java.util.concurrent.atomic.AtomicInteger();
        try (FunctionUrlServer server = new FunctionUrlServer("f", 0, event -> {
            invocations.incrementAndGet();
            return "{\"statusCode\":200,\"body\":\"ok\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        })) {
            byte[] nearLimit = new byte[FunctionUrlServer.MAX_EVENT_BYTES - 4096];
            java.util.Arrays.fill(nearLimit, (byte) 'a');
            HttpResponse<String> small = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/x"))
                    .header("content-type", "text/plain").POST(HttpRequest.BodyPublishers.ofByteArray(nearLimit)).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> binary = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/x"))
                    .header("content-type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(nearLimit)).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertEquals(200, small.statusCode(), "text just under the limit is passed on");
            assertEquals(413, binary.statusCode(), "the same bytes as base64 make an event over 6 MB");
            assertEquals(1, invocations.get());
        }
    }

    private HttpResponse<String> post(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url + "/webhooks/meta")).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
