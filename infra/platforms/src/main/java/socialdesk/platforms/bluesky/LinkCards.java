package socialdesk.platforms.bluesky;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import socialdesk.platforms.PublicUrlFetcher;
import socialdesk.platforms.PublicUrlFetcher.FetchFailed;
import socialdesk.platforms.PublicUrlFetcher.Fetched;

/**
 * The preview card of a post's link ({@code app.bsky.embed.external}), as Bluesky's own app makes
 * it: the page's Open Graph title, description and image, the image uploaded as the card's
 * thumbnail. A card is a nicety: when the page cannot be fetched (through {@link PublicUrlFetcher},
 * so only from public addresses; page and image together within the fetcher's timeout) or says
 * nothing, there is no card; when only the image fails, the card has no thumbnail.
 */
final class LinkCards {
    static final String EXTERNAL_TYPE = "app.bsky.embed.external";
    /** The lexicon's {@code thumb}: {@code accept image/*}, {@code maxSize 1000000}. */
    static final long MAX_THUMB_BYTES = 1_000_000;
    static final long MAX_PAGE_BYTES = 2_000_000;
    private static final int MAX_TITLE = 300;
    private static final int MAX_DESCRIPTION = 1_000;
    private static final Set<String> THUMB_TYPES = Set.of("image/jpeg", "image/png", "image/webp", "image/gif");

    /** Uploads the thumbnail and answers the blob reference the record points to. */
    @FunctionalInterface
    interface ThumbUpload {
        Map<String, Object> upload(byte[] image, String mimeType) throws IOException, InterruptedException;
    }

    private final PublicUrlFetcher fetcher;

    LinkCards(PublicUrlFetcher fetcher) {
        this.fetcher = fetcher;
    }

    /** The embed for {@code link}, or null when the page gives nothing to show. */
    Map<String, Object> card(String link, ThumbUpload upload) throws InterruptedException {
        long started = System.nanoTime();
        Fetched page;
        try {
            page = fetcher.fetch(URI.create(link), type -> type.equals("text/html") || type.equals("application/xhtml+xml"),
                    MAX_PAGE_BYTES);
        } catch (FetchFailed | IllegalArgumentException e) {
            return null;
        }
        OpenGraph tags = OpenGraph.read(page.body(), page.uri());
        String title = tags.first("og:title", "twitter:title");
        if (title.isEmpty()) {
            title = tags.title();
        }
        String description = tags.first("og:description", "twitter:description", "description");
        if (title.isEmpty() && description.isEmpty()) {
            return null;
        }
        Map<String, Object> external = new LinkedHashMap<>();
        external.put("uri", link);
        external.put("title", bounded(title, MAX_TITLE));
        external.put("description", bounded(description, MAX_DESCRIPTION));
        Map<String, Object> thumb = thumb(tags.url("og:image", "og:image:url", "og:image:secure_url", "twitter:image"), upload,
                Duration.ofNanos(System.nanoTime() - started));
        if (thumb != null) {
            external.put("thumb", thumb);
        }
        Map<String, Object> embed = new LinkedHashMap<>();
        embed.put("$type", EXTERNAL_TYPE);
        embed.put("external", external);
        return embed;
    }

    private Map<String, Object> thumb(URI src, ThumbUpload upload, Duration spent) throws InterruptedException {
        if (src == null) {
            return null;
        }
        try {
            Duration left = fetcher.timeout().minus(spent);
            if (left.isNegative() || left.isZero()) {
                return null;
            }
            Fetched image = fetcher.fetch(src, THUMB_TYPES::contains, MAX_THUMB_BYTES, left);
            return upload.upload(image.body(), image.contentType());
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    private static String bounded(String text, int maxCodePoints) {
        if (text.codePointCount(0, text.length()) <= maxCodePoints) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, maxCodePoints - 1)).strip() + "…";
    }
}
