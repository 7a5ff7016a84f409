package socialdesk.webhook;

import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import socialdesk.aws.secrets.ParameterStoreCredentials;
import socialdesk.core.json.Json;
import socialdesk.core.json.JsonRead;

/**
 * Webhook credentials from Parameter Store, one SecureString parameter per platform under the
 * webhook path ({@code /social-desk/webhooks}), each a JSON object:
 * <ul>
 *   <li>{@code <path>/meta}: {@code {"appSecret": "...", "verifyToken": "..."}}</li>
 *   <li>{@code <path>/x}: {@code {"consumerSecret": "..."}}</li>
 *   <li>{@code <path>/linkedin}: {@code {"clientSecret": "..."}}</li>
 * </ul>
 * A platform with no parameter is not configured (its route answers 404). Read on first use (never
 * at init, so none is in a SnapStart snapshot), all three in one request, through the reader's
 * fifteen-minute cache, so a rotated signing secret is used within a quarter of an hour.
 */
final class ParameterStoreWebhookSecrets implements WebhookSecrets {
    static final String META = "meta";
    static final String X = "x";
    static final String LINKEDIN = "linkedin";

    private final ParameterStoreCredentials parameters;

    ParameterStoreWebhookSecrets(ParameterStoreCredentials parameters) {
        this.parameters = parameters;
    }

    @Override
    public Optional<Meta> meta() {
        return read(META, (json, name) -> new Meta(required(json, "appSecret", name), required(json, "verifyToken", name)));
    }

    @Override
    public Optional<String> xConsumerSecret() {
        return read(X, (json, name) -> required(json, "consumerSecret", name));
    }

    @Override
    public Optional<String> linkedInClientSecret() {
        return read(LINKEDIN, (json, name) -> required(json, "clientSecret", name));
    }

    private <T> Optional<T> read(String platform, BiFunction<Map<String, Object>, String, T> fields) {
        String name = parameters.nameOf(platform);
        return parameters.find(name).map(value -> fields.apply(Json.parseObject(value), name));
    }

    private static String required(Map<String, Object> json, String field, String name) {
        String value = JsonRead.string(json, field);
        if (value == null || value.isEmpty()) {
            // Names the parameter and the field, never a value.
            throw new IllegalStateException("parameter " + name + " has no " + field);
        }
        return value;
    }
}
