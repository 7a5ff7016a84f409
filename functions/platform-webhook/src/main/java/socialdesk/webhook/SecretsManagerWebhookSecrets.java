package socialdesk.webhook;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import socialdesk.aws.secrets.SecretsManagerSecrets;
import socialdesk.core.json.Json;
import socialdesk.core.json.JsonRead;

/**
 * Webhook credentials from Secrets Manager, one secret per platform, each a JSON object:
 * <ul>
 *   <li>Meta: {@code {"appSecret": "...", "verifyToken": "..."}}</li>
 *   <li>X: {@code {"consumerSecret": "..."}}</li>
 *   <li>LinkedIn: {@code {"clientSecret": "..."}}</li>
 * </ul>
 * An empty ARN means the platform is not configured. Secrets are fetched on first use (never at
 * init, so none is in a SnapStart snapshot) and kept for the container's life.
 */
final class SecretsManagerWebhookSecrets implements WebhookSecrets {
    private final SecretsManagerSecrets secrets;
    private final String metaArn;
    private final String xArn;
    private final String linkedInArn;

    SecretsManagerWebhookSecrets(SecretsManagerSecrets secrets, String metaArn, String xArn, String linkedInArn) {
        this.secrets = secrets;
        this.metaArn = metaArn;
        this.xArn = xArn;
        this.linkedInArn = linkedInArn;
    }

    @Override
    public Optional<Meta> meta() {
        return read(metaArn, json -> new Meta(required(json, "appSecret", metaArn), required(json, "verifyToken", metaArn)));
    }

    @Override
    public Optional<String> xConsumerSecret() {
        return read(xArn, json -> required(json, "consumerSecret", xArn));
    }

    @Override
    public Optional<String> linkedInClientSecret() {
        return read(linkedInArn, json -> required(json, "clientSecret", linkedInArn));
    }

    private <T> Optional<T> read(String arn, Function<Map<String, Object>, T> fields) {
        if (arn == null || arn.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(fields.apply(Json.parseObject(secrets.secretString(arn))));
    }

    private static String required(Map<String, Object> json, String field, String arn) {
        String value = JsonRead.string(json, field);
        if (value == null || value.isEmpty()) {
            // Names the secret and the field, never a value.
            throw new IllegalStateException("secret " + arn + " has no " + field);
        }
        return value;
    }
}
