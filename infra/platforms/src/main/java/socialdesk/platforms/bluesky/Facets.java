package socialdesk.platforms.bluesky;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import socialdesk.core.platform.TextMeasure;

/**
 * Finds the rich-text facets of a post: links, mentions and hashtags, each with its range as
 * UTF-8 byte offsets into the text (what {@code app.bsky.richtext.facet} requires; Java's char
 * indexes would be wrong after the first non-ASCII character).
 *
 * <p>Mentions are found as handles; the publisher turns each into a DID (and drops those that do
 * not resolve) before the facets go into the record.
 */
public final class Facets {
    private static final String LINK_TYPE = "app.bsky.richtext.facet#link";
    private static final String MENTION_TYPE = "app.bsky.richtext.facet#mention";
    private static final String TAG_TYPE = "app.bsky.richtext.facet#tag";
    /** {@code app.bsky.richtext.facet#tag}: {@code maxGraphemes} 64 and {@code maxLength} 640 (UTF-8 bytes), both apply. */
    static final int MAX_TAG_GRAPHEMES = 64;
    static final int MAX_TAG_BYTES = 640;

    // Whitespace is Unicode's (no-break space, U+3000, U+2028 end a link or tag, as they end a word
    // for the PDS's own checks), plus U+FEFF, which JavaScript's \s also counts.
    private static final int UNICODE = Pattern.UNICODE_CHARACTER_CLASS;
    private static final Pattern LINK = Pattern.compile("(?<![\\w/@.])https?://[^\\s\uFEFF<>\"]+", UNICODE);
    // A handle is a domain name: labels of letters, digits and hyphens, at least two, the last not starting with a digit.
    private static final Pattern MENTION = Pattern.compile(
            "(?<![^\\s(\\[])@((?:[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\\.)+[a-zA-Z](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)",
            UNICODE);
    private static final Pattern TAG = Pattern.compile("(?<![^\\s(\\[])[#\uFF03]([^\\s\uFEFF#\uFF03]+)", UNICODE);
    /** Punctuation and invisible joiners (zero-width space, non-joiner, joiner, word joiner, soft hyphen) do not end a tag. */
    private static final Pattern TAG_TAIL = Pattern.compile("[\\p{P}\u200B\u200C\u200D\u2060\u00AD]+$");
    private static final Pattern DIGITS_ONLY = Pattern.compile("\\d+");
    /**
     * The lexicon's {@code uri} string format as the PDS checks it: a scheme, an optional {@code //},
     * then no slash and no whitespace ({@code https:///path} fails).
     */
    private static final Pattern LEXICON_URI = Pattern.compile("[A-Za-z0-9_]+:(?://)?[^\\s\uFEFF/][^\\s\uFEFF]*", UNICODE);
    private static final Pattern DID = Pattern.compile("did:[a-z]+:[a-zA-Z0-9._:%-]*[a-zA-Z0-9._-]");

    public enum Kind { LINK, MENTION, TAG }

    /**
     * One facet before mention resolution.
     *
     * @param value the link's URI, the mentioned handle (no {@code @}), or the tag (no {@code #})
     */
    public record Facet(Kind kind, int byteStart, int byteEnd, String value) {
        /** The facet as {@code app.bsky.richtext.facet}; for a mention, {@code did} replaces the handle. */
        public Map<String, Object> toJson(String did) {
            Map<String, Object> feature = new LinkedHashMap<>();
            switch (kind) {
                case LINK -> {
                    feature.put("$type", LINK_TYPE);
                    feature.put("uri", value);
                }
                case MENTION -> {
                    feature.put("$type", MENTION_TYPE);
                    feature.put("did", did);
                }
                case TAG -> {
                    feature.put("$type", TAG_TYPE);
                    feature.put("tag", value);
                }
            }
            Map<String, Object> index = new LinkedHashMap<>();
            index.put("byteStart", byteStart);
            index.put("byteEnd", byteEnd);
            Map<String, Object> facet = new LinkedHashMap<>();
            facet.put("index", index);
            facet.put("features", List.of(feature));
            return facet;
        }
    }

    private Facets() {
    }

    /**
     * Every link, mention and hashtag in the text, in order, none overlapping. A candidate the
     * lexicon would refuse (a link without a host, a tag over its limits) is left as plain text on
     * its own: the rest of the post keeps its facets.
     */
    public static List<Facet> detect(String text) {
        List<int[]> taken = new ArrayList<>();
        List<Facet> facets = new ArrayList<>();
        Matcher m = LINK.matcher(text);
        while (m.find()) {
            int end = m.start() + TextMeasure.linkLength(m.group());
            String uri = text.substring(m.start(), end);
            if (isLink(uri)) {
                add(facets, taken, text, Kind.LINK, m.start(), end, uri);
            }
        }
        m = MENTION.matcher(text);
        while (m.find()) {
            add(facets, taken, text, Kind.MENTION, m.start(), m.end(), m.group(1).toLowerCase(java.util.Locale.ROOT));
        }
        m = TAG.matcher(text);
        while (m.find()) {
            String tag = TAG_TAIL.matcher(m.group(1)).replaceFirst("");
            if (isTag(tag)) {
                add(facets, taken, text, Kind.TAG, m.start(), m.start() + 1 + tag.length(), tag);
            }
        }
        facets.sort(Comparator.comparingInt(Facet::byteStart));
        return List.copyOf(facets);
    }

    /** A link the PDS accepts as a facet's {@code uri}: the lexicon's format, and a host after {@code ://}. */
    public static boolean isLink(String uri) {
        if (!LEXICON_URI.matcher(uri).matches()) {
            return false;
        }
        int authority = uri.indexOf("://");
        if (authority < 0) {
            return false;
        }
        String rest = uri.substring(authority + 3);
        int hostEnd = rest.length();
        for (char stop : new char[] {'/', '?', '#'}) {
            int at = rest.indexOf(stop);
            if (at >= 0 && at < hostEnd) {
                hostEnd = at;
            }
        }
        String host = rest.substring(0, hostEnd);
        int userInfo = host.lastIndexOf('@');
        return !host.substring(userInfo + 1).isEmpty();
    }

    /** A tag within the lexicon's limits (64 graphemes and 640 bytes) that is not only digits. */
    public static boolean isTag(String tag) {
        return !tag.isEmpty() && !DIGITS_ONLY.matcher(tag).matches()
                && TextMeasure.graphemes(tag) <= MAX_TAG_GRAPHEMES && TextMeasure.utf8Length(tag) <= MAX_TAG_BYTES;
    }

    /** A DID as the lexicon's {@code did} format reads it. */
    public static boolean isDid(String did) {
        return did != null && did.length() <= 2048 && DID.matcher(did).matches();
    }

    private static void add(List<Facet> facets, List<int[]> taken, String text, Kind kind, int start, int end, String value) {
        for (int[] range : taken) {
            if (start < range[1] && range[0] < end) {
                return;
            }
        }
        taken.add(new int[] {start, end});
        int byteStart = TextMeasure.utf8Length(text, 0, start);
        facets.add(new Facet(kind, byteStart, byteStart + TextMeasure.utf8Length(text, start, end), value));
    }
}
