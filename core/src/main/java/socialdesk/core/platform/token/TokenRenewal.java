package socialdesk.core.platform.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import socialdesk.core.json.Json;
import socialdesk.core.json.JsonRead;
import socialdesk.core.log.JsonLog;

/**
 * Keeps a platform's access token fresh: a token that expires within the platform's margin is
 * refreshed before it is used (X's two-hour tokens ten minutes ahead; 60-day tokens a week ahead,
 * since they are only looked at when a post goes out), and the new tokens (X and LinkedIn return a new refresh token each time and
 * invalidate the old one) are written back to the platform's secret.
 *
 * <p>Only the holder of the secret's {@link RefreshLock} lease spends the refresh token. After
 * taking the lease it reads the secret again, past every cache: if another invocation refreshed in
 * the meantime, that token is used and nothing is spent. An invocation that finds the lease taken
 * reads the secret too and uses a token refreshed there, or reports the refresh as under way (the
 * post is retried later). Tokens this container refreshed are remembered, so a secret cache that
 * still holds the old text does not make it refresh twice.
 *
 * <p>The secret's fields: {@code accessToken}, {@code refreshToken} (when the platform gives one),
 * {@code expiresAt} (ISO-8601); every other field is kept as it is.
 */
public final class TokenRenewal {
    /** For short-lived tokens (X's two hours): long enough for a tick's posts to go out with the token. */
    public static final Duration SHORT_MARGIN = Duration.ofMinutes(10);
    /** For 60-day tokens (LinkedIn, Threads, Instagram): refreshed on the first post in their last week. */
    public static final Duration LONG_MARGIN = Duration.ofDays(7);
    /** How long a refresh may hold the lease; a platform's token call takes seconds. */
    public static final Duration LEASE = Duration.ofMinutes(2);

    private final TokenStore store;
    private final RefreshLock lock;
    private final Clock clock;
    private final Map<String, Map<String, Object>> refreshedHere = new ConcurrentHashMap<>();

    public TokenRenewal(TokenStore store, RefreshLock lock, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.lock = Objects.requireNonNull(lock, "lock");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The token source for one platform's secret: the stored token while it is fresh, else a refresh.
     *
     * @param secretName the secret to read and write back
     * @param secretJson the secret as this container last read it
     * @param margin     how long before expiry the token is refreshed
     */
    public TokenSource source(String secretName, String secretJson, TokenRefresher refresher, Duration margin) {
        Map<String, Object> read = Json.parseObject(secretJson);
        return () -> accessToken(secretName, read, refresher, margin);
    }

    private String accessToken(String secretName, Map<String, Object> read, TokenRefresher refresher, Duration margin)
            throws TokenRefreshException {
        Map<String, Object> secret = newer(read, refreshedHere.get(secretName));
        if (fresh(secret, margin)) {
            return JsonRead.string(secret, "accessToken");
        }
        String holder = UUID.randomUUID().toString();
        String lockName = "token-refresh#" + secretName;
        if (!lock.tryAcquire(lockName, holder, clock.instant().plus(LEASE))) {
            Map<String, Object> stored = stored(secretName, secret);
            if (fresh(stored, margin)) {
                return JsonRead.string(stored, "accessToken");
            }
            throw new TokenRefreshException("another invocation is refreshing the access token; will retry", false);
        }
        try {
            Map<String, Object> stored = stored(secretName, secret);
            if (fresh(stored, margin)) {
                return JsonRead.string(stored, "accessToken");
            }
            OAuthTokens tokens = refresher.refresh(stored);
            Map<String, Object> updated = new LinkedHashMap<>(stored);
            updated.put("accessToken", tokens.accessToken());
            if (tokens.refreshToken() != null) {
                updated.put("refreshToken", tokens.refreshToken());
            }
            updated.put("expiresAt", tokens.expiresAt().toString());
            refreshedHere.put(secretName, updated);
            writeBack(secretName, updated);
            return tokens.accessToken();
        } finally {
            lock.release(lockName, holder);
        }
    }

    /**
     * The refresh token is spent: if the new one is not stored, the next container cannot refresh.
     * One more try, then a loud error; this container keeps the tokens in memory and goes on with them.
     */
    private void writeBack(String secretName, Map<String, Object> updated) {
        RuntimeException last = null;
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                store.write(secretName, Json.write(updated));
                return;
            } catch (RuntimeException e) {
                last = e;
            }
        }
        JsonLog.error("refreshed tokens could not be written back; the old refresh token is spent, so re-run the "
                + "authorisation if this container stops before the next refresh", "secret", secretName, "error", last.getMessage());
    }

    private Map<String, Object> stored(String secretName, Map<String, Object> fallback) {
        return store.read(secretName).map(Json::parseObject).map(s -> newer(s, refreshedHere.get(secretName))).orElse(fallback);
    }

    private boolean fresh(Map<String, Object> secret, Duration margin) {
        Instant expiresAt = expiresAt(secret);
        return expiresAt == null || clock.instant().plus(margin).isBefore(expiresAt);
    }

    private static Map<String, Object> newer(Map<String, Object> a, Map<String, Object> b) {
        if (b == null) {
            return a;
        }
        Instant ea = expiresAt(a);
        Instant eb = expiresAt(b);
        return ea == null || (eb != null && eb.isAfter(ea)) ? b : a;
    }

    /** The secret's {@code expiresAt}, or null when it has none (a token that does not expire). */
    public static Instant expiresAt(Map<String, Object> secret) {
        String text = JsonRead.string(secret, "expiresAt");
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("expiresAt is not an ISO-8601 instant");
        }
    }
}
