package socialdesk.aws.client;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import socialdesk.core.json.Json;
import socialdesk.core.json.JsonException;
import socialdesk.core.json.JsonRead;

/**
 * Temporary credentials from the container credentials endpoint, which is how Lambda hands a
 * SnapStart function its role ({@code AWS_CONTAINER_CREDENTIALS_FULL_URI} with
 * {@code AWS_CONTAINER_AUTHORIZATION_TOKEN}); ECS uses the relative form. Fetched on first use and
 * again five minutes before they expire, so a restored snapshot never signs with stale keys.
 */
final class ContainerCredentials implements CredentialsProvider, Resource {
    private static final String ECS_HOST = "http://169.254.170.2";
    private static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofMinutes(5);

    private final Map<String, String> env;
    private final Transport transport;
    private final Clock clock;
    private AwsCredentials cached;

    ContainerCredentials(Map<String, String> env, Transport transport) {
        this(env, transport, Clock.systemUTC());
    }

    ContainerCredentials(Map<String, String> env, Transport transport, Clock clock) {
        this.env = Map.copyOf(env);
        this.transport = transport;
        this.clock = clock;
        Core.getGlobalContext().register(this);
    }

    static boolean configured(Map<String, String> env) {
        return present(env.get("AWS_CONTAINER_CREDENTIALS_FULL_URI")) || present(env.get("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"));
    }

    /**
     * The cached credentials, fetched again when they are within five minutes of expiring. Should
     * that fetch fail while they are still valid, they keep signing and the next call tries again.
     */
    @Override
    public synchronized AwsCredentials credentials() {
        Instant now = clock.instant();
        if (cached == null || (cached.expiresAt() != null && cached.expiresAt().minus(REFRESH_BEFORE_EXPIRY).isBefore(now))) {
            try {
                cached = fetch();
            } catch (AwsClientException e) {
                if (cached == null || !cached.expiresAt().isAfter(now)) {
                    throw e;
                }
            }
        }
        return cached;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        // Nothing to close: the keys fetched while priming are dropped after restore instead.
    }

    /**
     * A restored snapshot may run hours after it was taken, in many copies: each fetches its own
     * keys on its first request rather than signing with the ones priming fetched.
     */
    @Override
    public synchronized void afterRestore(Context<? extends Resource> context) {
        cached = null;
    }

    private AwsCredentials fetch() {
        URI uri = present(env.get("AWS_CONTAINER_CREDENTIALS_FULL_URI"))
                ? URI.create(env.get("AWS_CONTAINER_CREDENTIALS_FULL_URI"))
                : URI.create(ECS_HOST + env.get("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"));
        String token = authorizationToken();
        Map<String, String> headers = token == null ? Map.of("Accept", "application/json")
                : Map.of("Accept", "application/json", "Authorization", token);
        Transport.Response response;
        try {
            response = transport.send(new Transport.Request("GET", uri, headers, new byte[0]));
        } catch (IOException e) {
            throw new AwsClientException("the container credentials endpoint did not answer: " + e.getMessage(), e);
        }
        if (response.status() != 200) {
            throw new AwsClientException("the container credentials endpoint answered " + response.status());
        }
        try {
            Map<String, Object> body = Json.parseObject(new String(response.body(), StandardCharsets.UTF_8));
            String expiration = JsonRead.string(body, "Expiration");
            return new AwsCredentials(JsonRead.string(body, "AccessKeyId"), JsonRead.string(body, "SecretAccessKey"),
                    JsonRead.string(body, "Token"), expiration == null ? null : Instant.parse(expiration));
        } catch (JsonException | IllegalArgumentException | java.time.DateTimeException e) {
            throw new AwsClientException("the container credentials endpoint answered something unreadable: " + e.getMessage(), e);
        }
    }

    private String authorizationToken() {
        String file = env.get("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE");
        if (present(file)) {
            try {
                return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new AwsClientException("cannot read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE " + file + ": " + e.getMessage(), e);
            }
        }
        String token = env.get("AWS_CONTAINER_AUTHORIZATION_TOKEN");
        return present(token) ? token : null;
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
