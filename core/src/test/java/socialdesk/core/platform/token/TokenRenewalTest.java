package socialdesk.core.platform.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import socialdesk.core.json.Json;

class TokenRenewalTest {
    private static final Instant NOW = Instant.parse("2026-12-06T09:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String SECRET = "social-desk/x";

    /** A store that keeps credentials in a map, as Parameter Store would. */
    private static final class MapStore implements TokenStore {
        final Map<String, String> secrets = new HashMap<>();
        int writes;

        @Override
        public synchronized Optional<String> read(String secretName) {
            return Optional.ofNullable(secrets.get(secretName));
        }

        @Override
        public synchronized void write(String secretName, String secretJson) {
            writes++;
            secrets.put(secretName, secretJson);
        }
    }

    /** A lock with the conditional-put semantics of the DynamoDB lease. */
    private static final class MapLock implements RefreshLock {
        final Map<String, String> holders = new HashMap<>();

        @Override
        public synchronized boolean tryAcquire(String name, String holder, Instant until) {
            return holders.putIfAbsent(name, holder) == null;
        }

        @Override
        public synchronized void release(String name, String holder) {
            holders.remove(name, holder);
        }
    }

    /** X's rotation: each refresh token works once and yields the next. */
    private static final class RotatingEndpoint implements TokenRefresher {
        final AtomicInteger spent = new AtomicInteger();
        final List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        volatile CountDownLatch hold;

        @Override
        public OAuthTokens refresh(Map<String, Object> secret) throws TokenRefreshException {
            String token = (String) secret.get("refreshToken");
            if (seen.contains(token)) {
                throw new TokenRefreshException("x: invalid_grant: refresh token already used", true);
            }
            seen.add(token);
            int n = spent.incrementAndGet();
            if (hold != null) {
                try {
                    hold.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return new OAuthTokens("access-" + n, "refresh-" + n, NOW.plus(Duration.ofHours(2)));
        }
    }

    private static String secret(String access, String refresh, Instant expiresAt) {
        return Json.write(Map.of("accessToken", access, "refreshToken", refresh, "expiresAt", expiresAt.toString(),
                "clientId", "client-123"));
    }

    @Test
    void aFreshTokenIsUsedAsItIs() throws Exception {
        MapStore store = new MapStore();
        RotatingEndpoint endpoint = new RotatingEndpoint();
        String json = secret("access-0", "refresh-0", NOW.plus(Duration.ofHours(1)));

        String token = new TokenRenewal(store, new MapLock(), CLOCK).source(SECRET, json, endpoint, TokenRenewal.SHORT_MARGIN).accessToken();

        assertEquals("access-0", token);
        assertEquals(0, endpoint.spent.get());
        assertEquals(0, store.writes);
    }

    @Test
    void aTokenAboutToExpireIsRefreshedAndTheNewRefreshTokenWrittenBack() throws Exception {
        MapStore store = new MapStore();
        String json = secret("access-0", "refresh-0", NOW.plus(Duration.ofMinutes(5)));
        store.secrets.put(SECRET, json);
        RotatingEndpoint endpoint = new RotatingEndpoint();
        TokenSource source = new TokenRenewal(store, new MapLock(), CLOCK).source(SECRET, json, endpoint, TokenRenewal.SHORT_MARGIN);

        assertEquals("access-1", source.accessToken());
        assertEquals("access-1", source.accessToken());

        Map<String, Object> written = Json.parseObject(store.secrets.get(SECRET));
        assertEquals("refresh-1", written.get("refreshToken"));
        assertEquals(NOW.plus(Duration.ofHours(2)).toString(), written.get("expiresAt"));
        assertEquals("client-123", written.get("clientId"));
        assertEquals(1, endpoint.spent.get());
    }

    @Test
    void twoOverlappingInvocationsSpendTheRefreshTokenOnce() throws Exception {
        MapStore store = new MapStore();
        MapLock lock = new MapLock();
        String json = secret("access-0", "refresh-0", NOW.minus(Duration.ofMinutes(1)));
        store.secrets.put(SECRET, json);
        RotatingEndpoint endpoint = new RotatingEndpoint();
        endpoint.hold = new CountDownLatch(1);
        TokenSource first = new TokenRenewal(store, lock, CLOCK).source(SECRET, json, endpoint, TokenRenewal.SHORT_MARGIN);
        TokenSource second = new TokenRenewal(store, lock, CLOCK).source(SECRET, json, endpoint, TokenRenewal.SHORT_MARGIN);

        try (ExecutorService pool = Executors.newFixedThreadPool(1)) {
            Future<String> refreshing = pool.submit(first::accessToken);
            while (endpoint.spent.get() == 0) {
                Thread.onSpinWait();
            }
            TokenRefreshException underWay = assertThrows(TokenRefreshException.class, second::accessToken);
            assertFalse(underWay.rejected());
            endpoint.hold.countDown();
            assertEquals("access-1", refreshing.get(5, TimeUnit.SECONDS));
        }

        assertEquals("access-1", second.accessToken());
        assertEquals(1, endpoint.spent.get());
        assertEquals(List.of("refresh-0"), endpoint.seen);
    }

    @Test
    void aRejectedGrantSaysSo() {
        MapStore store = new MapStore();
        String json = secret("access-0", "refresh-0", NOW.minus(Duration.ofMinutes(1)));
        TokenRefresher refused = secret -> {
            throw new TokenRefreshException("x: invalid_grant", true);
        };

        TokenRefreshException e = assertThrows(TokenRefreshException.class,
                () -> new TokenRenewal(store, new MapLock(), CLOCK).source(SECRET, json, refused, TokenRenewal.SHORT_MARGIN).accessToken());

        assertEquals("x: invalid_grant", e.getMessage());
        assertEquals(true, e.rejected());
    }

    @Test
    void aFailedWriteBackStillUsesTheNewTokensInThisContainer() throws Exception {
        TokenStore broken = new TokenStore() {
            @Override
            public Optional<String> read(String secretName) {
                return Optional.empty();
            }

            @Override
            public void write(String secretName, String secretJson) {
                throw new IllegalStateException("AccessDeniedException");
            }
        };
        String json = secret("access-0", "refresh-0", NOW.minus(Duration.ofMinutes(1)));
        RotatingEndpoint endpoint = new RotatingEndpoint();
        TokenSource source = new TokenRenewal(broken, new MapLock(), CLOCK).source(SECRET, json, endpoint, TokenRenewal.SHORT_MARGIN);

        assertEquals("access-1", source.accessToken());
        assertEquals("access-1", source.accessToken());
        assertEquals(1, endpoint.spent.get());
    }
}
