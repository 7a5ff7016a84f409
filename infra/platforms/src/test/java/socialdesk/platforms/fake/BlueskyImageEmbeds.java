package socialdesk.platforms.fake;

import java.util.List;
import java.util.Map;
import socialdesk.core.json.JsonRead;

/**
 * What a PDS checks of an {@code app.bsky.embed.images} embed (the lexicon): an {@code images}
 * array of at most {@value #MAX_IMAGES}, each with an {@code image} blob uploaded to this repo (an
 * image type, at most {@value #MAX_BYTES} bytes), a string {@code alt} (required, may be empty) and,
 * when present, an {@code aspectRatio} of two positive integers.
 */
final class BlueskyImageEmbeds {
    static final String TYPE = "app.bsky.embed.images";
    static final int MAX_IMAGES = 4;
    static final long MAX_BYTES = 1_000_000;

    private BlueskyImageEmbeds() {
    }

    /** Null when the embed is valid; otherwise the PDS's words, with the failing path. */
    static String problem(Map<String, Object> embed, Map<String, Map<String, Object>> blobs) {
        if (!(embed.get("images") instanceof List<?> images)) {
            return "Object must have the property \"images\" at $.record.embed";
        }
        if (images.size() > MAX_IMAGES) {
            return "Array is too long at $.record.embed.images";
        }
        for (int i = 0; i < images.size(); i++) {
            String path = "$.record.embed.images[" + i + "]";
            Object image = images.get(i);
            if (!(JsonRead.at(image, "alt") instanceof String)) {
                return "Object must have the property \"alt\" at " + path;
            }
            String cid = JsonRead.string(image, "image", "ref", "$link");
            Map<String, Object> stored = cid == null ? null : blobs.get(cid);
            if (stored == null) {
                return "Could not find blob at " + path + ".image";
            }
            String mime = String.valueOf(stored.get("mimeType"));
            long size = ((Number) stored.get("size")).longValue();
            if (!mime.startsWith("image/") || size > MAX_BYTES) {
                return "Invalid blob (" + mime + ", " + size + " bytes) at " + path + ".image";
            }
            Object ratio = JsonRead.at(image, "aspectRatio");
            if (ratio != null) {
                Long width = JsonRead.integer(ratio, "width");
                Long height = JsonRead.integer(ratio, "height");
                if (width == null || height == null || width < 1 || height < 1) {
                    return "aspectRatio must have positive integer width and height at " + path + ".aspectRatio";
                }
            }
        }
        return null;
    }
}
