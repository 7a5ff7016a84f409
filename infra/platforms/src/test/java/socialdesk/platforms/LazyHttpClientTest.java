package socialdesk.platforms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LazyHttpClientTest {
    private HttpServer server;
    private URI uri;
    private final AtomicInteger built = new AtomicInteger();
    private final LazyHttpClient lazy = new LazyHttpClient(() -> {
        built.incrementAndGet();
        return PlatformHttp.newClient(Duration.ofSeconds(2));
    });

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "pong".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/ping");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void buildsNothingUntilTheFirstRequest() throws Exception {
        assertEquals(0, built.get());

        HttpResponse<String> response = lazy.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());

        assertEquals("pong", response.body());
        assertEquals(1, built.get());
        assertEquals(HttpClient.Redirect.NEVER, lazy.followRedirects());
        assertEquals(Duration.ofSeconds(2), lazy.connectTimeout().orElseThrow());
    }

    @Test
    void concurrentFirstRequestsShareOneClient() throws Exception {
        List<Callable<Integer>> sends = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            sends.add(() -> lazy.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (Future<Integer> status : pool.invokeAll(sends)) {
                assertEquals(200, status.get());
            }
        }
        assertEquals(1, built.get());
    }
}
