package socialdesk.platforms.meta;

import java.net.http.HttpHeaders;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import socialdesk.core.json.Json;
import socialdesk.core.json.JsonException;
import socialdesk.core.json.JsonRead;
import socialdesk.core.publish.PublishOutcome;
import socialdesk.core.publish.PublishOutcome.Permanent;
import socialdesk.core.publish.PublishOutcome.Transient;
import socialdesk.platforms.PlatformHttp;
import socialdesk.platforms.PlatformHttp.Response;

/**
 * Meta's Graph API error envelope, shared by Facebook Pages, Instagram and Threads:
 * {@code {"error": {"message", "type", "code", "error_subcode", "fbtrace_id"}}}, mapped by code:
 *
 * <ul>
 *   <li>190 (invalid or expired token), 102 (session), 10 and 200–299 (a permission is missing or
 *       was removed): credentials rejected;</li>
 *   <li>4, 17, 32, 613, 9 and 80001–80014 (app, user, page, custom, publishing and business-use-case
 *       rate limits): transient, not before Retry-After or the {@code estimated_time_to_regain_access}
 *       (minutes) of the {@code x-business-use-case-usage} / {@code x-app-usage} / {@code x-page-usage}
 *       headers;</li>
 *   <li>1 and 2 (unknown error, service temporarily unavailable) and any 5xx: transient;</li>
 *   <li>506 (duplicate post): permanent, saying it is a duplicate;</li>
 *   <li>anything else (100 invalid parameter, 368 blocked...): permanent, with the code and message.</li>
 * </ul>
 */
public final class GraphErrors {
    private static final Set<Integer> RATE_LIMIT_CODES = Set.of(4, 9, 17, 32, 613);
    private static final List<String> USAGE_HEADERS = List.of("x-business-use-case-usage", "x-app-usage", "x-page-usage",
            "x-ad-account-usage");

    private GraphErrors() {
    }

    /** The error object's fields, or null when the body has none. */
    public record GraphError(int code, Integer subcode, String type, String message) {
        public String describe() {
            return "graph code " + code + (subcode == null ? "" : "/" + subcode)
                    + (message == null || message.isBlank() ? "" : ": " + oneLine(message));
        }
    }

    public static GraphError parse(Response response) {
        Map<String, Object> error = JsonRead.object(response.json(), "error");
        if (error == null) {
            return null;
        }
        Long code = JsonRead.integer(error, "code");
        Long subcode = JsonRead.integer(error, "error_subcode");
        String message = JsonRead.string(error, "message");
        return new GraphError(code == null ? 0 : code.intValue(), subcode == null ? null : subcode.intValue(),
                JsonRead.string(error, "type"), message);
    }

    /** The outcome of an unsuccessful Graph answer. */
    public static PublishOutcome outcome(PlatformHttp http, Response response) {
        GraphError error = parse(response);
        if (error == null) {
            return http.failure(response);
        }
        String p = http.platform();
        int code = error.code();
        if (code == 190 || code == 102 || code == 10 || (code >= 200 && code <= 299)) {
            return http.credentialsRejected(response.status(), error.describe());
        }
        if (RATE_LIMIT_CODES.contains(code) || (code >= 80001 && code <= 80014) || response.status() == 429) {
            Instant notBefore = PlatformHttp.later(http.notBefore(response.headers()), regainAccessAt(http, response.headers()));
            return new Transient(p + ": rate limited (" + error.describe() + ")", notBefore);
        }
        if (code == 1 || code == 2 || response.status() >= 500) {
            return new Transient(p + ": temporary error (" + response.status() + ", " + error.describe() + ")",
                    http.notBefore(response.headers()));
        }
        if (code == 506) {
            return new Permanent(p + ": duplicate post: the platform already holds a post with this text ("
                    + error.describe() + "); not posted again");
        }
        return new Permanent(p + ": refused (" + response.status() + ", " + error.describe() + ")");
    }

    /**
     * When the usage headers say access comes back: the largest {@code estimated_time_to_regain_access}
     * (minutes) found in them, from now; null when none says.
     */
    public static Instant regainAccessAt(PlatformHttp http, HttpHeaders headers) {
        long minutes = -1;
        for (String name : USAGE_HEADERS) {
            for (String value : headers.allValues(name)) {
                minutes = Math.max(minutes, maxRegainMinutes(value));
            }
        }
        return minutes > 0 ? http.clock().instant().plusSeconds(minutes * 60) : null;
    }

    static long maxRegainMinutes(String headerValue) {
        Object parsed;
        try {
            parsed = Json.parse(headerValue);
        } catch (JsonException e) {
            return -1;
        }
        return maxRegain(parsed, 0);
    }

    private static long maxRegain(Object node, int depth) {
        long max = -1;
        if (depth > 4) {
            return max;
        }
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if ("estimated_time_to_regain_access".equals(e.getKey()) && e.getValue() instanceof Number n) {
                    max = Math.max(max, n.longValue());
                } else {
                    max = Math.max(max, maxRegain(e.getValue(), depth + 1));
                }
            }
        } else if (node instanceof List<?> list) {
            for (Object o : list) {
                max = Math.max(max, maxRegain(o, depth + 1));
            }
        }
        return max;
    }

    private static String oneLine(String text) {
        String flat = text.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
        return flat.length() <= 300 ? flat : flat.substring(0, 300) + "…";
    }
}
