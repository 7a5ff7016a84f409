package socialdesk.platforms.bluesky;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import socialdesk.core.json.Json;
import socialdesk.core.json.JsonException;
import socialdesk.core.json.JsonRead;
import socialdesk.core.publish.PublishOutcome;
import socialdesk.core.publish.PublishOutcome.Transient;
import socialdesk.platforms.PlatformHttp;
import socialdesk.platforms.PlatformHttp.Response;

/**
 * The one session a publisher holds: created once with the app password, refreshed with the
 * refresh token when the access token expires (by its {@code exp}, or when the server says
 * {@code ExpiredToken}), and created anew only when the refresh is refused. Safe for concurrent
 * callers: while one caller creates or refreshes, the others wait for its result instead of
 * starting their own (createSession is rate-limited hard, per account).
 */
final class BlueskySessions {
    /** Refresh this long before the access token's {@code exp}, so a send never starts with a dying token. */
    static final Duration EXPIRY_MARGIN = Duration.ofSeconds(60);
    /** After the app password is refused, sends fail at once for this long instead of signing in again. */
    static final Duration REJECTION_HOLD = Duration.ofMinutes(5);

    record Session(String accessJwt, String refreshJwt, String did, String handle, Instant accessExpires) {
        @Override
        public String toString() {
            return "Session[did=" + did + ", handle=" + handle + ", accessExpires=" + accessExpires + "]";
        }
    }

    /** A session could not be had; the outcome says why. */
    static final class SessionUnavailable extends Exception {
        private final transient PublishOutcome outcome;

        SessionUnavailable(PublishOutcome outcome) {
            super(null, null, false, false);
            this.outcome = outcome;
        }

        PublishOutcome outcome() {
            return outcome;
        }
    }

    private final PlatformHttp http;
    private final BlueskyAccount account;
    private final URI createUri;
    private final URI refreshUri;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile Session current;
    private volatile Refusal refusal;

    /** A sign-in the platform refused, remembered so concurrent and following sends do not repeat it. */
    private record Refusal(PublishOutcome outcome, Instant until) {
    }

    BlueskySessions(PlatformHttp http, BlueskyAccount account) {
        this.http = http;
        this.account = account;
        this.createUri = URI.create(account.service() + "/xrpc/com.atproto.server.createSession");
        this.refreshUri = URI.create(account.service() + "/xrpc/com.atproto.server.refreshSession");
    }

    /** A session whose access token is good for at least {@link #EXPIRY_MARGIN}. */
    Session get() throws SessionUnavailable, IOException, InterruptedException {
        Session s = current;
        if (s != null && fresh(s)) {
            return s;
        }
        checkRefusal();
        lock.lockInterruptibly();
        try {
            checkRefusal();
            s = current;
            if (s != null && fresh(s)) {
                return s;
            }
            current = s == null ? create() : refreshOrCreate(s);
            return current;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The server refused {@code stale}'s access token: refresh it, unless another caller already
     * replaced it, in which case that newer session is the answer.
     */
    Session renew(Session stale) throws SessionUnavailable, IOException, InterruptedException {
        lock.lockInterruptibly();
        try {
            checkRefusal();
            Session s = current;
            if (s != null && s != stale && fresh(s)) {
                return s;
            }
            current = refreshOrCreate(s == null ? stale : s);
            return current;
        } finally {
            lock.unlock();
        }
    }

    private void checkRefusal() throws SessionUnavailable {
        Refusal r = refusal;
        if (r != null && http.clock().instant().isBefore(r.until())) {
            throw new SessionUnavailable(r.outcome());
        }
    }

    private boolean fresh(Session s) {
        return s.accessExpires() == null || http.clock().instant().plus(EXPIRY_MARGIN).isBefore(s.accessExpires());
    }

    private Session refreshOrCreate(Session s) throws SessionUnavailable, IOException, InterruptedException {
        Response response = http.send(http.request(refreshUri)
                .header("Authorization", "Bearer " + s.refreshJwt())
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
        if (response.statusClass() == PlatformHttp.StatusClass.SUCCESS) {
            return parse(response, s);
        }
        if (response.statusClass().retryable()) {
            // The refresh token may still be good: keep it for the next attempt rather than spend a createSession.
            throw new SessionUnavailable(http.failure(response));
        }
        current = null; // expired, revoked or otherwise refused: sign in again
        return create();
    }

    private Session create() throws SessionUnavailable, IOException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("identifier", account.identifier());
        body.put("password", account.appPassword());
        Response response = http.send(http.request(createUri)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body)))
                .build());
        if (response.statusClass() == PlatformHttp.StatusClass.SUCCESS) {
            return parse(response, null);
        }
        String error = response.errorCode();
        Instant now = http.clock().instant();
        if (response.status() == 401 || "AuthenticationRequired".equals(error)) {
            PublishOutcome rejected = http.credentialsRejected(response.status(), response.detail());
            refusal = new Refusal(rejected, now.plus(REJECTION_HOLD));
            throw new SessionUnavailable(rejected);
        }
        PublishOutcome failed = http.failure(response);
        if (failed instanceof Transient t && t.notBefore() != null && t.notBefore().isAfter(now)) {
            refusal = new Refusal(failed, t.notBefore()); // rate-limited sign-in: wait as asked
        }
        throw new SessionUnavailable(failed);
    }

    private Session parse(Response response, Session previous) throws SessionUnavailable {
        Map<String, Object> json = response.json();
        String access = JsonRead.string(json, "accessJwt");
        String refresh = JsonRead.string(json, "refreshJwt");
        String did = JsonRead.string(json, "did");
        if (access == null || refresh == null || did == null) {
            throw new SessionUnavailable(new Transient("bluesky: session answer without tokens or did", null));
        }
        String handle = JsonRead.string(json, "handle");
        if (handle == null && previous != null) {
            handle = previous.handle();
        }
        return new Session(access, refresh, did, handle, expiry(access));
    }

    /** The {@code exp} claim of a JWT, or null when it cannot be read (the server's ExpiredToken answer still tells). */
    static Instant expiry(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length < 2) {
            return null;
        }
        try {
            String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
            Long exp = JsonRead.integer(Json.parse(payload), "exp");
            return exp == null ? null : Instant.ofEpochSecond(exp);
        } catch (IllegalArgumentException | JsonException | java.time.DateTimeException e) {
            return null;
        }
    }
}
