package socialdesk.aws.client;

import java.util.Map;

/** Where a client gets the credentials it signs with; asked before every request, so it may cache and refresh. */
@FunctionalInterface
public interface CredentialsProvider {
    AwsCredentials credentials();

    static CredentialsProvider fixed(AwsCredentials credentials) {
        return () -> credentials;
    }

    /**
     * What Lambda gives a function: the container credentials endpoint when it is set (SnapStart
     * functions, ECS), otherwise the {@code AWS_ACCESS_KEY_ID} family of variables. Nothing is read
     * until the first request, so no credentials are part of a SnapStart snapshot.
     */
    static CredentialsProvider fromEnvironment(Map<String, String> env, Transport transport) {
        if (ContainerCredentials.configured(env)) {
            return new ContainerCredentials(env, transport);
        }
        return () -> {
            String keyId = env.get("AWS_ACCESS_KEY_ID");
            String secret = env.get("AWS_SECRET_ACCESS_KEY");
            if (keyId == null || keyId.isBlank() || secret == null || secret.isBlank()) {
                throw new AwsClientException("no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY,"
                        + " or AWS_CONTAINER_CREDENTIALS_FULL_URI");
            }
            String token = env.get("AWS_SESSION_TOKEN");
            return new AwsCredentials(keyId, secret, token == null || token.isBlank() ? null : token, null);
        };
    }
}
