package socialdesk.aws.secrets;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Platform credentials from Secrets Manager, read once per container and kept in memory. Read on
 * first use, not at init, so no secret is ever part of a SnapStart snapshot.
 */
public final class SecretsManagerSecrets {
    private final SecretsManagerClient client;
    private final Map<String, String> cache = new ConcurrentHashMap<>();

    public SecretsManagerSecrets(SecretsManagerClient client) {
        this.client = client;
    }

    /** The secret's string value; the id is its ARN or name. */
    public String secretString(String secretId) {
        return cache.computeIfAbsent(secretId, id -> client.getSecretValue(b -> b.secretId(id)).secretString());
    }
}
