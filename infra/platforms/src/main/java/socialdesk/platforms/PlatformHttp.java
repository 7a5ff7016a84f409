package socialdesk.platforms;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Objects;
import socialdesk.core.json.Json;
import socialdesk.core.json.JsonException;
import socialdesk.core.json.JsonRead;
import socialdesk.core.publish.PublishOutcome;
import socialdesk.core.publish.PublishOutcome.CredentialsRejected;
import socialdesk.core.publish.PublishOutcome.Permanent;
import socialdesk.core.publish.PublishOutcome.Transient;

/**
 * What every platform adapter does with HTTP: send with a per-request timeout, sort statuses into
 * worth-retrying and not, read when the platform wants to hear from us again, and turn network
 * failures into {@link Transient} outcomes. One instance per adapter; adapters add only what their
 * platform does differently (Bluesky's expired-token dance, Mastodon's idempotency).
 *
 * <p>Reasons produced here start with the platform id and carry the status and the platform's own
 * error text, never a request header, so they are safe to store and log.
 */
public final class PlatformHttp {
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** Epoch-second values are above this; smaller numbers in a reset header are a delay in seconds. */
    private static final long EPOCH_SECONDS_THRESHOLD = 1_000_000_000L;
    private static final int MAX_DETAIL = 300;
    private static final String USER_AGENT = "social-desk/0.1 (+https://github.com/socialdesk)";

    /** How a status should be treated, the same for every platform unless the adapter knows better. */
    public enum StatusClass {
        SUCCESS, RATE_LIMITED, SERVER_ERROR, CREDENTIALS_REJECTED, REFUSED;

        public boolean retryable() {
            return this == RATE_LIMITED || this == SERVER_ERROR;
        }
    }

    private final String platform;
    private final HttpClient client;
    private final Duration requestTimeout;
    private final Clock clock;

