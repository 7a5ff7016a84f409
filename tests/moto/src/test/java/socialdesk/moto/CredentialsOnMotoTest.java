package socialdesk.moto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import socialdesk.aws.priming.Priming;
import socialdesk.aws.secrets.ParameterStoreCredentials;
import socialdesk.aws.testing.MotoServer;
import socialdesk.aws.testing.RequestCounter;
import socialdesk.aws.testing.RequiresMoto;
import socialdesk.aws.token.AwsTokenRenewal;
import socialdesk.aws.token.ParameterStoreTokenStore;
import socialdesk.core.json.Json;
import socialdesk.core.json.JsonRead;
import socialdesk.core.log.JsonLog;
import socialdesk.core.metrics.DeskMetrics;
import socialdesk.core.platform.token.OAuthTokens;
import socialdesk.core.platform.token.TokenRefreshException;
import socialdesk.core.platform.token.TokenRefresher;
import socialdesk.core.platform.token.TokenRenewal;
import socialdesk.core.platform.token.TokenSource;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * The credential store the functions use, against moto's Parameter Store (and its DynamoDB for the
 * refresh lock), over the SDK clients the project's factory builds: SecureString parameters put,
 * read and overwritten with versions, a path read page by page without its neighbours, and
 * refreshed tokens written back by one writer at a time under the lock.
 */
@RequiresMoto
class CredentialsOnMotoTest {
    private static final Instant NOW = Instant.parse("2026-12-06T05:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static SsmClient ssm;

    @BeforeAll
    static void client() {
        ssm = MotoServer.shared().clients().ssm();
    }

    /** A fresh {@code CredentialsPath} per test: parameters never shared between tests. */
    private static String uniquePath() {
        return "/social-desk-" + UUID.randomUUID();
    }

    private static void put(String name, String value) {
        ssm.putParameter(b -> b.name(name).value(value).type(ParameterType.SECURE_STRING));
    }

    @Test
    void anOverwriteIsTheNextVersion_andTheEarlierOneStaysReadableByItsNumber() {
        String name = uniquePath() + "/platforms/x";
        put(name, "{\"refreshToken\":\"r0\"}");
        ParameterStoreTokenStore store = new ParameterStoreTokenStore(ssm);

        store.write(name, "{\"refreshToken\":\"r1\"}");

        assertEquals(Optional.of("{\"refreshToken\":\"r1\"}"), store.read(name));
        assertEquals(2L, ssm.getParameter(b -> b.name(name).withDecryption(true)).parameter().version());
        assertEquals("{\"refreshToken\":\"r0\"}", ssm.getParameter(b -> b.name(name + ":1").withDecryption(true)).parameter().value());
        assertEquals(ParameterType.SECURE_STRING, ssm.getParameter(b -> b.name(name).withDecryption(true)).parameter().type());
        assertEquals(Optional.empty(), store.read(name + "-never-created"));
    }

    @Test
    void aPathIsReadPageByPage_withoutTheParametersBelowItOrBesideIt() {
        String root = uniquePath();
        for (int i = 0; i < 12; i++) {
            put(root + "/platforms/p" + i, "{\"accessToken\":\"t" + i + "\"}");
        }
        put(root + "/platforms/nested/deeper", "{}");
        put(root + "/webhooks/meta", "{\"appSecret\":\"a\"}");
        RequestCounter requests = new RequestCounter();
        SsmClient counted = MotoServer.shared().clients(requests).ssm();
        ParameterStoreCredentials platforms = new ParameterStoreCredentials(counted, root + "/platforms", DeskMetrics.NONE);

        assertEquals(Optional.of("{\"accessToken\":\"t11\"}"), platforms.find(root + "/platforms/p11"));
        assertEquals(Optional.of("{\"accessToken\":\"t0\"}"), platforms.find(root + "/platforms/p0"));
        assertEquals(Optional.empty(), platforms.find(root + "/platforms/nested"));
        assertEquals(Map.of("GetParametersByPath", 2L), requests.snapshot(), "twelve parameters, ten a page: two requests, then the cache");
        assertThrows(IllegalArgumentException.class, () -> platforms.find(root + "/webhooks/meta"));
    }

    @Test
    void refreshedTokensAreWrittenBackByOneWriterWhileAnotherContainerWaits() throws Exception {
        String name = uniquePath() + "/platforms/x";
        String stale = Json.write(Map.of("accessToken", "a0", "refreshToken", "r0", "clientId", "c",
                "expiresAt", NOW.minusSeconds(60).toString()));
        put(name, stale);
        String table = MotoServer.shared().createTable();
        TokenRenewal first = AwsTokenRenewal.forTable(MotoServer.shared().dynamoDb(), ssm, table, CLOCK);
        TokenRenewal second = AwsTokenRenewal.forTable(MotoServer.shared().dynamoDb(), ssm, table, CLOCK);
        AtomicInteger refreshes = new AtomicInteger();
        CountDownLatch refreshing = new CountDownLatch(1);
        CountDownLatch mayAnswer = new CountDownLatch(1);
        TokenRefresher platform = stored -> {
            refreshes.incrementAndGet();
            assertEquals("r0", JsonRead.string(stored, "refreshToken"));
            refreshing.countDown();
            await(mayAnswer);
            return new OAuthTokens("a1", "r1", NOW.plus(Duration.ofHours(2)));
        };
        TokenSource firstSource = first.source(name, stale, platform, TokenRenewal.SHORT_MARGIN);
        TokenSource secondSource = second.source(name, stale, platform, TokenRenewal.SHORT_MARGIN);

        CompletableFuture<String> firstToken = CompletableFuture.supplyAsync(() -> token(firstSource));
        assertTrue(refreshing.await(60, TimeUnit.SECONDS), "the first container never reached the platform");
        TokenRefreshException waiting = assertThrows(TokenRefreshException.class, secondSource::accessToken);
        mayAnswer.countDown();
        String refreshed = firstToken.get(60, TimeUnit.SECONDS);
        String afterwards = secondSource.accessToken();

        assertTrue(waiting.getMessage().contains("another invocation is refreshing"), waiting.getMessage());
        assertEquals("a1", refreshed);
        assertEquals("a1", afterwards, "the second container uses the written-back token");
        assertEquals(1, refreshes.get(), "the refresh token is spent once");
        var stored = ssm.getParameter(b -> b.name(name).withDecryption(true)).parameter();
        assertEquals(2L, stored.version());
        assertEquals("r1", JsonRead.string(Json.parseObject(stored.value()), "refreshToken"));
    }

    /**
     * The SnapStart priming's Parameter Store steps against an independent implementation: the
     * path that is never created reads as an empty page and the name under it as ParameterNotFound,
     * the answers the steps expect, so neither step fails and no credential is read.
     */
    @Test
    void thePrimingReadsAnswerAsTheStepsExpect() {
        RequestCounter requests = new RequestCounter();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream previous = JsonLog.redirect(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            Priming.forFunction("moto").parametersMiss(MotoServer.shared().clients(requests).ssm()).build().beforeCheckpoint(null);
        } finally {
            JsonLog.redirect(previous);
        }

        Map<String, Object> done = log.toString(StandardCharsets.UTF_8).lines().map(Json::parseObject)
                .filter(line -> "priming done".equals(line.get("message"))).findFirst().orElseThrow();
        assertEquals(0L, done.get("failed"), log.toString(StandardCharsets.UTF_8));
        assertEquals(Map.of("GetParameter", 1L, "GetParametersByPath", 1L), requests.snapshot());
    }

    private static String token(TokenSource source) {
        try {
            return source.accessToken();
        } catch (TokenRefreshException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never let the refresh answer");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
