package socialdesk.core.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import socialdesk.core.post.Platform;
import socialdesk.core.post.PostContent;
import socialdesk.core.post.PostImage;

/**
 * What one platform accepts of a post's images: how many, which formats, how many bytes each, and
 * how long an alt text may be, counted the platform's way. The count, the alt text and a format that
 * the URL's file name gives away are checked when the post is queued; the bytes and the real type
 * are known only when the image is fetched, just before it is sent ({@link #fileProblem}), and so are
 * its dimensions ({@link #dimensionProblem}), except for an upload, whose size and header the posts
 * API reads from the bucket when the post is queued.
 *
 * <p>The figures and their sources are in docs/platforms.md (Images).
 *
 * @param maxImages  the most images one post may carry on this platform (never above {@link PostImage#MAX_PER_POST})
 * @param maxAlt     the longest alt text, in {@code altUnit}; 0 when the platform takes no alt text (it is then not sent)
 * @param formats    the media types the platform takes, lower case ({@code image/jpeg})
 * @param maxBytes   the largest file, in bytes
 */
public record ImageRules(Platform platform, int maxImages, int maxAlt, String altUnit, ToIntFunction<String> altMeasure,
                         Set<String> formats, long maxBytes) {
    private static final long MB = 1024L * 1024;
    /** The Images API's largest image, in pixels. */
    private static final long LINKEDIN_MAX_PIXELS = 36_152_320L;
    private static final Set<String> JPEG = Set.of("image/jpeg");
    private static final Set<String> WEB_FORMATS = Set.of("image/jpeg", "image/png", "image/gif", "image/webp");
    /** The extension of the URL path's last segment (query and fragment excluded). */
    private static final Pattern EXTENSION = Pattern.compile("^[^?#]*/[^/?#]*\\.([A-Za-z0-9]{2,5})(?:[?#].*)?$");
    private static final Map<String, String> TYPE_OF_EXTENSION = Map.ofEntries(
            Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"), Map.entry("jpe", "image/jpeg"),
            Map.entry("png", "image/png"), Map.entry("gif", "image/gif"), Map.entry("webp", "image/webp"),
            Map.entry("heic", "image/heic"), Map.entry("heif", "image/heif"), Map.entry("avif", "image/avif"),
            Map.entry("bmp", "image/bmp"), Map.entry("tif", "image/tiff"), Map.entry("tiff", "image/tiff"),
            Map.entry("svg", "image/svg+xml"), Map.entry("ico", "image/x-icon"), Map.entry("jxl", "image/jxl"));

    public ImageRules {
        formats = Set.copyOf(formats);
    }

    /** The image rules of one platform. */
    public static ImageRules of(Platform platform) {
        return switch (platform) {
            case MASTODON -> new ImageRules(platform, 4, 1500, "characters", TextMeasure::codePoints,
                    Set.of("image/jpeg", "image/png", "image/gif", "image/webp", "image/heic", "image/heif", "image/avif"), 16 * MB);
            case BLUESKY -> new ImageRules(platform, 4, 2000, "graphemes", TextMeasure::graphemes,
                    WEB_FORMATS, 1_000_000);
            case X -> new ImageRules(platform, 4, 1000, "characters", TextMeasure::codePoints, WEB_FORMATS, 5 * MB);
            case LINKEDIN -> new ImageRules(platform, 4, 4086, "characters", TextMeasure::utf16Units,
                    Set.of("image/jpeg", "image/png", "image/gif"), 16 * MB);
            case FACEBOOK -> new ImageRules(platform, 4, 0, "", TextMeasure::codePoints,
                    Set.of("image/jpeg", "image/png", "image/gif", "image/bmp", "image/tiff"), 4 * MB);
            case INSTAGRAM -> new ImageRules(platform, 4, 1000, "characters", TextMeasure::codePoints, JPEG, 8 * MB);
            case THREADS -> new ImageRules(platform, 4, 1000, "characters", TextMeasure::codePoints,
                    Set.of("image/jpeg", "image/png"), 8 * MB);
            case DISCORD -> new ImageRules(platform, 4, 1024, "characters", TextMeasure::codePoints, WEB_FORMATS, 10 * MB);
            case SLACK -> new ImageRules(platform, 4, 2000, "characters", TextMeasure::utf16Units,
                    Set.of("image/jpeg", "image/png", "image/gif"), 16 * MB);
            case TELEGRAM -> new ImageRules(platform, 4, 0, "", TextMeasure::codePoints, WEB_FORMATS, 5 * MB);
        };
    }

    /** Whether the platform shows alt text; where it does not, the alt text is kept on the post but not sent. */
    public boolean takesAlt() {
        return maxAlt > 0;
    }

    /** Every reason this post's images would be refused, known before fetching them. */
    public List<String> problems(PostContent content) {
        List<PostImage> images = content.images();
        List<String> problems = new ArrayList<>();
        String id = platform.id();
        if (images.size() > maxImages) {
            problems.add(id + ": " + images.size() + " images, the limit is " + maxImages);
        }
        for (int i = 0; i < images.size(); i++) {
            PostImage image = images.get(i);
            if (takesAlt()) {
                int length = altMeasure.applyAsInt(image.alt());
                if (length > maxAlt) {
                    problems.add(id + ": image " + (i + 1) + "'s alt text is " + length + " " + altUnit + ", the limit is " + maxAlt);
                }
            }
            String type = typeByName(image.url()).orElse(null);
            if (type != null && !formats.contains(type)) {
                problems.add(id + ": image " + (i + 1) + " is " + describe(type) + " (by its file name); " + id + " takes "
                        + formatList());
            }
        }
        return problems;
    }

    /**
     * Why a fetched image cannot go to this platform (its type or size), or empty when it can.
     *
     * @param number the image's place in the post, from 1
     */
    public Optional<String> fileProblem(int number, String contentType, long bytes) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (!formats.contains(type)) {
            String what = type.isEmpty() ? "of no stated type" : type.startsWith("image/") ? describe(type) : "not an image (" + type + ")";
            return Optional.of(platform.id() + ": image " + number + " is " + what + "; " + platform.id() + " takes " + formatList());
        }
        if (bytes > maxBytes) {
            return Optional.of(platform.id() + ": image " + number + " is " + bytes + " bytes, the limit is " + maxBytes);
        }
        return Optional.empty();
    }

    /**
     * Why an image of {@code width} by {@code height} pixels cannot go to this platform, where the
     * platform states a limit on dimensions (docs/platforms.md, Images): Instagram's aspect ratio from
     * 4:5 to 1.91:1, Threads' 10:1 either way, LinkedIn's 36,152,320 pixels, Telegram's width plus
     * height of 10,000 and ratio of 20. Widths the platforms scale themselves are not refused.
     *
     * @param number the image's place in the post, from 1
     */
    public Optional<String> dimensionProblem(int number, int width, int height) {
        if (width <= 0 || height <= 0) {
            return Optional.empty();
        }
        String image = platform.id() + ": image " + number + " is " + width + "×" + height;
        double ratio = (double) width / height;
        double elongation = Math.max(ratio, 1 / ratio);
        return Optional.ofNullable(switch (platform) {
            case INSTAGRAM -> ratio < 0.8 || ratio > 1.91
                    ? image + ", an aspect ratio of " + String.format(Locale.ROOT, "%.2f", ratio) + ":1; instagram takes 4:5 (0.8) to 1.91:1"
                    : null;
            case THREADS -> elongation > 10 ? image + ", longer than threads' 10:1 aspect ratio limit" : null;
            case LINKEDIN -> (long) width * height > LINKEDIN_MAX_PIXELS
                    ? image + ", " + (long) width * height + " pixels; linkedin takes at most " + LINKEDIN_MAX_PIXELS : null;
            case TELEGRAM -> width + height > 10_000 ? image + "; telegram takes a width and height of 10000 together at most"
                    : elongation > 20 ? image + ", longer than telegram's ratio of 20" : null;
            default -> null;
        });
    }

    /** Whether {@link #dimensionProblem} can refuse anything for this platform: only then are the dimensions worth reading early. */
    public boolean statesDimensions() {
        return switch (platform) {
            case INSTAGRAM, THREADS, LINKEDIN, TELEGRAM -> true;
            default -> false;
        };
    }

    /**
     * The type a file's first bytes show (its signature), of the four formats platforms take: JPEG,
     * PNG, GIF or WebP. A server that labels a PNG {@code image/jpeg}, or a file named {@code .jpg}
     * that is a PNG, is judged by what it is.
     */
    public static Optional<String> typeByContent(byte[] b) {
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

    /** The media type a URL's file name extension names, when it names one. */
    public static Optional<String> typeByName(String url) {
        Matcher extension = EXTENSION.matcher(url == null ? "" : url);
        if (!extension.matches()) {
            return Optional.empty();
        }
        return Optional.ofNullable(TYPE_OF_EXTENSION.get(extension.group(1).toLowerCase(Locale.ROOT)));
    }

    private String formatList() {
        return String.join(", ", formats.stream().sorted().map(ImageRules::describe).toList()) + " images";
    }

    /** {@code image/svg+xml} as {@code SVG}. */
    private static String describe(String type) {
        String sub = type.startsWith("image/") ? type.substring("image/".length()) : type;
        return switch (sub) {
            case "svg+xml" -> "SVG";
            case "x-icon" -> "ICO";
            case "jxl" -> "JPEG XL";
            case "webp" -> "WebP";
            default -> sub.toUpperCase(Locale.ROOT);
        };
    }
}
