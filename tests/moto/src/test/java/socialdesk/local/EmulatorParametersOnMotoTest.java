package socialdesk.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import socialdesk.aws.testing.MotoServer;
import socialdesk.aws.testing.RequiresMoto;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * The emulator mode of {@code ./social local} (AWS_ENDPOINT_URL set) puts the credentials of
 * {@code .local/secrets.json} on the endpoint as SecureString parameters under the same names, the
 * configured ones only, and a second start makes them the next version: here against moto, an
 * AWS-compatible endpoint as Floci or LocalStack are.
 */
@RequiresMoto
class EmulatorParametersOnMotoTest {
    @TempDir
    Path data;

    @Test
    void theConfiguredCredentialsBecomeSecureStringParameters_andASecondStartTheNextVersion() {
        String root = "/social-desk-" + UUID.randomUUID();
        LocalSecrets secrets = new LocalSecrets(data.resolve("secrets.json"), "http://127.0.0.1:45999");
        Map<String, Object> file = new LinkedHashMap<>();
        file.put(root + "/platforms/mastodon", Map.of("instanceUrl", LocalSecrets.SANDBOX_PLACEHOLDER, "accessToken", "m"));
        file.put(root + "/platforms/bluesky", null);
        file.put(root + "/webhooks/meta", Map.of("appSecret", "a", "verifyToken", "v"));
        secrets.createIfMissing(file);
        LocalIdentity identity = new LocalIdentity(MotoServer.REGION, MotoServer.ACCESS_KEY_ID, MotoServer.SECRET_ACCESS_KEY);
        Console console = new Console(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        SsmClient ssm = MotoServer.shared().clients().ssm();

        try (RemoteResources remote = new RemoteResources(MotoServer.shared().endpoint(), identity, console)) {
            remote.createParameters(secrets);
            remote.createParameters(secrets);
        }

        List<Parameter> made = ssm.getParametersByPath(b -> b.path(root).recursive(true).withDecryption(true)).parameters();
        assertEquals(List.of(root + "/platforms/mastodon", root + "/webhooks/meta"), made.stream().map(Parameter::name).sorted().toList());
        Parameter mastodon = made.stream().filter(p -> p.name().endsWith("mastodon")).findFirst().orElseThrow();
        assertEquals(ParameterType.SECURE_STRING, mastodon.type());
        assertEquals(2L, mastodon.version());
        assertEquals(secrets.secretString(root + "/platforms/mastodon").orElseThrow(), mastodon.value());
    }
}
