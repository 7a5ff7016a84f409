package socialdesk.platforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import socialdesk.core.publish.PublishOutcome;
import socialdesk.core.publish.PublishOutcome.Permanent;
import socialdesk.core.publish.PublishOutcome.Transient;
import socialdesk.platforms.PlatformHttp.StatusClass;

class PlatformHttpTest {
    private static final Instant NOW = Instant.parse("2025-06-01T09:00:00Z");
    private final PlatformHttp http = new PlatformHttp("demo", PlatformHttp.sharedClient(), Duration.ofSeconds(1),
            Clock.fixed(NOW, ZoneOffset.UTC));

    private static HttpHeaders headers(Map<String, String> values) {
        return HttpHeaders.of(values.entrySet().stream().collect(java.util.stream.Collectors.toMap(
                Map.Entry::getKey, e -> List.of(e.getValue()))), (a, b) -> true);
    }

    @Test
    void plainHttpRequestsAreHttp11AndTlsOnesLeaveTheVersionToNegotiation() {
        assertEquals(java.util.Optional.of(java.net.http.HttpClient.Version.HTTP_1_1),
                http.request(java.net.URI.create("http://127.0.0.1:2583/xrpc/x")).build().version());
        assertEquals(java.util.Optional.empty(), http.request(java.net.URI.create("https://bsky.social/xrpc/x")).build().version());
    }

    @Test
    void classifiesStatuses() {
        assertEquals(StatusClass.SUCCESS, PlatformHttp.classify(200));
        assertEquals(StatusClass.SUCCESS, PlatformHttp.classify(201));
        assertEquals(StatusClass.RATE_LIMITED, PlatformHttp.classify(429));
        assertEquals(StatusClass.SERVER_ERROR, PlatformHttp.classify(500));
        assertEquals(StatusClass.SERVER_ERROR, PlatformHttp.classify(503));
        assertEquals(StatusClass.SERVER_ERROR, PlatformHttp.classify(408));
        assertEquals(StatusClass.CREDENTIALS_REJECTED, PlatformHttp.classify(401));
        assertEquals(StatusClass.CREDENTIALS_REJECTED, PlatformHttp.classify(403));
        assertEquals(StatusClass.REFUSED, PlatformHttp.classify(400));
        assertEquals(StatusClass.REFUSED, PlatformHttp.classify(422));
    }

    @Test
    void parsesRetryAfterAsSecondsOrHttpDate() {
        assertEquals(NOW.plusSeconds(30), PlatformHttp.parseRetryAfter("30", NOW));
        assertEquals(Instant.parse("2025-06-01T09:10:00Z"), PlatformHttp.parseRetryAfter("Sun, 01 Jun 2025 09:10:00 GMT", NOW));
        assertNull(PlatformHttp.parseRetryAfter("soon", NOW));
        assertNull(PlatformHttp.parseRetryAfter("99999999999999999999", NOW));
    }

    @Test
    void parsesResetAsIsoTimeEpochSecondsOrDelay() {
        assertEquals(Instant.parse("2025-06-01T09:30:00Z"), PlatformHttp.parseReset("2025-06-01T09:30:00.000Z", NOW));
        assertEquals(Instant.parse("2025-06-01T11:30:00Z"), PlatformHttp.parseReset("2025-06-01T13:30:00+02:00", NOW));
        assertEquals(Instant.ofEpochSecond(1_748_768_400L), PlatformHttp.parseReset("1748768400", NOW));
        assertEquals(NOW.plusSeconds(60), PlatformHttp.parseReset("60", NOW));
    }

    @Test
    void retryAfterWinsOverResetHeaders() {
        assertEquals(NOW.plusSeconds(5), http.notBefore(headers(Map.of("Retry-After", "5",
                "X-RateLimit-Reset", "2025-06-01T10:00:00Z"))));
        assertEquals(Instant.ofEpochSecond(1_748_768_400L), http.notBefore(headers(Map.of("ratelimit-reset", "1748768400"))));
        assertNull(http.notBefore(headers(Map.of())));
    }

    @Test
    void readsXAndDiscordResetHeaders() {
        assertEquals(Instant.ofEpochSecond(1_748_768_400L),
                http.notBefore(headers(Map.of("x-rate-limit-limit", "100", "x-rate-limit-remaining", "0",
                        "x-rate-limit-reset", "1748768400"))));
        assertEquals(NOW.plusMillis(1337), http.notBefore(headers(Map.of("X-RateLimit-Reset-After", "1.337",
                "X-RateLimit-Reset", "1748768999.337"))));
        assertEquals(Instant.ofEpochMilli(1_748_768_400_250L),
                http.notBefore(headers(Map.of("X-RateLimit-Reset", "1748768400.250"))));
        assertEquals(NOW.plusMillis(2500), http.afterSeconds(2.5));
        assertNull(http.afterSeconds(-1));
    }

    @Test
    void mapsFailuresToOutcomesWithThePlatformsWords() {
        var rateLimited = new PlatformHttp.Response(429, headers(Map.of("Retry-After", "10")),
                "{\"error\":\"RateLimitExceeded\",\"message\":\"Rate Limit Exceeded\"}");
        assertEquals(new Transient("demo: rate limited (429): RateLimitExceeded: Rate Limit Exceeded", NOW.plusSeconds(10)),
                http.failure(rateLimited));
        assertEquals(new Permanent("demo: refused (400): oops"),
                http.failure(new PlatformHttp.Response(400, headers(Map.of()), "oops")));
        assertEquals(new PublishOutcome.CredentialsRejected("demo: credentials rejected (401): bad; update the account secret", null),
                http.failure(new PlatformHttp.Response(401, headers(Map.of()), "{\"error\":\"bad\"}")));
    }

    @Test
    void boundsAndFlattensTheDetail() {
        var response = new PlatformHttp.Response(500, headers(Map.of()), "line one\nline two " + "x".repeat(500));
        String detail = response.detail();
        assertEquals(301, detail.length());
        assertEquals("line one line two x", detail.substring(0, 19));
    }
}
