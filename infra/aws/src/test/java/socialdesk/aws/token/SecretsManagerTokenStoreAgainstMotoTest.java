package socialdesk.aws.token;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The token store against moto's Secrets Manager ({@code moto_server}, started on loopback for
 * this class). Skipped, with the reason shown, where moto_server is not installed.
 */
class SecretsManagerTokenStoreAgainstMotoTest {
    private static Process moto;
    private static SecretsManagerClient client;

    @BeforeAll
    static void start() throws Exception {
        Optional<Path> server = onPath("moto_server");
        Assumptions.assumeTrue(server.isPresent(), "moto_server is not installed (pip install 'moto[server]'); skipping");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        moto = new ProcessBuilder(server.get().toString(), "-H", "127.0.0.1", "-p", Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        awaitListening(port);
        client = SecretsManagerClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (moto != null) {
            moto.destroy();
        }
    }

    @Test
    void writesANewCurrentVersionThatTheNextReadSees() {
        client.createSecret(r -> r.name("social-desk/platforms/x").secretString("{\"refreshToken\":\"r0\"}"));
        SecretsManagerTokenStore store = new SecretsManagerTokenStore(client);

        store.write("social-desk/platforms/x", "{\"refreshToken\":\"r1\"}");

        assertEquals(Optional.of("{\"refreshToken\":\"r1\"}"), store.read("social-desk/platforms/x"));
        assertEquals("{\"refreshToken\":\"r0\"}", client.getSecretValue(r -> r.secretId("social-desk/platforms/x")
                .versionStage("AWSPREVIOUS")).secretString());
    }

    @Test
    void aMissingSecretReadsAsEmpty() {
        assertEquals(Optional.empty(), new SecretsManagerTokenStore(client).read("social-desk/platforms/nothing"));
    }

    private static Optional<Path> onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static void awaitListening(int port) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("moto_server did not listen on " + port + " within 30 s");
    }
}
