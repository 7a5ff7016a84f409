package socialdesk.aws.token;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import socialdesk.core.platform.token.TokenStore;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * Platform secrets in Secrets Manager, read past the function's secret cache
 * ({@code GetSecretValue} of the current version) and written with {@code PutSecretValue}, which
 * makes the new value {@code AWSCURRENT} (the previous one stays as {@code AWSPREVIOUS}). The IAM
 * policy allows the write on the platform secrets only.
 */
public final class SecretsManagerTokenStore implements TokenStore {
    private final SecretsManagerClient client;

    public SecretsManagerTokenStore(SecretsManagerClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    @Override
    public Optional<String> read(String secretName) {
        try {
            return Optional.ofNullable(client.getSecretValue(r -> r.secretId(secretName)).secretString());
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public void write(String secretName, String secretJson) {
        client.putSecretValue(r -> r.secretId(secretName).secretString(secretJson)
                .clientRequestToken(UUID.randomUUID().toString()));
    }
}
