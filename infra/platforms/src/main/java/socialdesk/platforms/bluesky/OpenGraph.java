package socialdesk.platforms.bluesky;

import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a page says about itself for previews: its {@code <meta>} tags (Open Graph {@code og:*}
 * properties, Twitter cards, the description) and its {@code <title>}, read from the page's head.
 * A scanner of those two tags, not an HTML parser: the function jars stay within their size target,
 * which an HTML library would break (docs/decisions/2026-12-06-bluesky-peer-tier.md). Entities
 * are decoded (numeric ones and the few named ones pages use in titles); the charset is the one a
 * {@code <meta charset>} names, else UTF-8.
 */
final class OpenGraph {
    /** The head is at the start; nothing past this many bytes is looked at. */
    private static final int MAX_SCAN = 512 * 1024;
    private static final Pattern META = Pattern.compile("<meta\\s([^>]*)>", Pattern.CASE_INSENSITIVE);
    private static final Pattern ATTRIBUTE = Pattern.compile(
            "([a-zA-Z:-]+)\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s\"'>]+))");
    private static final Pattern TITLE = Pattern.compile("<title[^>]*>([^<]*)</title>", Pattern.CASE_INSENSITIVE);
    private static final Pattern CHARSET = Pattern.compile("<meta[^>]+charset\\s*=\\s*[\"']?([\\w.:-]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern ENTITY = Pattern.compile("&(#\\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,6});");
    private static final Map<String, String> NAMED = Map.of("amp", "&", "lt", "<", "gt", ">", "quot", "\"", "apos", "'",
            "nbsp", "\u00A0", "ndash", "\u2013", "mdash", "\u2014", "hellip", "\u2026", "rsquo", "\u2019");

    private final Map<String, String> meta;
    private final String title;
    private final URI base;

    private OpenGraph(Map<String, String> meta, String title, URI base) {
        this.meta = meta;
        this.title = title;
        this.base = base;
    }

    /** Reads the tags of an HTML page fetched from {@code base}. */
    static OpenGraph read(byte[] page, URI base) {
        int length = Math.min(page.length, MAX_SCAN);
        String ascii = new String(page, 0, length, StandardCharsets.ISO_8859_1);
        Charset charset = StandardCharsets.UTF_8;
        Matcher declared = CHARSET.matcher(ascii);
        if (declared.find()) {
            try {
                charset = Charset.forName(declared.group(1));
            } catch (IllegalArgumentException e) {
                // an unknown charset name: UTF-8, as browsers mostly guess
            }
        }
        String html = new String(page, 0, length, charset);
        int bodyAt = html.toLowerCase(Locale.ROOT).indexOf("<body");
        String head = bodyAt < 0 ? html : html.substring(0, bodyAt);
        Map<String, String> meta = new HashMap<>();
        Matcher tag = META.matcher(head);
        while (tag.find()) {
            Map<String, String> attributes = attributes(tag.group(1));
            String key = attributes.getOrDefault("property", attributes.get("name"));
            String content = attributes.get("content");
            if (key != null && content != null) {
                meta.putIfAbsent(key.toLowerCase(Locale.ROOT), clean(content));
            }
        }
        Matcher title = TITLE.matcher(head);
        return new OpenGraph(meta, title.find() ? clean(title.group(1)) : "", base);
    }

    /** The first of these meta keys that has a non-empty value, or "". */
    String first(String... keys) {
        for (String key : keys) {
            String value = meta.get(key);
            if (value != null && !value.isEmpty()) {
                return value;
            }
        }
        return "";
    }

    String title() {
        return title;
    }

    /** The first of these meta keys as an absolute http(s) URL, or null. */
    URI url(String... keys) {
        String value = first(keys);
        if (value.isEmpty()) {
            return null;
        }
        try {
            URI resolved = base.resolve(value.replace(" ", "%20"));
            String scheme = resolved.getScheme();
            return scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https")) ? resolved : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Map<String, String> attributes(String text) {
        Map<String, String> attributes = new HashMap<>();
        Matcher m = ATTRIBUTE.matcher(text);
        while (m.find()) {
            String value = m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : m.group(4);
            attributes.putIfAbsent(m.group(1).toLowerCase(Locale.ROOT), value);
        }
        return attributes;
    }

    /** Entities decoded, whitespace runs made one space. */
    private static String clean(String text) {
        Matcher m = ENTITY.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(decode(m.group(1), m.group())));
        }
        m.appendTail(out);
        return out.toString().replaceAll("\\s+", " ").strip();
    }

    private static String decode(String entity, String raw) {
        if (entity.startsWith("#")) {
            try {
                int cp = entity.charAt(1) == 'x' || entity.charAt(1) == 'X'
                        ? Integer.parseInt(entity.substring(2), 16) : Integer.parseInt(entity.substring(1));
                return Character.isValidCodePoint(cp) && cp != 0 ? new String(Character.toChars(cp)) : raw;
            } catch (NumberFormatException e) {
                return raw;
            }
        }
        return NAMED.getOrDefault(entity, raw);
    }
}
