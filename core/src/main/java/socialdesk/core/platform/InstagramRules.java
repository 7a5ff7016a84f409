package socialdesk.core.platform;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import socialdesk.core.post.Platform;
import socialdesk.core.post.PostContent;

/**
 * An Instagram feed post: an image is required (the API publishes media, never text alone); the
 * caption may be empty and holds at most {@value #MAX_CHARS} characters (UTF-16 code units),
 * {@value #MAX_HASHTAGS} hashtags and {@value #MAX_MENTIONS} @-mentions. Links in a caption are
 * not clickable on Instagram. The image must be a JPEG (the content publishing API takes JPEG
 * images only): an {@code imageUrl} whose file name ends in another image format's extension is
 * refused when the post is queued. A URL with no extension cannot be judged before Instagram fetches it.
 */
public final class InstagramRules extends LengthLimit {
    public static final int MAX_CHARS = 2200;
    public static final int MAX_HASHTAGS = 30;
    public static final int MAX_MENTIONS = 20;
    private static final Pattern HASHTAG = Pattern.compile("(?<![\\w&#])[#＃][\\p{L}\\p{N}_]*\\p{L}[\\p{L}\\p{N}_]*");
    private static final Pattern MENTION = Pattern.compile("(?<![\\w@])@[A-Za-z0-9._]+");
    /** The extension of the URL path's last segment (query and fragment excluded). */
    private static final Pattern EXTENSION = Pattern.compile("^[^?#]*/[^/?#]*\\.([A-Za-z0-9]{2,5})(?:[?#].*)?$");
    private static final Map<String, String> OTHER_IMAGE_FORMATS = Map.ofEntries(
            Map.entry("png", "PNG"), Map.entry("gif", "GIF"), Map.entry("webp", "WebP"), Map.entry("heic", "HEIC"),
            Map.entry("heif", "HEIF"), Map.entry("avif", "AVIF"), Map.entry("bmp", "BMP"), Map.entry("tif", "TIFF"),
            Map.entry("tiff", "TIFF"), Map.entry("svg", "SVG"), Map.entry("ico", "ICO"), Map.entry("jxl", "JPEG XL"));

    public InstagramRules() {
        super(Platform.INSTAGRAM, MAX_CHARS, "characters (UTF-16 units)", TextMeasure::utf16Units);
    }

    @Override
    boolean blankAllowed(PostContent content) {
        return true;
    }

    @Override
    void more(PostContent content, List<String> problems) {
        if (!content.hasImage()) {
            problems.add("instagram: a post needs an image (imageUrl); Instagram cannot publish text alone");
        }
        if (content.hasImage()) {
            Matcher extension = EXTENSION.matcher(content.imageUrl());
            String format = extension.matches() ? OTHER_IMAGE_FORMATS.get(extension.group(1).toLowerCase(Locale.ROOT)) : null;
            if (format != null) {
                problems.add("instagram: imageUrl is a " + format + " image (." + extension.group(1).toLowerCase(Locale.ROOT)
                        + "); Instagram's content publishing API takes JPEG images only: give a .jpg or .jpeg URL");
            }
        }
        int hashtags = count(HASHTAG, content.fullText());
        if (hashtags > MAX_HASHTAGS) {
            problems.add("instagram: caption has " + hashtags + " hashtags, the limit is " + MAX_HASHTAGS);
        }
        int mentions = count(MENTION, content.fullText());
        if (mentions > MAX_MENTIONS) {
            problems.add("instagram: caption has " + mentions + " @-mentions, the limit is " + MAX_MENTIONS);
        }
    }

    private static int count(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
