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

    private HttpResponse<String> post(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url + "/webhooks/meta")).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
