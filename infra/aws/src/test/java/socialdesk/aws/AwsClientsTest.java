package socialdesk.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import socialdesk.aws.testing.Dynalite;

/**
 * AwsClients as a function builds it from its real environment, in a JVM of its own: endpoint
 * overrides are the SDK's own resolution of {@code AWS_ENDPOINT_URL} and
 * {@code AWS_ENDPOINT_URL_<SERVICE>}, and SnapStart's container credentials are fetched on first use
 * and again after {@link AwsClients#renewCredentials()}.
 */
class AwsClientsTest {
    private static final Map<String, String> KEYS = Map.of("AWS_REGION", "us-east-1",
            "AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local");

    @Test
    void theServiceEndpointVariableSendsDynamoDbThere_overTheGeneralOne() throws Exception {
        Dynalite dynalite = Dynalite.shared();
        String table = dynalite.createTable();
        Map<String, String> env = new java.util.HashMap<>(KEYS);
        env.put("AWS_ENDPOINT_URL", "http://127.0.0.1:" + closedPort());
        env.put("AWS_ENDPOINT_URL_DYNAMODB", dynalite.endpoint().toString());

        assertTrue(FunctionJvm.lines(FunctionJvm.run(env, table)).contains("read twice"));
    }

    @Test
    void theGeneralEndpointVariableSendsEveryServiceThere() throws Exception {
        Dynalite dynalite = Dynalite.shared();
        String table = dynalite.createTable();
        Map<String, String> env = new java.util.HashMap<>(KEYS);
        env.put("AWS_ENDPOINT_URL", dynalite.endpoint().toString());

        assertTrue(FunctionJvm.lines(FunctionJvm.run(env, table)).contains("read twice"));
    }

    @Test
    void containerCredentialsAreFetchedWithTheTokenOnFirstUseAndAgainAfterARenewal() throws Exception {
        AtomicInteger fetches = new AtomicInteger();
        List<String> tokensSeen = new CopyOnWriteArrayList<>();
        List<String> signedWith = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/credentials", exchange -> {
            tokensSeen.add(exchange.getRequestHeaders().getFirst("Authorization"));
            int n = fetches.incrementAndGet();
            answer(exchange, "application/json", "{\"AccessKeyId\":\"AKIDCONTAINER" + n + "\",\"SecretAccessKey\":\"secret\","
                    + "\"Token\":\"session-" + n + "\",\"Expiration\":\"" + Instant.now().plus(Duration.ofHours(6)) + "\"}");
        });
        // Stands in for DynamoDB: notes who signed, and answers GetItem with no item.
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            signedWith.add(authorization.substring(authorization.indexOf("Credential=") + 11, authorization.indexOf('/'))
                    + " " + exchange.getRequestHeaders().getFirst("X-Amz-Security-Token"));
            answer(exchange, "application/x-amz-json-1.0", "{}");
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            String output = FunctionJvm.run(Map.of("AWS_REGION", "us-east-1", "AWS_ENDPOINT_URL", base,
                    "AWS_CONTAINER_CREDENTIALS_FULL_URI", base + "/credentials",
                    "AWS_CONTAINER_AUTHORIZATION_TOKEN", "the-container-token"), "t");

            assertTrue(FunctionJvm.lines(output).contains("read twice"), output);
            assertEquals(List.of("the-container-token", "the-container-token"), tokensSeen);
            assertEquals(List.of("AKIDCONTAINER1 session-1", "AKIDCONTAINER2 session-2"), signedWith);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aFunctionWithoutARegionFailsAtInitSayingSo() {
        AwsClients clients = AwsClients.of(Map.of(), new AwsCallBudget(Duration.ofSeconds(10), 1), null, null, List.of());

        IllegalStateException e = assertThrows(IllegalStateException.class, clients::dynamoDb);
        assertTrue(e.getMessage().contains("AWS_REGION"), e.getMessage());
    }

    @Test
    void eachClientIsBuiltOnce() {
        AwsClients clients = Dynalite.shared().clients();

        assertTrue(clients.dynamoDb() == clients.dynamoDb());
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
