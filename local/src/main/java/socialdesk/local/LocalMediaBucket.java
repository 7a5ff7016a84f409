package socialdesk.local;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import socialdesk.aws.media.S3MediaBucket;
import socialdesk.aws.media.S3UrlSigner;
import socialdesk.core.post.StoredImage;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * The media bucket on this machine, path-style at the local AWS endpoint: {@code /<bucket>/<key>},
 * the files under {@code .local/media/}. Every request is a presigned URL, as the desk makes them
 * (S3MediaBucket): a {@code PUT} of an upload, the functions' {@code HEAD} and {@code GET}, a {@code GET}
 * a platform follows. What S3 checks is checked: the SigV4 signature over the method, path and signed
 * headers, recomputed with the SDK's signer and the stack's one key; the expiry; an upload's
 * {@code x-amz-checksum-sha256} (400 BadDigest). Only {@code uploads/} keys the posts API makes are
 * served, with the type their extension names.
 *
 * <p>CORS as template.yaml's rule has it for the bucket: the web console's origin may {@code PUT} with
 * {@code content-type} and {@code x-amz-checksum-sha256}. A preflight ({@code OPTIONS}) carries no
 * signature and S3 answers it without one, by the rule alone: allowed, or 403 when no rule matches
 * the origin, method and headers asked for. A {@code PUT} from the console's origin is answered with
 * {@code Access-Control-Allow-Origin}, errors included, so the page can tell a refusal from a failure.
 */
