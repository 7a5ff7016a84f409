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
import socialdesk.aws.media.S3MediaBucket;
import socialdesk.core.json.JsonRead;
import socialdesk.core.platform.ImageRules;

/**
 * An image file on this machine, for a post: checked here (it exists, is a JPEG, PNG, GIF or WebP by
 * its first bytes, not over 16 MB) and uploaded through the posts API's {@code POST /media} and the
 * presigned {@code PUT} it answers, after which the post names it by its {@code media://} reference.
 *
 * <p>Its {@link #sha256} is the content's digest: a calendar row's client token is made from it, not
 * from the path, so an edited picture is a new post and a moved one is not.
 */
final class LocalImage {
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
            if (size > S3MediaBucket.MAX_UPLOAD_BYTES) {
                problems.add(name + " '" + value + "' is " + size + " bytes, over " + S3MediaBucket.MAX_UPLOAD_BYTES
                        + " (16 MB, the most any platform takes)");
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
        Optional<String> type = ImageRules.typeByContent(bytes);
        if (bytes.length == 0 || type.isEmpty()) {
            problems.add(name + " '" + value + "' is not a JPEG, PNG, GIF or WebP image" + (bytes.length == 0 ? " (it is empty)" : ""));
            return Optional.empty();
        }
        return Optional.of(new LocalImage(path, type.get(), bytes));
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

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
