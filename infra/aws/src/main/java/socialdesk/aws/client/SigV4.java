package socialdesk.aws.client;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 for one request: the headers to add ({@code X-Amz-Date},
 * {@code X-Amz-Security-Token} when there is a session token, {@code Authorization}). Every header
 * passed in is signed, plus {@code host}. Paths are normalised and encoded twice, as every service
 * but S3 expects: the service computes the signature from the normalised path it serves.
 */
public final class SigV4 {
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();
    private static volatile SigningKey lastKey;

    private SigV4() {
    }

    public static Map<String, String> sign(String method, URI uri, Map<String, String> headers, byte[] body,
                                           String region, String service, AwsCredentials credentials, Instant now) {
        String amzDate = AMZ_DATE.format(now);
        String date = amzDate.substring(0, 8);
        TreeMap<String, String> signed = new TreeMap<>();
        headers.forEach((name, value) -> signed.put(name.toLowerCase(Locale.ROOT), canonicalValue(value)));
        signed.put("host", hostHeader(uri));
        signed.put("x-amz-date", amzDate);
        if (credentials.sessionToken() != null) {
            signed.put("x-amz-security-token", credentials.sessionToken());
        }
        StringBuilder canonicalHeaders = new StringBuilder();
        signed.forEach((name, value) -> canonicalHeaders.append(name).append(':').append(value).append('\n'));
        String signedHeaders = String.join(";", signed.keySet());
        String canonicalRequest = method + '\n'
                + canonicalPath(uri) + '\n'
                + canonicalQuery(uri.getRawQuery()) + '\n'
                + canonicalHeaders + '\n'
                + signedHeaders + '\n'
                + payloadHash(body);
        String scope = date + '/' + region + '/' + service + "/aws4_request";
        String stringToSign = "AWS4-HMAC-SHA256\n" + amzDate + '\n' + scope + '\n'
                + HEX.formatHex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        byte[] key = signingKey(credentials.secretAccessKey(), date, region, service);
        String signature = HEX.formatHex(hmac(key, stringToSign));

        Map<String, String> added = new LinkedHashMap<>();
        added.put("X-Amz-Date", amzDate);
        if (credentials.sessionToken() != null) {
            added.put("X-Amz-Security-Token", credentials.sessionToken());
        }
        added.put("Authorization", "AWS4-HMAC-SHA256 Credential=" + credentials.accessKeyId() + '/' + scope
                + ", SignedHeaders=" + signedHeaders + ", Signature=" + signature);
        return added;
    }

    /**
     * The derived key changes only with the day, the region, the service and the secret: the last one
     * is kept, which saves four HMACs on almost every request.
     */
    private static byte[] signingKey(String secret, String date, String region, String service) {
        SigningKey last = lastKey;
        if (last != null && last.date().equals(date) && last.region().equals(region) && last.service().equals(service)
                && MessageDigest.isEqual(last.secret(), secret.getBytes(StandardCharsets.UTF_8))) {
            return last.key();
        }
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, region);
        key = hmac(key, service);
        key = hmac(key, "aws4_request");
        lastKey = new SigningKey(secret.getBytes(StandardCharsets.UTF_8), date, region, service, key);
        return key;
    }

    private record SigningKey(byte[] secret, String date, String region, String service, byte[] key) {
    }

    /** The Host header an HTTP client sends for this URI: the port only when it is not the scheme's default. */
    static String hostHeader(URI uri) {
        int port = uri.getPort();
        boolean defaultPort = port == -1 || ("https".equals(uri.getScheme()) && port == 443)
                || ("http".equals(uri.getScheme()) && port == 80);
        return defaultPort ? uri.getHost() : uri.getHost() + ':' + port;
    }

    /** Without {@code .} and {@code ..} segments or empty ones ({@code //}), as RFC 3986 normalises it. */
    private static String canonicalPath(URI uri) {
        String path = uri.normalize().getRawPath();
        if (path == null || path.isEmpty()) {
            return "/";
        }
        String encoded = encode(path, false);
        // "/a/." normalises to "/a/"; like the SDK, sign "/a", since the request named no directory.
        if (encoded.length() > 1 && encoded.endsWith("/") && !uri.getRawPath().endsWith("/")) {
            return encoded.substring(0, encoded.length() - 1);
        }
        return encoded;
    }

    /** Trimmed, and each run of whitespace (tabs and line breaks too) one space, as SigV4 canonicalises header values. */
    private static String canonicalValue(String value) {
        StringBuilder out = new StringBuilder(value.length());
        boolean pendingSpace = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\r' || c == '\f') {
                pendingSpace = !out.isEmpty();
            } else {
                if (pendingSpace) {
                    out.append(' ');
                    pendingSpace = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>();
        for (String part : rawQuery.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String name = eq < 0 ? part : part.substring(0, eq);
            String value = eq < 0 ? "" : part.substring(eq + 1);
            pairs.add(new String[] {encode(decode(name), true), encode(decode(value), true)});
        }
        pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        StringBuilder out = new StringBuilder();
        for (String[] pair : pairs) {
            if (!out.isEmpty()) {
                out.append('&');
            }
            out.append(pair[0]).append('=').append(pair[1]);
        }
        return out.toString();
    }

    /** RFC 3986 encoding of everything but the unreserved characters (and '/' in paths). */
    private static String encode(String value, boolean encodeSlash) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~' || (c == '/' && !encodeSlash)) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static String decode(String value) {
        return java.net.URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The hex SHA-256 of a body, as SigV4 signs it (and as {@code x-amz-content-sha256} carries it). */
    public static String payloadHash(byte[] body) {
        return HEX.formatHex(sha256(body));
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
