package socialdesk.core.post;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An image uploaded to the desk's media bucket, named in a post by {@code media://<key>} instead of
 * a public URL. Keys are the ones {@code POST /media} hands out: {@code uploads/} then a UUID and
 * the format's extension, nothing a caller can steer elsewhere in the bucket.
 */
public final class StoredImage {
    public static final String SCHEME = "media://";
    /** Where uploads go in the bucket, and all the posts API may write. */
    public static final String PREFIX = "uploads/";
    private static final Pattern KEY = Pattern.compile(
            "uploads/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.(jpg|png|gif|webp)");

    private StoredImage() {
    }

    /** The bucket key a {@code media://} reference names, or empty for any other URL. */
    public static Optional<String> key(String url) {
        if (url == null || !url.startsWith(SCHEME)) {
            return Optional.empty();
        }
        return Optional.of(url.substring(SCHEME.length()));
    }

    /** Whether {@code key} has the shape the posts API hands out. */
    public static boolean validKey(String key) {
        return KEY.matcher(key).matches();
    }

    public static String reference(String key) {
        return SCHEME + key;
    }
}