final class LocalMediaBucket {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d{1,9})-(\\d{1,9})");
    /** The type each upload key's extension stands for: the posts API's map, read the other way. */
    private static final Map<String, String> TYPE_OF_EXTENSION = S3MediaBucket.EXTENSION_OF_TYPE.entrySet().stream()
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getValue, Map.Entry::getKey));
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    /** The CORS rule's AllowedMethods and AllowedHeaders (template.yaml, MediaBucket), and its MaxAge in seconds. */
    static final String CORS_METHOD = "PUT";
    static final Set<String> CORS_HEADERS = Set.of("content-type", "x-amz-checksum-sha256");
    static final int CORS_MAX_AGE_SECONDS = 3600;

    private final String bucket;
    private final Path dir;
    private final Clock clock;
    private final AwsCredentials credentials;
    private final S3UrlSigner signer = new S3UrlSigner();
    /** The origin the CORS rule names (the console's), or null while there is none: then no browser may upload. */
    private volatile String corsOrigin;

    /** @param credentials the stack's one key: what every presigned URL must be signed with */
    LocalMediaBucket(String bucket, Path dir, Clock clock, AwsCredentials credentials) {
        this.bucket = bucket;
        this.dir = dir;
        this.clock = clock;
        this.credentials = credentials;
    }

    /**
     * Lets pages from {@code origin} ({@code http://127.0.0.1:<port>}, the console's) upload with a
     * {@code PUT}, as the template's CORS rule lets the console's distribution. Set once the console
     * listens, which is after this bucket.
     */
    void allowBrowserUploadsFrom(String origin) {
        this.corsOrigin = origin;
    }

    /** The path prefix this bucket answers under. */
    String context() {
        return "/" + bucket + "/";
    }

    void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String key = exchange.getRequestURI().getPath().substring(context().length());
            String method = exchange.getRequestMethod();
            if (method.equals("OPTIONS")) {
                preflight(exchange);
                return;
            }
            String origin = exchange.getRequestHeaders().getFirst("Origin");
            if (method.equals(CORS_METHOD) && origin != null && origin.equals(corsOrigin)) {
                exchange.getResponseHeaders().set("Access-Control-Allow-Origin", origin);
                exchange.getResponseHeaders().set("Vary", "Origin, Access-Control-Request-Headers, Access-Control-Request-Method");
            }
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            if (!StoredImage.validKey(key)) {
                error(exchange, method, 403, "AccessDenied", "the local media bucket holds uploads/<uuid>.<jpg|png|gif|webp> only");
                return;
            }
            if (!query.containsKey("X-Amz-Signature")) {
                error(exchange, method, 403, "AccessDenied", "the local media bucket takes presigned URLs only");
                return;
            }
            String expired = expiry(query);
            if (expired != null) {
                error(exchange, method, 403, "AccessDenied", expired);
                return;
            }
            if (!signatureMatches(exchange, query)) {
                error(exchange, method, 403, "SignatureDoesNotMatch",
                        "The request signature we calculated does not match the signature you provided.");
                return;
            }
            Path file = dir.resolve(key);
            String type = TYPE_OF_EXTENSION.get(key.substring(key.lastIndexOf('.') + 1));
            switch (method) {
                case "PUT" -> put(exchange, file, type);
                case "GET", "HEAD" -> {
                    if (!Files.isRegularFile(file)) {
                        error(exchange, method, 404, "NoSuchKey", "The specified key does not exist.");
                        return;
                    }
                    byte[] body = Files.readAllBytes(file);
                    exchange.getResponseHeaders().set("Content-Type", type);
                    exchange.getResponseHeaders().set("Last-Modified",
                            DateTimeFormatter.RFC_1123_DATE_TIME.format(Files.getLastModifiedTime(file).toInstant().atOffset(ZoneOffset.UTC)));
                    exchange.getResponseHeaders().set("ETag", "\"" + Integer.toHexString(java.util.Arrays.hashCode(body)) + "\"");
                    if (method.equals("HEAD")) {
                        exchange.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
                        exchange.sendResponseHeaders(200, -1);
                    } else {
                        int status = 200;
                        Matcher range = RANGE.matcher(String.valueOf(exchange.getRequestHeaders().getFirst("Range")));
                        if (range.matches() && body.length > 0 && Long.parseLong(range.group(1)) < body.length) {
                            // A first-bytes range, the only kind the desk asks for, answered as S3 answers it.
                            int from = Integer.parseInt(range.group(1));
                            int to = (int) Math.min(body.length - 1L, Long.parseLong(range.group(2)));
                            exchange.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + to + "/" + body.length);
                            body = java.util.Arrays.copyOfRange(body, from, to + 1);
                            status = 206;
                        }
                        exchange.sendResponseHeaders(status, body.length);
                        try (OutputStream out = exchange.getResponseBody()) {
                            out.write(body);
                        }
                    }
                }
                default -> error(exchange, method, 405, "MethodNotAllowed", method + " is not served by the local media bucket");
            }
        }
    }

    /**
     * A browser's CORS preflight, answered as S3 answers it: by the bucket's CORS rule, not by any
     * signature (it carries none). 400 without an Origin or a method asked for; 403 when the origin,
     * the method or one of the headers asked for is not the rule's.
     */
    private void preflight(HttpExchange exchange) throws IOException {
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        String method = exchange.getRequestHeaders().getFirst("Access-Control-Request-Method");
        if (origin == null || method == null) {
            error(exchange, "OPTIONS", 400, "BadRequest", "Insufficient information. Origin request header needed.");
            return;
        }
        String asked = exchange.getRequestHeaders().getFirst("Access-Control-Request-Headers");
        List<String> headers = asked == null || asked.isBlank() ? List.of()
                : Arrays.stream(asked.split(",")).map(h -> h.strip().toLowerCase(Locale.ROOT)).filter(h -> !h.isEmpty()).toList();
        if (!origin.equals(corsOrigin) || !method.equals(CORS_METHOD) || !CORS_HEADERS.containsAll(headers)) {
            error(exchange, "OPTIONS", 403, "AccessForbidden", "CORSResponse: This CORS request is not allowed. The origin, the method"
                    + " (Access-Control-Request-Method) or a header (Access-Control-Request-Headers) is not in the bucket's CORS rule.");
            return;
        }
        exchange.getResponseHeaders().set("Access-Control-Allow-Origin", origin);
        exchange.getResponseHeaders().set("Access-Control-Allow-Methods", CORS_METHOD);
        if (!headers.isEmpty()) {
            exchange.getResponseHeaders().set("Access-Control-Allow-Headers", String.join(", ", headers));
        }
        exchange.getResponseHeaders().set("Access-Control-Max-Age", Integer.toString(CORS_MAX_AGE_SECONDS));
        exchange.getResponseHeaders().set("Vary", "Origin, Access-Control-Request-Headers, Access-Control-Request-Method");
        exchange.sendResponseHeaders(200, -1);
    }

    private void put(HttpExchange exchange, Path file, String type) throws IOException {
        String sent = exchange.getRequestHeaders().getFirst("Content-Type");
        if (sent == null || !sent.toLowerCase(Locale.ROOT).equals(type)) {
            error(exchange, "PUT", 403, "SignatureDoesNotMatch", "the upload for this key is " + type + ", not " + sent);
            return;
        }
        byte[] body = exchange.getRequestBody().readAllBytes();
        String checksum = exchange.getRequestHeaders().getFirst("x-amz-checksum-sha256");
        if (checksum != null && !checksum.equals(sha256Base64(body))) {
            error(exchange, "PUT", 400, "BadDigest", "The SHA256 you specified did not match the calculated checksum.");
            return;
        }
        Files.createDirectories(file.getParent());
        Path partial = file.resolveSibling(file.getFileName() + ".part");
        Files.write(partial, body);
        Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        exchange.getResponseHeaders().set("ETag", "\"" + Integer.toHexString(java.util.Arrays.hashCode(body)) + "\"");
        exchange.sendResponseHeaders(200, -1);
    }

    /** Why a presigned URL can no longer be used, or null while it can. */
    private String expiry(Map<String, String> query) {
        try {
            Instant signedAt = AMZ_DATE.parse(query.getOrDefault("X-Amz-Date", ""), Instant::from);
            long seconds = Long.parseLong(query.getOrDefault("X-Amz-Expires", ""));
            Instant until = signedAt.plusSeconds(seconds);
            return clock.instant().isAfter(until) ? "Request has expired (at " + until + ")" : null;
        } catch (DateTimeParseException | NumberFormatException e) {
            return "a presigned URL needs X-Amz-Date and X-Amz-Expires";
        }
    }

    /**
     * Signs the request again as it arrived (its method, host, path and the headers it says it signed,
     * at its X-Amz-Date for its X-Amz-Expires) with the stack's key, and compares the signatures.
     */
    private boolean signatureMatches(HttpExchange exchange, Map<String, String> query) {
        String[] scope = query.getOrDefault("X-Amz-Credential", "").split("/");
        if (scope.length != 5 || !scope[0].equals(credentials.accessKeyId()) || !scope[3].equals("s3")) {
            return false;
        }
        SdkHttpRequest.Builder request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.fromValue(exchange.getRequestMethod()))
                .uri(URI.create("http://" + exchange.getRequestHeaders().getFirst("Host") + exchange.getRequestURI().getRawPath()));
        query.forEach((name, value) -> {
            if (!name.startsWith("X-Amz-")) {
                request.appendRawQueryParameter(name, value);
            }
        });
        for (String name : query.getOrDefault("X-Amz-SignedHeaders", "").split(";")) {
            if (!name.equals("host")) {
                String value = exchange.getRequestHeaders().getFirst(name);
                if (value == null) {
                    return false;
                }
                request.putHeader(name, value);
            }
        }
        Instant signedAt = AMZ_DATE.parse(query.get("X-Amz-Date"), Instant::from);
        String expected = signer.sign(request.build(), credentials, scope[2], Duration.ofSeconds(Long.parseLong(query.get("X-Amz-Expires"))),
                signedAt).firstMatchingRawQueryParameter("X-Amz-Signature").orElse("");
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                query.get("X-Amz-Signature").getBytes(StandardCharsets.US_ASCII));
    }

    private static String sha256Base64(byte[] body) {
        try {
            return java.util.Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    out.put(pair.substring(0, eq), java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }

    /** S3's XML error; a HEAD answer has no body, as S3's has none. */
    private static void error(HttpExchange exchange, String method, int status, String code, String message) throws IOException {
        if (method.equals("HEAD")) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>"
                + message.replace("&", "&amp;").replace("<", "&lt;") + "</Message></Error>").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/xml");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
