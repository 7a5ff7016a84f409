package socialdesk.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import socialdesk.core.json.JsonRead;

/**
 * An image file on this machine, for a post: checked here (it exists, is a JPEG, PNG, GIF or WebP by
 * its first bytes, not over 16 MB) and uploaded through the posts API's {@code POST /media} and the
 * presigned {@code PUT} it answers, after which the post names it by its {@code media://} reference.
 *
 * <p>Its {@link #sha256} is the content's digest: a calendar row's client token is made from it, not
 * from the path, so an edited picture is a new post and a moved one is not.
 */
final class LocalImage {
    /** The most the media bucket takes (S3MediaBucket.MAX_UPLOAD_BYTES: Mastodon's 16 MB, the most any platform takes). */
    static final long MAX_BYTES = 16L * 1024 * 1024;

    private final Path path;
    private final String contentType;
    private final byte[] bytes;
    private final String sha256;

    private LocalImage(Path path, String contentType, byte[] bytes) {
        this.path = path;
        this.contentType = contentType;
        this.bytes = bytes;
        this.sha256 = sha256(bytes);
    }

    Path path() {
        return path;
    }

    String contentType() {
        return contentType;
    }

    String sha256() {
        return sha256;
    }

    /** An image given by address rather than as a file: the API takes these as they are. */
    static boolean isAddress(String value) {
        String lower = value.strip().toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("media://");
    }

    /**
     * Reads {@code value}, a path relative to {@code base} (or absolute), as an image; empty with a
     * reason added to {@code problems}, which names the image as {@code name}, when it cannot be one.
     */
    static Optional<LocalImage> read(Path base, String value, String name, List<String> problems) {
        Path path;
        try {
            path = base.resolve(value.strip()).normalize();
        } catch (InvalidPathException e) {
            problems.add(name + " '" + value + "' is neither an http(s) URL nor a file name");
            return Optional.empty();
        }
        byte[] bytes;
        try {
            if (Files.isDirectory(path)) {
                problems.add(name + " '" + value + "' is a folder, not an image file");
                return Optional.empty();
            }
            long size = Files.size(path);
            if (size > MAX_BYTES) {
                problems.add(name + " '" + value + "' is " + size + " bytes, over " + MAX_BYTES + " (16 MB, the most any platform takes)");
                return Optional.empty();
            }
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            problems.add(name + " '" + value + "' is not an http(s) URL and there is no such file (" + path + ")");
            return Optional.empty();
        } catch (IOException e) {
            problems.add(name + " '" + value + "' cannot be read: " + e.getMessage());
            return Optional.empty();
        }
        Optional<String> type = contentType(bytes);
        if (bytes.length == 0 || type.isEmpty()) {
            problems.add(name + " '" + value + "' is not a JPEG, PNG, GIF or WebP image" + (bytes.length == 0 ? " (it is empty)" : ""));
            return Optional.empty();
        }
        return Optional.of(new LocalImage(path, type.get(), bytes));
    }

    /** The type the file's first bytes say it is, of the four the platforms take. */
    static Optional<String> contentType(byte[] b) {
        if (startsWith(b, 0, 0xff, 0xd8, 0xff)) {
            return Optional.of("image/jpeg");
        }
        if (startsWith(b, 0, 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n')) {
            return Optional.of("image/png");
        }
        if (startsWith(b, 0, 'G', 'I', 'F', '8', '7', 'a') || startsWith(b, 0, 'G', 'I', 'F', '8', '9', 'a')) {
            return Optional.of("image/gif");
        }
        if (startsWith(b, 0, 'R', 'I', 'F', 'F') && startsWith(b, 8, 'W', 'E', 'B', 'P')) {
            return Optional.of("image/webp");
        }
        return Optional.empty();
    }

    /** The API or the bucket refused this one file (a 4xx): the post that names it cannot be queued, others can. */
    static final class RefusedException extends RuntimeException {
        RefusedException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Uploads the file: {@code POST /media} for its type, size and digest, then the {@code PUT} with
     * the headers that answer names. Answers the {@code media://} reference a post's image carries,
     * which the digest makes the same each time the same file is uploaded.
     */
    String upload(PostsApi api) {
        PostsApi.Response offer = api.send("POST", "/media", Map.of("contentType", contentType, "bytes", (long) bytes.length,
                "sha256", sha256));
        if (offer.status() / 100 == 4) {
            throw new RefusedException(path.getFileName() + " was not taken: " + offer.reason());
        }
        if (offer.status() / 100 != 2) {
            throw CliException.failed("the posts API answered HTTP " + offer.status() + " to uploading " + path.getFileName()
                    + ": " + offer.reason());
        }
        String reference = JsonRead.string(offer.body(), "url");
        String uploadUrl = JsonRead.string(offer.body(), "uploadUrl");
        Map<String, Object> headers = JsonRead.object(offer.body(), "headers");
        if (reference == null || uploadUrl == null || headers == null) {
            throw CliException.failed("the posts API answered POST /media without url, uploadUrl and headers");
        }
        int status = api.put(java.net.URI.create(uploadUrl), headers, bytes);
        if (status / 100 == 4) {
            throw new RefusedException(path.getFileName() + " was refused by " + hostOf(uploadUrl) + " (HTTP " + status + ")");
        }
        if (status / 100 != 2) {
            throw CliException.failed("uploading " + path.getFileName() + " to " + hostOf(uploadUrl) + " failed (HTTP " + status + ")");
        }
        return reference;
    }

    private static String hostOf(String url) {
        String host = java.net.URI.create(url).getHost();
        return host == null ? "the media bucket" : host;
    }

    private static boolean startsWith(byte[] b, int at, int... expected) {
        if (b.length < at + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((b[at + i] & 0xff) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
