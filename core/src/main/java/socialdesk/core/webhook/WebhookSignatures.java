package socialdesk.core.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The platforms' webhook signatures, all HMAC-SHA256 over the exact bytes received, compared in
 * constant time ({@link MessageDigest#isEqual}) after decoding, so neither the comparison nor a
 * malformed header reveals how much of a guess was right.
 *
 * <ul>
 *   <li>Meta: header {@code X-Hub-Signature-256: sha256=<hex>}, keyed with the app secret.</li>
 *   <li>X: header {@code x-twitter-webhooks-signature: sha256=<base64>}, keyed with the consumer secret;
 *       the CRC answer is {@code sha256=<base64 HMAC of crc_token>}.</li>
 *   <li>LinkedIn: header {@code X-LI-Signature: hmacsha256=<hex>} (the prefix is optional here, since
 *       LinkedIn's documentation is read both ways), keyed with the client secret; the challenge
 *       answer is the hex HMAC of {@code challengeCode}.</li>
 * </ul>
 */
public final class WebhookSignatures {
    private static final String ALGORITHM = "HmacSHA256";
    private static final HexFormat HEX = HexFormat.of();

    private WebhookSignatures() {
    }

    public static byte[] hmacSha256(String key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            return mac.doFinal(data);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    public static String hexHmac(String key, byte[] data) {
        return HEX.formatHex(hmacSha256(key, data));
    }

    public static String base64Hmac(String key, byte[] data) {
        return Base64.getEncoder().encodeToString(hmacSha256(key, data));
    }

    /** Meta's {@code X-Hub-Signature-256}. */
    public static boolean verifyMeta(String header, byte[] body, String appSecret) {
        return verifyHex(stripPrefix(header, "sha256="), body, appSecret);
    }

    /** X's {@code x-twitter-webhooks-signature}. */
    public static boolean verifyX(String header, byte[] body, String consumerSecret) {
        return verifyBase64(stripPrefix(header, "sha256="), body, consumerSecret);
    }

    /** LinkedIn's {@code X-LI-Signature}, with or without its {@code hmacsha256=} prefix. */
    public static boolean verifyLinkedIn(String header, byte[] body, String clientSecret) {
        if (header == null) {
            return false;
        }
        String stripped = stripPrefix(header, "hmacsha256=");
        return verifyHex(stripped != null ? stripped : header.strip(), body, clientSecret);
    }

    /** The body of X's CRC answer's {@code response_token}. */
    public static String xCrcResponseToken(String crcToken, String consumerSecret) {
        return "sha256=" + base64Hmac(consumerSecret, crcToken.getBytes(StandardCharsets.UTF_8));
    }

    /** LinkedIn's {@code challengeResponse}. */
    public static String linkedInChallengeResponse(String challengeCode, String clientSecret) {
        return hexHmac(clientSecret, challengeCode.getBytes(StandardCharsets.UTF_8));
    }

    /** Constant-time equality of two strings' UTF-8 bytes (Meta's verify token). */
    public static boolean sameSecret(String presented, String expected) {
        if (presented == null || expected == null) {
            return false;
        }
        return MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    private static String stripPrefix(String header, String prefix) {
        if (header == null) {
            return null;
        }
        String h = header.strip();
        if (h.length() < prefix.length() || !h.substring(0, prefix.length()).toLowerCase(Locale.ROOT).equals(prefix)) {
            return null;
        }
        return h.substring(prefix.length());
    }

    private static boolean verifyHex(String presentedHex, byte[] body, String secret) {
        if (presentedHex == null || secret == null || presentedHex.length() != 64) {
            return false;
        }
        byte[] presented;
        try {
            presented = HEX.parseHex(presentedHex.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(presented, hmacSha256(secret, body));
    }

    private static boolean verifyBase64(String presentedBase64, byte[] body, String secret) {
        if (presentedBase64 == null || secret == null || presentedBase64.length() > 64) {
            return false;
        }
        byte[] presented;
        try {
            presented = Base64.getDecoder().decode(presentedBase64);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(presented, hmacSha256(secret, body));
    }
}
