package socialdesk.aws.secrets;

import java.util.Map;
import java.util.Optional;
import socialdesk.aws.client.AwsJsonClient;
import socialdesk.aws.client.AwsServiceException;
import socialdesk.aws.client.CredentialsProvider;
import socialdesk.aws.client.ServiceEndpoint;
import socialdesk.aws.client.Transport;
import socialdesk.core.json.JsonRead;

/** Secrets Manager's GetSecretValue over the JSON 1.1 protocol. Built once per container. */
public final class SecretsManager {
    private final AwsJsonClient client;

    public SecretsManager(ServiceEndpoint endpoint, CredentialsProvider credentials, Transport transport) {
        this.client = new AwsJsonClient(endpoint, "secretsmanager", "1.1", credentials, transport);
    }

    /** The current string value of the secret (ARN or name), or empty when no such secret exists. */
    public Optional<String> secretString(String secretId) {
        try {
            return Optional.ofNullable(JsonRead.string(client.call("GetSecretValue", Map.of("SecretId", secretId)), "SecretString"));
        } catch (AwsServiceException e) {
            if ("ResourceNotFoundException".equals(e.code())) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
