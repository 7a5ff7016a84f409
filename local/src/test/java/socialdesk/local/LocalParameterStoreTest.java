package socialdesk.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParametersByPathResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterAlreadyExistsException;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.ParameterVersionNotFoundException;
import software.amazon.awssdk.services.ssm.model.SsmException;

/**
 * The local stack's Parameter Store, through the SDK's own SSM client (so the wire shapes are the
 * ones the functions send and read): reads by name, ARN and path, paging, versions on overwrite,
 * ParameterNotFound and ParameterAlreadyExists, and refreshed tokens written back to the local file
 * with the sandbox placeholder kept.
 */
class LocalParameterStoreTest {
    private static final String SANDBOX = "http://127.0.0.1:45999";

    @TempDir
    Path data;
    private LocalSecrets secrets;

    @BeforeEach
    void file() {
        secrets = new LocalSecrets(data.resolve("secrets.json"), SANDBOX);
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("/social-desk/platforms/x", Map.of("accessToken", "old", "apiUrl", LocalSecrets.SANDBOX_PLACEHOLDER));
        defaults.put("/social-desk/platforms/bluesky", null);
        defaults.put("/social-desk/platforms/mastodon", Map.of("accessToken", "m"));
        defaults.put("/social-desk/webhooks/meta", Map.of("appSecret", "a", "verifyToken", "v"));
        secrets.createIfMissing(defaults);
    }

    private static SsmClient client(LocalAwsEndpoint endpoint) {
        return SsmClient.builder().endpointOverride(URI.create(endpoint.url())).region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))).build();
    }

    @Test
    void anOverwriteIsTheNextVersionAndTheNextReadSeesIt_withTheSandboxPlaceholderKept() throws Exception {
        try (LocalAwsEndpoint endpoint = new LocalAwsEndpoint(0, Map.of(), secrets); SsmClient client = client(endpoint)) {
            long version = client.putParameter(b -> b.name("/social-desk/platforms/x").type(ParameterType.SECURE_STRING)
                    .overwrite(true).value("{\"accessToken\":\"new\",\"apiUrl\":\"" + SANDBOX + "\"}")).version();

            Parameter read = client.getParameter(b -> b.name("/social-desk/platforms/x").withDecryption(true)).parameter();
            assertEquals(2, version);
            assertEquals(2, read.version());
            assertEquals(ParameterType.SECURE_STRING, read.type());
            assertEquals("{\"accessToken\":\"new\",\"apiUrl\":\"" + SANDBOX + "\"}", read.value());
            assertEquals(LocalSecrets.arn("/social-desk/platforms/x"), read.arn());
            assertTrue(Files.readString(secrets.file()).contains("\"apiUrl\":\"{{sandbox}}\""), Files.readString(secrets.file()));
            assertEquals(read.value(), client.getParameter(b -> b.name(read.arn() + ":2").withDecryption(true)).parameter().value());
            assertThrows(ParameterVersionNotFoundException.class,
                    () -> client.getParameter(b -> b.name("/social-desk/platforms/x:1").withDecryption(true)));
        }
    }

    @Test
    void writingWithoutOverwriteIsRefusedWhenTheParameterExists_andCreatesItWhenNot() {
        try (LocalAwsEndpoint endpoint = new LocalAwsEndpoint(0, Map.of(), secrets); SsmClient client = client(endpoint)) {
            assertThrows(ParameterAlreadyExistsException.class, () -> client.putParameter(b -> b.name("/social-desk/platforms/x")
                    .type(ParameterType.SECURE_STRING).value("{}")));

            long created = client.putParameter(b -> b.name("/social-desk/platforms/bluesky").type(ParameterType.SECURE_STRING)
                    .value("{\"handle\":\"h\"}")).version();

            assertEquals(1, created);
            assertTrue(secrets.configured("/social-desk/platforms/bluesky"));
        }
    }

    @Test
    void aPathListsTheConfiguredParametersDirectlyUnderIt_pageByPage() {
        try (LocalAwsEndpoint endpoint = new LocalAwsEndpoint(0, Map.of(), secrets); SsmClient client = client(endpoint)) {
            GetParametersByPathResponse first = client.getParametersByPath(b -> b.path("/social-desk/platforms")
                    .withDecryption(true).maxResults(1));
            GetParametersByPathResponse second = client.getParametersByPath(b -> b.path("/social-desk/platforms")
                    .withDecryption(true).maxResults(1).nextToken(first.nextToken()));

            assertEquals(List.of("/social-desk/platforms/mastodon"), first.parameters().stream().map(Parameter::name).toList());
            assertEquals(List.of("/social-desk/platforms/x"), second.parameters().stream().map(Parameter::name).toList());
            assertEquals(null, second.nextToken());
            assertEquals(List.of(), client.getParametersByPath(b -> b.path("/social-desk").withDecryption(true)).parameters());
            assertEquals(3, client.getParametersByPath(b -> b.path("/social-desk").recursive(true).withDecryption(true))
                    .parameters().size());
        }
    }

    @Test
    void aMissingOrUnconfiguredParameterIsParameterNotFound_andEncryptedReadsAreRefusedWithAReason() {
        try (LocalAwsEndpoint endpoint = new LocalAwsEndpoint(0, Map.of(), secrets); SsmClient client = client(endpoint)) {
            assertThrows(ParameterNotFoundException.class,
                    () -> client.getParameter(b -> b.name("/social-desk/platforms/bluesky").withDecryption(true)));
            assertThrows(ParameterNotFoundException.class,
                    () -> client.getParameter(b -> b.name("/social-desk/platforms/nowhere").withDecryption(true)));
            SsmException encrypted = assertThrows(SsmException.class,
                    () -> client.getParameter(b -> b.name("/social-desk/platforms/x")));
            assertEquals(400, encrypted.statusCode());
            assertTrue(encrypted.getMessage().contains("WithDecryption"), encrypted.getMessage());
        }
    }
}
