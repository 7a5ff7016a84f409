package socialdesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import socialdesk.core.json.Json;
import socialdesk.core.post.Platform;
import socialdesk.core.post.PostContent;
import socialdesk.core.publish.PublishOutcome.Published;
import socialdesk.core.publish.PublishRequest;
import socialdesk.platforms.Publishers;
import socialdesk.platforms.fake.FakeX;
import socialdesk.platforms.fake.TestClock;

/** {@code social auth x} against {@link FakeX}: the test plays the browser that consents. */
class AuthCommandTest {
    private static final Instant NOW = Instant.parse("2026-12-06T09:00:00Z");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final TestClock clock = new TestClock(NOW);
    private final FakeX x = new FakeX(clock);

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        x.close();
    }

    /** The person approves in the browser, which then follows X's redirect to the loopback callback. */
    private Consumer<URI> approvingBrowser() {
        return authorizeUri -> Thread.startVirtualThread(() -> {
            try {
                HTTP.send(HttpRequest.newBuilder(x.consent(authorizeUri)).build(), HttpResponse.BodyHandlers.discarding());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void storesTheFirstTokensInTheLocalSecretsFileAndTheyPublish() throws Exception {
        Path secrets = dir.resolve("secrets.json");
        Files.writeString(secrets, "{\"/social-desk/platforms/mastodon\":{\"accessToken\":\"keep\"}}");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        int status = new AuthCommand(HTTP, clock, URI.create(x.baseUri() + "/i/oauth2/authorize"), x.baseUri())
                .run(new String[] {"x", "--client-id", FakeX.CLIENT_ID, "--port", "0", "--data-dir", dir.toString()},
                        new PrintStream(printed, true, StandardCharsets.UTF_8), approvingBrowser());

        assertEquals(0, status);
        Map<String, Object> all = Json.parseObject(Files.readString(secrets));
        assertEquals(Map.of("accessToken", "keep"), all.get("/social-desk/platforms/mastodon"));
        @SuppressWarnings("unchecked")
        Map<String, Object> stored = (Map<String, Object>) all.get("/social-desk/platforms/x");
        assertEquals(FakeX.CLIENT_ID, stored.get("clientId"));
        assertEquals(NOW.plus(FakeX.ACCESS_TOKEN_LIFETIME).toString(), stored.get("expiresAt"));
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("code_challenge_method=S256"));
        assertInstanceOf(Published.class, Publishers.fromSecret(Platform.X, Json.write(stored), HTTP, clock)
                .publish(new PublishRequest("p", new PostContent("authorised", null), "p/x", NOW)));
        assertEquals(List.of(), x.violations());
    }

    @Test
    void aForgedCallbackIsIgnoredAndTheRealOneStillCompletes() throws Exception {
        Consumer<URI> forgerThenPerson = authorizeUri -> Thread.startVirtualThread(() -> {
            try {
                URI real = x.consent(authorizeUri);
                URI forged = URI.create(real.toString().replaceFirst("state=[^&]+", "state=forged"));
                int forgedStatus = HTTP.send(HttpRequest.newBuilder(forged).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                if (forgedStatus != 400) {
                    throw new IllegalStateException("forged callback answered " + forgedStatus);
                }
                HTTP.send(HttpRequest.newBuilder(real).build(), HttpResponse.BodyHandlers.discarding());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        int status = new AuthCommand(HTTP, clock, URI.create(x.baseUri() + "/i/oauth2/authorize"), x.baseUri())
                .run(new String[] {"x", "--client-id", FakeX.CLIENT_ID, "--port", "0", "--data-dir", dir.toString()},
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), forgerThenPerson);

        assertEquals(0, status);
    }

    @Test
    void withoutAClientIdItSaysWhatIsMissing() {
        CliException e = assertThrows(CliException.class, () -> new AuthCommand().run(new String[] {"x"},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), uri -> { }));

        assertEquals("--client-id is required (the X app's OAuth 2.0 Client ID)", e.getMessage());
        assertEquals(Duration.ofMinutes(5), AuthCommand.WAIT);
    }
}
