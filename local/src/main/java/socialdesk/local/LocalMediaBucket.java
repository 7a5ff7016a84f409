package socialdesk.local;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The media bucket on this machine, path-style at the local AWS endpoint: {@code /<bucket>/<key>},
 * the files under {@code .local/media/}. What the functions and the CLI do with it: a presigned
 * {@code PUT} of an upload (its expiry and path checked: only {@code uploads/} keys the posts API
 * makes, with the type their extension names), {@code HEAD} and {@code GET} from the S3 client, and a
 * presigned {@code GET} a platform follows. Signatures are not verified: the stack has one local identity.
 */
final class LocalMediaBucket {
    private static final Pattern KEY = Pattern.compile("uploads/[0-9a-f-]{36}\\.(jpg|png|gif|webp)");
    private static final Map<String, String> TYPE_OF_EXTENSION = Map.of("jpg", "image/jpeg", "png", "image/png", "gif", "image/gif",
            "webp", "image/webp");
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final String bucket;
    private final Path dir;
    private final Clock clock;

    LocalMediaBucket(String bucket, Path dir, Clock clock) {
        this.bucket = bucket;
        this.dir = dir;
        this.clock = clock;
    }

    /** The path prefix this bucket answers under. */
    String context() {
        return "/" + bucket + "/";
    }

    void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String key = exchange.getRequestURI().getPath().substring(context().length());
            String method = exchange.getRequestMethod();
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            if (!KEY.matcher(key).matches()) {
                error(exchange, method, 403, "AccessDenied", "the local media bucket holds uploads/<uuid>.<jpg|png|gif|webp> only");
                return;
            }
            if (query.containsKey("X-Amz-Signature")) {
                String expired = expiry(query);
                if (expired != null) {
                    error(exchange, method, 403, "AccessDenied", expired);
                    return;
                }
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
                        exchange.sendResponseHeaders(200, body.length);
                        try (OutputStream out = exchange.getResponseBody()) {
                            out.write(body);
                        }
                    }
                }
                default -> error(exchange, method, 405, "MethodNotAllowed", method + " is not served by the local media bucket");
            }
        }
    }

    private void put(HttpExchange exchange, Path file, String type) throws IOException {
        String sent = exchange.getRequestHeaders().getFirst("Content-Type");
        if (sent == null || !sent.toLowerCase(Locale.ROOT).equals(type)) {
            error(exchange, "PUT", 403, "SignatureDoesNotMatch", "the upload for this key is " + type + ", not " + sent);
            return;
        }
        byte[] body = exchange.getRequestBody().readAllBytes();
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
