package socialdesk.platforms.bluesky;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * AT Protocol timestamp identifiers, the record keys of {@code app.bsky.feed.post}: a 64-bit
 * number (top bit 0, then 53 bits of microseconds since the epoch, then a 10-bit clock id) written
 * as 13 characters of the sortable base32 alphabet {@value #ALPHABET}.
 *
 * <p>{@link #forPost} derives the key from the post itself instead of the time of sending, so a
 * retried create targets the same record and cannot make a second post.
 */
public final class Tid {
    public static final String ALPHABET = "234567abcdefghijklmnopqrstuvwxyz";
    public static final int LENGTH = 13;
    private static final Pattern SYNTAX = Pattern.compile("[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}");
    private static final long MAX_MICROS = (1L << 53) - 1;
    private static final long LOW_10 = (1L << 10) - 1;
    /** Microsecond bits replaced by hash bits: the key's time lies within about a second of the due time. */
    private static final int MIXED_MICRO_BITS = 20;
    private static final long MIXED_MICROS_MASK = (1L << MIXED_MICRO_BITS) - 1;

    private Tid() {
    }

    /**
     * The record key for one post: the due instant in microseconds, its lowest 20 bits replaced by
     * bits of a SHA-256 of the idempotency key, and the clock id taken from 10 more hash bits. Two
     * posts due at the same instant differ in 30 bits (a clash is about one in 10^9 per pair); the
     * key's time lies within 1.05 s of the due time, so keys still sort by due time.
     */
    public static String forPost(Instant dueAt, String idempotencyKey) {
        if (dueAt == null || idempotencyKey == null || idempotencyKey.isEmpty()) {
            throw new IllegalArgumentException("a post's record key needs its due time and idempotency key");
        }
        long micros;
        try {
            micros = Math.addExact(Math.multiplyExact(dueAt.getEpochSecond(), 1_000_000L), dueAt.getNano() / 1_000);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("due time out of range for a TID");
        }
        if (micros < 0 || micros > MAX_MICROS) {
            throw new IllegalArgumentException("due time out of range for a TID");
        }
        long hash = hash64(idempotencyKey);
        long mixedMicros = (micros & ~MIXED_MICROS_MASK) | (hash & MIXED_MICROS_MASK);
        int clockId = (int) ((hash >>> MIXED_MICRO_BITS) & LOW_10);
        return encode(mixedMicros, clockId);
    }

    /** Writes microseconds (53 bits) and a clock id (10 bits) as a TID. */
    public static String encode(long micros, int clockId) {
        if (micros < 0 || micros > MAX_MICROS || clockId < 0 || clockId > LOW_10) {
            throw new IllegalArgumentException("micros must fit 53 bits and clockId 10 bits");
        }
        long value = (micros << 10) | clockId;
        char[] out = new char[LENGTH];
        for (int i = LENGTH - 1; i >= 0; i--) {
            out[i] = ALPHABET.charAt((int) (value & 31));
            value >>>= 5;
        }
        return new String(out);
    }

    /** Whether the text is a syntactically valid TID. */
    public static boolean isValid(String text) {
        return text != null && SYNTAX.matcher(text).matches();
    }

    /** The instant a TID encodes (microsecond precision). */
    public static Instant timestamp(String tid) {
        if (!isValid(tid)) {
            throw new IllegalArgumentException("not a TID");
        }
        long value = 0;
        for (int i = 0; i < LENGTH; i++) {
            value = (value << 5) | ALPHABET.indexOf(tid.charAt(i));
        }
        long micros = value >>> 10;
        return Instant.ofEpochSecond(micros / 1_000_000L, (micros % 1_000_000L) * 1_000L);
    }

    private static long hash64(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            long h = 0;
            for (int i = 0; i < 8; i++) {
                h = (h << 8) | (digest[i] & 0xff);
            }
            return h;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
