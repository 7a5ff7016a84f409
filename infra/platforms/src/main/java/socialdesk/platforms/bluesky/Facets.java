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
    private static final int MAX_TAG_GRAPHEMES = 64;

    private static final Pattern LINK = Pattern.compile("(?<![\\w/@.])https?://[^\\s<>\"]+");
    // A handle is a domain name: labels of letters, digits and hyphens, at least two, the last not starting with a digit.
    private static final Pattern MENTION = Pattern.compile(
            "(?<![^\\s(\\[])@((?:[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\\.)+[a-zA-Z](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)");
    private static final Pattern TAG = Pattern.compile("(?<![^\\s(\\[])#([^\\s#]+)");
    private static final Pattern TRAILING_PUNCTUATION = Pattern.compile("\\p{P}+$");
    private static final Pattern DIGITS_ONLY = Pattern.compile("\\d+");

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

    /** Every link, mention and hashtag in the text, in order, none overlapping. */
    public static List<Facet> detect(String text) {
        List<int[]> taken = new ArrayList<>();
        List<Facet> facets = new ArrayList<>();
        Matcher m = LINK.matcher(text);
        while (m.find()) {
            int end = m.start() + TextMeasure.linkLength(m.group());
            if (end - m.start() > "https://".length()) {
                add(facets, taken, text, Kind.LINK, m.start(), end, text.substring(m.start(), end));
            }
        }
        m = MENTION.matcher(text);
        while (m.find()) {
            add(facets, taken, text, Kind.MENTION, m.start(), m.end(), m.group(1).toLowerCase(java.util.Locale.ROOT));
        }
        m = TAG.matcher(text);
        while (m.find()) {
            String tag = TRAILING_PUNCTUATION.matcher(m.group(1)).replaceFirst("");
            if (!tag.isEmpty() && !DIGITS_ONLY.matcher(tag).matches() && TextMeasure.graphemes(tag) <= MAX_TAG_GRAPHEMES) {
                add(facets, taken, text, Kind.TAG, m.start(), m.start() + 1 + tag.length(), tag);
            }
        }
        facets.sort(Comparator.comparingInt(Facet::byteStart));
        return List.copyOf(facets);
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
