package socialdesk.aws.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Credentials from the environment: the container credentials endpoint (a real HTTP server on
 * loopback standing in for Lambda's), and the {@code AWS_ACCESS_KEY_ID} family of variables.
 */
class ContainerCredentialsTest {
    private static final Instant NOW = Instant.parse("2026-11-26T09:00:00Z");

    private LoopbackServer endpoint;

    @BeforeEach
    void startEndpoint() {
        endpoint = LoopbackServer.start();
    }

    @AfterEach
    void stopEndpoint() {
        endpoint.close();
    }

    @Test
    void fetchesFromTheFullUriWithTheAuthorizationToken() {
        endpoint.reply(200, credentialsJson("ASIAONE", "secret-one", "token-one", NOW.plus(Duration.ofHours(6))));
        Map<String, String> env = Map.of(
                "AWS_CONTAINER_CREDENTIALS_FULL_URI", endpoint.uri() + "2021-04-23/functions/credentials",
                "AWS_CONTAINER_AUTHORIZATION_TOKEN", "lambda-token",
                "AWS_ACCESS_KEY_ID", "AKIAIGNORED", "AWS_SECRET_ACCESS_KEY", "ignored");

        AwsCredentials credentials = CredentialsProvider.fromEnvironment(env, UrlConnectionTransport.standard()).credentials();

        assertEquals(new AwsCredentials("ASIAONE", "secret-one", "token-one", NOW.plus(Duration.ofHours(6))), credentials);
        LoopbackServer.Received request = endpoint.received().getFirst();
        assertEquals("GET", request.method());
        assertEquals("/2021-04-23/functions/credentials", request.rawPathAndQuery());
        assertEquals("lambda-token", request.header("Authorization"));
        assertEquals("application/json", request.header("Accept"));
    }

    @Test
    void readsNothingUntilTheFirstRequestIsSigned() {
        CredentialsProvider provider = CredentialsProvider.fromEnvironment(
                Map.of("AWS_CONTAINER_CREDENTIALS_FULL_URI", endpoint.uri().toString()), UrlConnectionTransport.standard());

        assertEquals(List.of(), endpoint.received());
        endpoint.reply(200, credentialsJson("ASIAONE", "secret-one", "token-one", NOW.plus(Duration.ofHours(1))));
        assertEquals("ASIAONE", provider.credentials().accessKeyId());
        assertNull(endpoint.received().getFirst().header("Authorization"), "no token configured, none sent");
    }

    @Test
    void theTokenFileIsReadAtEachFetchAndBeatsTheTokenVariable(@TempDir Path dir) throws IOException {
        Path tokenFile = dir.resolve("token");
        Files.writeString(tokenFile, "token-from-file\n", StandardCharsets.UTF_8);
        endpoint.reply(200, credentialsJson("ASIAONE", "secret-one", "token-one", NOW.plus(Duration.ofMinutes(10))));
        endpoint.reply(200, credentialsJson("ASIATWO", "secret-two", "token-two", NOW.plus(Duration.ofHours(1))));
        MutableClock clock = new MutableClock(NOW);
        ContainerCredentials provider = new ContainerCredentials(Map.of(
                "AWS_CONTAINER_CREDENTIALS_FULL_URI", endpoint.uri().toString(),
                "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", tokenFile.toString(),
                "AWS_CONTAINER_AUTHORIZATION_TOKEN", "token-from-variable"), UrlConnectionTransport.standard(), clock);

        provider.credentials();
        Files.writeString(tokenFile, "rotated-token", StandardCharsets.UTF_8);
        clock.advance(Duration.ofMinutes(6));
        provider.credentials();

        assertEquals(List.of("token-from-file", "rotated-token"),
                endpoint.received().stream().map(r -> r.header("Authorization")).toList());
    }

    @Test
    void anUnreadableTokenFileIsNamedInTheError(@TempDir Path dir) {
        Path missing = dir.resolve("no-such-token");
        CredentialsProvider provider = CredentialsProvider.fromEnvironment(Map.of(
                "AWS_CONTAINER_CREDENTIALS_FULL_URI", endpoint.uri().toString(),
                "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", missing.toString()), UrlConnectionTransport.standard());

        AwsClientException e = assertThrows(AwsClientException.class, provider::credentials);

        assertTrue(e.getMessage().contains("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE") && e.getMessage().contains(missing.toString()),
                e.getMessage());
        assertEquals(List.of(), endpoint.received());
    }

    @Test
    void cachesTheCredentialsUntilFiveMinutesBeforeTheyExpire() {
        Instant expiry = NOW.plus(Duration.ofHours(1));
        endpoint.reply(200, credentialsJson("ASIAONE", "secret-one", "token-one", expiry));
        endpoint.reply(200, credentialsJson("ASIATWO", "secret-two", "token-two", expiry.plus(Duration.ofHours(1))));
        MutableClock clock = new MutableClock(NOW);
        ContainerCredentials provider = new ContainerCredentials(
                Map.of("AWS_CONTAINER_CREDENTIALS_FULL_URI", endpoint.uri().toString()), UrlConnectionTransport.standard(), clock);

        assertEquals("ASIAONE", provider.credentials().accessKeyId());
        clock.set(expiry.minus(Duration.ofMinutes(5)));
        assertEquals("ASIAONE", provider.credentials().accessKeyId());
        assertEquals(1, endpoint.received().size());

        clock.set(expiry.minus(Duration.ofMinutes(5)).plusSeconds(1));
        AwsCredentials refreshed = provider.credentials();

        assertEquals("ASIATWO", refreshed.accessKeyId());
        assertEquals("token-two", refreshed.sessionToken());
        assertEquals(2, endpoint.received().size());
        assertEquals("ASIATWO", provider.credentials().accessKeyId());
        assertEquals(2, endpoint.received().size());
    }

    @Test
    void credentialsWithoutAnExpirationAreFetchedOnce() {
        endpoint.reply(200, "{\"AccessKeyId\":\"ASIAONE\",\"SecretAccessKey\":\"secret-one\",\"Token\":\"token-one\"}");
        MutableClock clock = new MutableClock(NOW);
        ContainerCredentials provider = new ContainerCredentials(
                Map.of("AWS_CONTAINER_CREDENTIALS_FULL_URI", endpoint.uri().toString()), UrlConnectionTransport.standard(), clock);

        provider.credentials();
        clock.advance(Duration.ofDays(30));
        AwsCredentials later = provider.credentials();

        assertEquals("ASIAONE", later.accessKeyId());
        assertNull(later.expiresAt());
        assertEquals(1, endpoint.received().size());
    }

    /** A SnapStart restore drops the keys fetched while priming: each restored copy fetches its own. */
    @Test
    void aRestoredSnapshotFetchesFreshCredentials() {
        endpoint.reply(200, "{\"AccessKeyId\":\"ASIAPRIMING\",\"SecretAccessKey\":\"secret-one\",\"Token\":\"token-one\"}");
        ContainerCredentials provider = new ContainerCredentials(
                Map.of("AWS_CONTAINER_CREDENTIALS_FULL_URI", endpoint.uri().toString()), UrlConnectionTransport.standard(),
                new MutableClock(NOW));
        provider.credentials();

        endpoint.reply(200, "{\"AccessKeyId\":\"ASIARESTORED\",\"SecretAccessKey\":\"secret-two\",\"Token\":\"token-two\"}");
        provider.afterRestore(null);

        assertEquals("ASIARESTORED", provider.credentials().accessKeyId());
        assertEquals(2, endpoint.received().size());
    }

    /**
     * Credentials that still have minutes to live keep signing when a refresh fails, as the SDK's
     * providers do: a blip of the endpoint must not fail a request that valid keys can sign.
     */
    @Test
    void aFailedRefreshKeepsCredentialsThatHaveNotExpired() {
        Instant expiry = NOW.plus(Duration.ofHours(1));
        endpoint.reply(200, credentialsJson("ASIAONE", "secret-one", "token-one", expiry));
        endpoint.reply(500, "busy");
        endpoint.reply(200, credentialsJson("ASIATWO", "secret-two", "token-two", expiry.plus(Duration.ofHours(1))));
        MutableClock clock = new MutableClock(NOW);
        ContainerCredentials provider = new ContainerCredentials(
                Map.of("AWS_CONTAINER_CREDENTIALS_FULL_URI", endpoint.uri().toString()), UrlConnectionTransport.standard(), clock);
        provider.credentials();

        clock.set(expiry.minus(Duration.ofMinutes(2)));
        assertEquals("ASIAONE", provider.credentials().accessKeyId());
        assertEquals("ASIATWO", provider.credentials().accessKeyId());
        assertEquals(3, endpoint.received().size());
    }

    @Test
    void aFailedRefreshOfExpiredCredentialsIsAnError() {
        Instant expiry = NOW.plus(Duration.ofHours(1));
        endpoint.reply(200, credentialsJson("ASIAONE", "secret-one", "token-one", expiry));
        endpoint.reply(503, "down");
        MutableClock clock = new MutableClock(NOW);
        ContainerCredentials provider = new ContainerCredentials(
                Map.of("AWS_CONTAINER_CREDENTIALS_FULL_URI", endpoint.uri().toString()), UrlConnectionTransport.standard(), clock);
        provider.credentials();

        clock.set(expiry);
        AwsClientException e = assertThrows(AwsClientException.class, provider::credentials);

        assertTrue(e.getMessage().contains("503"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 403, 404, 500})
    void anErrorStatusIsAClientErrorNamingIt(int status) {
        endpoint.reply(status, "{\"message\":\"no\"}");
        CredentialsProvider provider = CredentialsProvider.fromEnvironment(
                Map.of("AWS_CONTAINER_CREDENTIALS_FULL_URI", endpoint.uri().toString()), UrlConnectionTransport.standard());

        AwsClientException e = assertThrows(AwsClientException.class, provider::credentials);

        assertTrue(e.getMessage().contains("container credentials endpoint") && e.getMessage().contains(Integer.toString(status)),
                e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "not json at all",
        "[]",
        "{}",
        "{\"AccessKeyId\":\"ASIAONE\",\"Token\":\"t\",\"Expiration\":\"2026-11-26T10:00:00Z\"}",
        "{\"AccessKeyId\":\"ASIAONE\",\"SecretAccessKey\":\"s\",\"Token\":\"t\",\"Expiration\":\"tomorrow\"}"})
    void anUnreadableAnswerIsAClientError(String body) {
        endpoint.reply(200, body);
        CredentialsProvider provider = CredentialsProvider.fromEnvironment(
                Map.of("AWS_CONTAINER_CREDENTIALS_FULL_URI", endpoint.uri().toString()), UrlConnectionTransport.standard());

        AwsClientException e = assertThrows(AwsClientException.class, provider::credentials);

        assertTrue(e.getMessage().startsWith("the container credentials endpoint answered something unreadable"), e.getMessage());
    }

    @Test
    void anEndpointThatDoesNotAnswerIsAClientError() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        CredentialsProvider provider = CredentialsProvider.fromEnvironment(
                Map.of("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:" + port + "/creds"), UrlConnectionTransport.standard());

        AwsClientException e = assertThrows(AwsClientException.class, provider::credentials);

        assertTrue(e.getMessage().startsWith("the container credentials endpoint did not answer"), e.getMessage());
    }

    /** ECS's relative form names a path on the task metadata address; the transport records where it was sent. */
    @Test
    void theRelativeUriIsOnTheEcsCredentialsAddress() {
        List<Transport.Request> sent = new ArrayList<>();
        Transport recording = request -> {
            sent.add(request);
            return new Transport.Response(200, credentialsJson("ASIAECS", "secret", "token", NOW.plus(Duration.ofHours(1)))
                    .getBytes(StandardCharsets.UTF_8));
        };

        AwsCredentials credentials = CredentialsProvider.fromEnvironment(
                Map.of("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/credentials/abc-123"), recording).credentials();

        assertEquals("ASIAECS", credentials.accessKeyId());
        assertEquals(URI.create("http://169.254.170.2/v2/credentials/abc-123"), sent.getFirst().uri());
    }

    @Test
    void environmentKeysWithASessionToken() {
        AwsCredentials credentials = CredentialsProvider.fromEnvironment(Map.of(
                "AWS_ACCESS_KEY_ID", "ASIAENV", "AWS_SECRET_ACCESS_KEY", "env-secret", "AWS_SESSION_TOKEN", "env-token"),
                UrlConnectionTransport.standard()).credentials();

        assertEquals(new AwsCredentials("ASIAENV", "env-secret", "env-token", null), credentials);
    }

    @Test
    void environmentKeysWithoutASessionToken() {
        Map<String, String> env = new HashMap<>(Map.of("AWS_ACCESS_KEY_ID", "AKIAENV", "AWS_SECRET_ACCESS_KEY", "env-secret"));
        assertEquals(AwsCredentials.of("AKIAENV", "env-secret"),
                CredentialsProvider.fromEnvironment(env, UrlConnectionTransport.standard()).credentials());

        env.put("AWS_SESSION_TOKEN", " ");
        assertNull(CredentialsProvider.fromEnvironment(env, UrlConnectionTransport.standard()).credentials().sessionToken(),
                "a blank token is no token");
    }

    @Test
    void noCredentialsAtAllSaysWhatToSet() {
        CredentialsProvider provider = CredentialsProvider.fromEnvironment(
                Map.of("AWS_ACCESS_KEY_ID", "AKIAENV", "AWS_SECRET_ACCESS_KEY", ""), UrlConnectionTransport.standard());

        AwsClientException e = assertThrows(AwsClientException.class, provider::credentials);

        assertEquals("no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_CONTAINER_CREDENTIALS_FULL_URI",
                e.getMessage());
    }

    @Test
    void theSecretNeverAppearsInToString() {
        AwsCredentials credentials = new AwsCredentials("ASIAONE", "very-secret", "very-secret-token", null);

        assertEquals("AwsCredentials[ASIAONE]", credentials.toString());
    }

    private static String credentialsJson(String keyId, String secret, String token, Instant expiration) {
        return "{\"RoleArn\":\"arn:aws:iam::123456789012:role/fn\",\"AccessKeyId\":\"" + keyId + "\",\"SecretAccessKey\":\"" + secret
                + "\",\"Token\":\"" + token + "\",\"Expiration\":\"" + expiration + "\"}";
    }

    /** A clock the test moves; the provider reads it on each call. */
    private static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the provider works in UTC");
        }
    }
}