    /**
     * @param platform       the id that starts every reason ({@code "mastodon"})
     * @param client         shared, built once per container ({@link #sharedClient()})
     * @param requestTimeout how long one request may take from send to the last byte of the answer
     */
    public PlatformHttp(String platform, HttpClient client, Duration requestTimeout, Clock clock) {
        this.platform = Objects.requireNonNull(platform, "platform");
        this.client = Objects.requireNonNull(client, "client");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout must be positive");
        }
    }

    /** A new client: connect timeout as given, no redirects (a redirected POST is not the same request). */
    public static HttpClient newClient(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * One client for the whole container with {@link #DEFAULT_CONNECT_TIMEOUT}, whose TLS set-up waits
     * for the first request (or {@link #warmSharedClient()}).
     */
    public static HttpClient sharedClient() {
        return SharedClient.INSTANCE;
    }

    /** Builds the shared client now: SnapStart priming, so the snapshot holds it ready. */
    public static void warmSharedClient() {
        SharedClient.INSTANCE.client();
    }

    private static final class SharedClient {
        static final LazyHttpClient INSTANCE = new LazyHttpClient(() -> newClient(DEFAULT_CONNECT_TIMEOUT));
    }

    public String platform() {
        return platform;
    }

    public Clock clock() {
        return clock;
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    /**
     * A request builder with this adapter's timeout, user agent and {@code Accept: application/json}.
     * Plain {@code http://} goes out as HTTP/1.1: the JDK client would otherwise offer an
     * {@code Upgrade: h2c}, which some servers (a Bluesky PDS among them) answer by closing the
     * connection. Over TLS the client keeps negotiating HTTP/2 with ALPN.
     */
    public HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(requestTimeout)
                .header("User-Agent", USER_AGENT)
                .header("Accept", "application/json");
        return "http".equalsIgnoreCase(uri.getScheme()) ? builder.version(HttpClient.Version.HTTP_1_1) : builder;
    }

    /** Sends and reads the whole answer as UTF-8 text. Network failures surface as exceptions for {@link #transportFailure}. */
    public Response send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.headers(), response.body());
    }

    /** A network failure (or an interrupt) as a retryable outcome; restores the interrupt flag. */
    public Transient transportFailure(Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return new Transient(platform + ": interrupted before the platform answered", null);
        }
        String what = switch (e) {
            case HttpConnectTimeoutException t -> "could not connect within the connect timeout";
            case HttpTimeoutException t -> "no answer within " + requestTimeout.toMillis() + " ms";
            case ConnectException c -> "could not connect";
            case ClosedChannelException c -> "connection closed before the answer";
            case IOException io -> "network error (" + io.getClass().getSimpleName() + ")";
            default -> "unexpected " + e.getClass().getSimpleName();
        };
        return new Transient(platform + ": " + what, null);
    }

    public static StatusClass classify(int status) {
        if (status >= 200 && status < 300) {
            return StatusClass.SUCCESS;
        }
        if (status == 429) {
            return StatusClass.RATE_LIMITED;
        }
        if (status >= 500 || status == 408 || status == 425) {
            return StatusClass.SERVER_ERROR;
        }
        if (status == 401 || status == 403) {
            return StatusClass.CREDENTIALS_REJECTED;
        }
        return StatusClass.REFUSED;
    }

    /** The usual outcome of an unsuccessful answer; adapters handle their special cases before calling this. */
    public PublishOutcome failure(Response response) {
        String detail = response.detail();
        String suffix = detail.isEmpty() ? "" : ": " + detail;
        int status = response.status();
        return switch (classify(status)) {
            case RATE_LIMITED -> new Transient(platform + ": rate limited (429)" + suffix, notBefore(response.headers()));
            case SERVER_ERROR -> new Transient(platform + ": server error (" + status + ")" + suffix, notBefore(response.headers()));
            case CREDENTIALS_REJECTED -> credentialsRejected(status, detail);
            case REFUSED -> new Permanent(platform + ": refused (" + status + ")" + suffix);
            case SUCCESS -> new Transient(platform + ": unexpected success status " + status, null);
        };
    }

    /** The account's credentials were refused: a person has to reconnect the account before anything can be sent. */
    public CredentialsRejected credentialsRejected(int status, String detail) {
        return new CredentialsRejected(platform + ": credentials rejected (" + status + ")"
                + (detail == null || detail.isEmpty() ? "" : ": " + detail)
                + "; update the account secret", null);
    }

    /** A rate limit the platform stated in its body (Telegram's {@code retry_after}, Discord's): retry after that many seconds. */
    public Transient rateLimited(String detail, Instant notBefore) {
        return new Transient(platform + ": rate limited" + (detail == null || detail.isEmpty() ? "" : ": " + detail), notBefore);
    }

    /** Now plus a delay in (possibly fractional) seconds, rounded up to the millisecond; null for null, negative or absurd values. */
    public Instant afterSeconds(Number seconds) {
        if (seconds == null) {
            return null;
        }
        double s = seconds.doubleValue();
        if (!(s >= 0) || s > 31_536_000) {
            return null;
        }
        return clock.instant().plusMillis((long) Math.ceil(s * 1000));
    }

    /** The later of two instants, either of which may be null. */
    public static Instant later(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }

    /**
     * When the platform wants to hear from us again: {@code Retry-After} (seconds or HTTP date),
     * else {@code X-RateLimit-Reset-After} (Discord, seconds with a fraction), else
     * {@code X-RateLimit-Reset} (Mastodon ISO time, Discord epoch seconds with a fraction), else
     * {@code x-rate-limit-reset} (X, epoch seconds), else {@code RateLimit-Reset} (Bluesky, epoch
     * seconds; the IETF draft's delay in seconds is understood too). Null when none is usable.
     */
    public Instant notBefore(HttpHeaders headers) {
        Instant now = clock.instant();
        Instant at = headers.firstValue("Retry-After").map(v -> parseRetryAfter(v, now)).orElse(null);
        if (at == null) {
            at = headers.firstValue("X-RateLimit-Reset-After").map(v -> parseDelay(v, now)).orElse(null);
        }
        for (String name : new String[] {"X-RateLimit-Reset", "x-rate-limit-reset", "RateLimit-Reset"}) {
            if (at == null) {
                at = headers.firstValue(name).map(v -> parseReset(v, now)).orElse(null);
            }
        }
        return at;
    }

    /** A delay in seconds, possibly fractional ({@code "1.337"}); null when it is not one. */
    public static Instant parseDelay(String value, Instant now) {
        String v = value.strip();
        if (!v.matches("\\d{1,9}(\\.\\d{1,6})?")) {
            return null;
        }
        return now.plusMillis((long) Math.ceil(Double.parseDouble(v) * 1000));
    }

    /** {@code Retry-After}: delay-seconds or an HTTP date (RFC 9110); null when neither. */
    public static Instant parseRetryAfter(String value, Instant now) {
        String v = value.strip();
        if (!v.isEmpty() && v.chars().allMatch(Character::isDigit)) {
            return seconds(v).map(now::plusSeconds).orElse(null);
        }
        try {
            return ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** A rate-limit reset: an ISO-8601 time, epoch seconds, or (small numbers) a delay in seconds. */
    public static Instant parseReset(String value, Instant now) {
        String v = value.strip();
        if (v.matches("\\d{1,12}\\.\\d{1,6}")) {
            double seconds = Double.parseDouble(v);
            return seconds >= EPOCH_SECONDS_THRESHOLD
                    ? Instant.ofEpochMilli((long) Math.ceil(seconds * 1000))
                    : now.plusMillis((long) Math.ceil(seconds * 1000));
        }
        if (!v.isEmpty() && v.chars().allMatch(Character::isDigit)) {
            return seconds(v).map(s -> s >= EPOCH_SECONDS_THRESHOLD ? Instant.ofEpochSecond(s) : now.plusSeconds(s))
                    .orElse(null);
        }
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeException e) {
            return parseRetryAfter(v, now);
        }
    }

    private static java.util.Optional<Long> seconds(String digits) {
        if (digits.length() > 12) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(Long.parseLong(digits));
    }

    /** One answer, read in full. */
    public record Response(int status, HttpHeaders headers, String body) {

        public StatusClass statusClass() {
            return classify(status);
        }

        /** The body as a JSON object, or null when it is not one. */
        public Map<String, Object> json() {
            if (body == null || body.isBlank()) {
                return null;
            }
            try {
                return Json.parseObject(body);
            } catch (JsonException e) {
                return null;
            }
        }

        /** The platform's error code: {@code error} of a JSON body (XRPC's {@code "ExpiredToken"}, Mastodon's text). */
        public String errorCode() {
            return JsonRead.string(json(), "error");
        }

        /**
         * What the platform said went wrong, bounded and on one line: {@code error} and
         * {@code message} / {@code error_description} of a JSON body, else the start of the body.
         */
        public String detail() {
            Map<String, Object> json = json();
            String text;
            if (json != null) {
                String error = JsonRead.string(json, "error");
                String message = JsonRead.string(json, "message");
                if (message == null) {
                    message = JsonRead.string(json, "error_description");
                }
                text = error == null ? message : message == null || message.equals(error) ? error : error + ": " + message;
            } else {
                text = body;
            }
            return text == null ? "" : oneLine(text);
        }

        private static String oneLine(String text) {
            String flat = text.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
            return flat.length() <= MAX_DETAIL ? flat : flat.substring(0, MAX_DETAIL) + "…";
        }
    }
}
