package socialdesk.platforms.mastodon;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A status's {@code content} (the HTML Mastodon renders) as plain text for triage and people:
 * paragraphs and line breaks become new lines, tags go, entities are decoded. Mentions and links
 * keep their visible text ({@code @desk}, the shortened URL).
 */
final class StatusText {
    private static final Pattern BREAK = Pattern.compile("(?i)<br\\s*/?>");
    private static final Pattern PARAGRAPH_END = Pattern.compile("(?i)</p>\\s*");
    private static final Pattern INVISIBLE = Pattern.compile("(?is)<span class=\"invisible\">.*?</span>");
    private static final Pattern ELLIPSIS = Pattern.compile("(?is)<span class=\"ellipsis\">(.*?)</span>");
    private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});");

    private StatusText() {
    }

    static String of(String html) {
        if (html == null) {
            return null;
        }
        String text = INVISIBLE.matcher(html).replaceAll("");
        text = ELLIPSIS.matcher(text).replaceAll("$1…");
        text = BREAK.matcher(text).replaceAll("\n");
        text = PARAGRAPH_END.matcher(text).replaceAll("\n\n");
        text = TAG.matcher(text).replaceAll("");
        return decode(text).strip();
    }

    private static String decode(String text) {
        Matcher m = ENTITY.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(entity(m.group(1), m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String entity(String name, String whole) {
        if (name.startsWith("#")) {
            try {
                int cp = name.length() > 1 && (name.charAt(1) == 'x' || name.charAt(1) == 'X')
                        ? Integer.parseInt(name.substring(2), 16) : Integer.parseInt(name.substring(1));
                return Character.isValidCodePoint(cp) && cp != 0 ? Character.toString(cp) : whole;
            } catch (NumberFormatException e) {
                return whole;
            }
        }
        return switch (name) {
            case "amp" -> "&";
            case "lt" -> "<";
            case "gt" -> ">";
            case "quot" -> "\"";
            case "apos" -> "'";
            case "nbsp" -> "\u00a0";
            default -> whole;
        };
    }
}
