package socialdesk.aws.dynamo;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;
import socialdesk.core.post.InvalidCursorException;

/**
 * The opaque {@code next} cursor of the post listing: the GSI2 sort key of the last post of the
 * page ({@code <due ms>#<id>}), versioned and base64url-encoded. It names a position, not a
 * DynamoDB key, so a page can end in the middle of a month partition or of a filtered read.
 */
final class ListingCursor {
    private static final String VERSION = "p1:";
    private static final Pattern SORT_KEY = Pattern.compile("\\d{13}#[A-Za-z0-9._-]{1,64}");

    private ListingCursor() {
    }

    static String encode(String sortKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((VERSION + sortKey).getBytes(StandardCharsets.UTF_8));
    }

    static String decode(String cursor) {
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidCursorException();
        }
        if (!text.startsWith(VERSION) || !SORT_KEY.matcher(text.substring(VERSION.length())).matches()) {
            throw new InvalidCursorException();
        }
        return text.substring(VERSION.length());
    }
}
