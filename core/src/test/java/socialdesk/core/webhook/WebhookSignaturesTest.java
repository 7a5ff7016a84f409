package socialdesk.core.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class WebhookSignaturesTest {
    private static final byte[] BODY = "{\"object\":\"page\",\"entry\":[]}".getBytes(StandardCharsets.UTF_8);

    /** The documented algorithm, computed here independently of the class under test. */
    private static byte[] hmac(String key, byte[] data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return mac.doFinal(data);
    }

    @Test
    void hmacMatchesRfc4231TestCase2() {
        // RFC 4231, test case 2: key "Jefe", data "what do ya want for nothing?".
        assertEquals("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                WebhookSignatures.hexHmac("Jefe", "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void metaSignatureIsSha256PrefixedHex() throws Exception {
        String header = "sha256=" + HexFormat.of().formatHex(hmac("app-secret", BODY));

        assertTrue(WebhookSignatures.verifyMeta(header, BODY, "app-secret"));
        assertTrue(WebhookSignatures.verifyMeta(header.toUpperCase().replace("SHA256=", "sha256="), BODY, "app-secret"));
        assertFalse(WebhookSignatures.verifyMeta(header, BODY, "other-secret"));
        assertFalse(WebhookSignatures.verifyMeta(header.substring("sha256=".length()), BODY, "app-secret"));
        assertFalse(WebhookSignatures.verifyMeta("sha1=" + HexFormat.of().formatHex(hmac("app-secret", BODY)), BODY, "app-secret"));
    }

    @Test
    void xSignatureIsSha256PrefixedBase64AndTheCrcAnswerToo() throws Exception {
        String header = "sha256=" + Base64.getEncoder().encodeToString(hmac("consumer", BODY));

        assertTrue(WebhookSignatures.verifyX(header, BODY, "consumer"));
        assertFalse(WebhookSignatures.verifyX(header, "{}".getBytes(StandardCharsets.UTF_8), "consumer"));
        assertEquals("sha256=" + Base64.getEncoder().encodeToString(hmac("consumer", "crc123".getBytes(StandardCharsets.UTF_8))),
                WebhookSignatures.xCrcResponseToken("crc123", "consumer"));
    }

    @Test
    void linkedInSignatureIsHexWithOrWithoutItsPrefixAndTheChallengeIsHex() throws Exception {
        String hex = HexFormat.of().formatHex(hmac("client", BODY));

        assertTrue(WebhookSignatures.verifyLinkedIn("hmacsha256=" + hex, BODY, "client"));
        assertTrue(WebhookSignatures.verifyLinkedIn(hex, BODY, "client"));
        assertFalse(WebhookSignatures.verifyLinkedIn("hmacsha256=" + hex, BODY, "other"));
        assertEquals(HexFormat.of().formatHex(hmac("client", "890e4665".getBytes(StandardCharsets.UTF_8))),
                WebhookSignatures.linkedInChallengeResponse("890e4665", "client"));
    }

    @Test
    void malformedHeadersAreRejectedWithoutThrowing() {
        for (String header : new String[] {null, "", "sha256=", "sha256=zz", "sha256=" + "g".repeat(64), "sha256=%%%", "sha256=" + "a".repeat(10_000)}) {
            assertFalse(WebhookSignatures.verifyMeta(header, BODY, "s"), String.valueOf(header));
            assertFalse(WebhookSignatures.verifyX(header, BODY, "s"), String.valueOf(header));
            assertFalse(WebhookSignatures.verifyLinkedIn(header, BODY, "s"), String.valueOf(header));
        }
    }

    @Test
    void verifyTokensCompareWholeValues() {
        assertTrue(WebhookSignatures.sameSecret("token", "token"));
        assertFalse(WebhookSignatures.sameSecret("toke", "token"));
        assertFalse(WebhookSignatures.sameSecret(null, "token"));
    }
}
