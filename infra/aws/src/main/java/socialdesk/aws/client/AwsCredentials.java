package socialdesk.aws.client;

import java.time.Instant;

/**
 * One set of AWS credentials; {@code sessionToken} is null for long-term keys and
 * {@code expiresAt} is null when they do not expire.
 */
public record AwsCredentials(String accessKeyId, String secretAccessKey, String sessionToken, Instant expiresAt) {
    public AwsCredentials {
        if (accessKeyId == null || accessKeyId.isBlank() || secretAccessKey == null || secretAccessKey.isBlank()) {
            throw new IllegalArgumentException("an access key id and a secret access key are both needed");
        }
    }

    public static AwsCredentials of(String accessKeyId, String secretAccessKey) {
        return new AwsCredentials(accessKeyId, secretAccessKey, null, null);
    }

    @Override
    public String toString() {
        return "AwsCredentials[" + accessKeyId + "]";
    }
}
