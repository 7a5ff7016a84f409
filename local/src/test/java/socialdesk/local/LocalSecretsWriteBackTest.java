package socialdesk.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * Refreshed platform tokens written back on the local stack as on AWS: the SDK's PutSecretValue
 * against the stack's in-process endpoint replaces the secret in the local secrets file, keeps the
 * sandbox placeholder, and refuses a secret that does not exist.
 */
class LocalSecretsWriteBackTest {
    private static final String SANDBOX = "http://127.0.0.1:45999";

    @TempDir
    Path data;

    @Test
    void aPutSecretValueReplacesTheSecretAndTheNextReadSeesIt() throws Exception {
        LocalSecrets secrets = new LocalSecrets(data.resolve("secrets.json"), SANDBOX);
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("social-desk/platforms/x", Map.of("accessToken", "old", "apiUrl", LocalSecrets.SANDBOX_PLACEHOLDER));
        defaults.put("social-desk/platforms/bluesky", null);
        secrets.createIfMissing(defaults);
        try (LocalAwsEndpoint endpoint = new LocalAwsEndpoint(0, Map.of(), secrets);
             SecretsManagerClient client = SecretsManagerClient.builder().endpointOverride(URI.create(endpoint.url()))
                     .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))).build()) {

            client.putSecretValue(b -> b.secretId("social-desk/platforms/x")
                    .secretString("{\"accessToken\":\"new\",\"apiUrl\":\"" + SANDBOX + "\"}"));

            assertEquals("{\"accessToken\":\"new\",\"apiUrl\":\"" + SANDBOX + "\"}",
                    client.getSecretValue(b -> b.secretId("social-desk/platforms/x")).secretString());
            assertTrue(Files.readString(secrets.file()).contains("\"apiUrl\":\"{{sandbox}}\""), Files.readString(secrets.file()));
            assertThrows(ResourceNotFoundException.class,
                    () -> client.putSecretValue(b -> b.secretId("social-desk/platforms/nowhere").secretString("{}")));
        }
    }
}
