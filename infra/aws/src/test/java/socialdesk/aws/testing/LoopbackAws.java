package socialdesk.aws.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import socialdesk.aws.AwsCallBudget;
import socialdesk.aws.AwsClients;
import socialdesk.core.json.Json;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * A loopback HTTP server that answers AWS JSON-protocol requests with what a test scripts, and
 * keeps every request body it got: for the SDK clients whose service has no local server here
 * (EventBridge, Parameter Store).
 */
public final class LoopbackAws implements AutoCloseable {
    /** A scripted answer: HTTP status and JSON body. */
    public record Answer(int status, String json) {
    }

    private final HttpServer server;
    private final List<Map<String, Object>> requests = new CopyOnWriteArrayList<>();

    /** {@code answer} is given each request's JSON body; {@code contentType} is the service protocol's. */
    public LoopbackAws(String contentType, Function<Map<String, Object>, Answer> answer) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            Map<String, Object> body = Json.parseObject(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            requests.add(body);
            Answer a = answer.apply(body);
            byte[] bytes = a.json().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(a.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    /** Clients with every service at this server, as a 10 s function with one call would have them. */
    public AwsClients clients() {
        return AwsClients.of(Map.of("AWS_REGION", "us-east-1"), new AwsCallBudget(Duration.ofSeconds(10), 1),
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")), List.of());
    }

    /** The JSON bodies of the requests so far, in order. */
    public List<Map<String, Object>> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
