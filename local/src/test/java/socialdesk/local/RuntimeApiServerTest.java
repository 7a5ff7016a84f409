package socialdesk.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Runtime API as a runtime client sees it: plain HTTP against the loopback server. */
class RuntimeApiServerTest {
    private final RuntimeApiServer api = new RuntimeApiServer("arn:aws:lambda:us-east-1:000000000000:function:f");
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void close() {
        api.close();
    }

    private String url(String path) {
        return "http://" + api.address() + RuntimeApiServer.PREFIX + path;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Lambda-Runtime-Function-Error-Type", "Runtime.UserException").build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void nextWaitsForAnEventAndTheResponseCompletesTheInvocation() throws Exception {
        CompletableFuture<HttpResponse<String>> next = CompletableFuture.supplyAsync(() -> {
            try {
                return get("invocation/next");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertNotNull(api.firstNext().get(5, TimeUnit.SECONDS));
        assertFalse(next.isDone());

        CompletableFuture<RuntimeApiServer.Result> result = api.submit("{\"n\":1}".getBytes(), Duration.ofSeconds(30));
        HttpResponse<String> event = next.get(5, TimeUnit.SECONDS);
        assertEquals(200, event.statusCode());
        assertEquals("{\"n\":1}", event.body());
        String requestId = event.headers().firstValue("Lambda-Runtime-Aws-Request-Id").orElseThrow();
        long deadline = Long.parseLong(event.headers().firstValue("Lambda-Runtime-Deadline-Ms").orElseThrow());
        assertTrue(deadline > System.currentTimeMillis() + 20_000);
        assertEquals("arn:aws:lambda:us-east-1:000000000000:function:f", event.headers().firstValue("Lambda-Runtime-Invoked-Function-Arn").orElseThrow());
        assertTrue(event.headers().firstValue("Lambda-Runtime-Trace-Id").orElseThrow().startsWith("Root=1-"));

        assertEquals(202, post("invocation/" + requestId + "/response", "{\"ok\":true}").statusCode());
        RuntimeApiServer.Result answer = result.get(5, TimeUnit.SECONDS);
        assertFalse(answer.error());
        assertEquals("{\"ok\":true}", answer.text());
        // A second answer for the same request is refused.
        assertEquals(400, post("invocation/" + requestId + "/response", "{}").statusCode());
    }

    @Test
    void whenTheRuntimeDiesOnlyTheEventsItNeverTookMayBeRetried() throws Exception {
        CompletableFuture<RuntimeApiServer.Result> taken = api.submit("{\"n\":1}".getBytes(), Duration.ofSeconds(30));
        assertEquals(200, get("invocation/next").statusCode());
        CompletableFuture<RuntimeApiServer.Result> waiting = api.submit("{\"n\":2}".getBytes(), Duration.ofSeconds(30));

        api.failAll("runtime exited with status 137");

        Throwable ran = assertThrows(ExecutionException.class, () -> taken.get(5, TimeUnit.SECONDS)).getCause();
        assertFalse(ran instanceof RuntimeApiServer.NotDeliveredException, "the runtime had the event: it may have run");
        assertEquals("runtime exited with status 137", ran.getMessage());
        Throwable queued = assertThrows(ExecutionException.class, () -> waiting.get(5, TimeUnit.SECONDS)).getCause();
        assertInstanceOf(RuntimeApiServer.NotDeliveredException.class, queued);
    }

    @Test
    void errorsAreReportedWithTheirType() throws Exception {
        CompletableFuture<RuntimeApiServer.Result> result = api.submit("{}".getBytes(), Duration.ofSeconds(30));
        String requestId = get("invocation/next").headers().firstValue("Lambda-Runtime-Aws-Request-Id").orElseThrow();
        assertEquals(202, post("invocation/" + requestId + "/error", "{\"errorMessage\":\"boom\"}").statusCode());
        RuntimeApiServer.Result answer = result.get(5, TimeUnit.SECONDS);
        assertTrue(answer.error());
        assertEquals("Runtime.UserException", answer.errorType());
        assertEquals("{\"errorMessage\":\"boom\"}", answer.text());
    }

    @Test
    void initErrorIsRecordedAndUnknownPathsAre404() throws Exception {
        assertEquals(202, post("init/error", "{\"errorMessage\":\"no handler\"}").statusCode());
        assertEquals("{\"errorMessage\":\"no handler\"}", api.initError().get(1, TimeUnit.SECONDS));
        assertEquals(404, get("nothing").statusCode());
        assertEquals(400, post("invocation/unknown-id/response", "{}").statusCode());
    }

    @Test
    void aSnapStartRuntimeIsRestoredAtOnceAndItsRestoreErrorIsRecorded() throws Exception {
        HttpResponse<String> restored = get("restore/next");

        assertEquals(200, restored.statusCode());
        assertEquals("", restored.body());
        assertFalse(api.firstNext().isDone());
        assertEquals(202, post("restore/error", "{\"errorMessage\":\"afterRestore failed\"}").statusCode());
        assertEquals("{\"errorMessage\":\"afterRestore failed\"}", api.initError().get(1, TimeUnit.SECONDS));
    }

    @Test
    void closingFailsWaitingInvocations() {
        CompletableFuture<RuntimeApiServer.Result> result = api.submit("{}".getBytes(), Duration.ofSeconds(30));
        api.close();
        assertTrue(result.isCompletedExceptionally());
    }
}
