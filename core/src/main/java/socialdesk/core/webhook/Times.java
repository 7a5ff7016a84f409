package socialdesk.core.webhook;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import socialdesk.core.json.JsonRead;

/** Platform timestamps, read defensively: anything absurd falls back to the delivery's time. */
final class Times {
    /** Epoch seconds beyond 10^11 (the year 5138) are not real times; neither are negative ones. */
    private static final long MAX_SECONDS = 100_000_000_000L;
    private static final DateTimeFormatter X_CREATED_AT = DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss Z yyyy", Locale.ENGLISH);

    private Times() {
    }

    static Instant epochSeconds(Object value, Instant fallback) {
        Long n = number(value);
        return n == null || n < 0 || n > MAX_SECONDS ? fallback : Instant.ofEpochSecond(n);
    }

    static Instant epochMillis(Object value, Instant fallback) {
        Long n = number(value);
        return n == null || n < 0 || n > MAX_SECONDS * 1000 ? fallback : Instant.ofEpochMilli(n);
    }

    /** X's {@code created_at}: {@code Wed Oct 10 20:19:24 +0000 2018}. */
    static Instant xCreatedAt(Object value, Instant fallback) {
        if (!(value instanceof String s) || s.length() > 64) {
            return fallback;
        }
        try {
            return ZonedDateTime.parse(s, X_CREATED_AT).toInstant();
        } catch (DateTimeParseException e) {
            return fallback;
        }
    }

    /** A number sent as a JSON number or as a string of digits. */
    private static Long number(Object value) {
        if (value instanceof Long l) {
            return l;
        }
        if (value instanceof String s && !s.isEmpty() && s.length() < 19 && s.chars().allMatch(Character::isDigit)) {
            return Long.parseLong(s);
        }
        return null;
    }

    /** Longest platform id accepted; real ones (numbers, {@code 123_456}, URNs) are far shorter. */
    static final int MAX_ID_LENGTH = 200;

    /**
     * A platform id, or null when absent or not id-like: ids become parts of DynamoDB keys, so only
     * short runs of printable ASCII are accepted (no spaces, no control or non-ASCII characters).
     */
    static String idOrNull(Object node, String... path) {
        String id = JsonRead.id(node, path);
        if (id == null || id.isEmpty() || id.length() > MAX_ID_LENGTH) {
            return null;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return null;
            }
        }
        return id;
    }
}
