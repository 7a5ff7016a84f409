package socialdesk.platforms.linkedin;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plain text as LinkedIn's "little" text format (post {@code commentary}): the reserved characters
 * {@code \ | { } @ [ ] ( ) < > # * _ ~} are backslash-escaped, or LinkedIn may cut the post at the
 * first one. Links are left whole so they still link, and a {@code #} starting a hashtag is kept so
 * the hashtag stays one.
 */
public final class LittleText {
    private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"]+", Pattern.CASE_INSENSITIVE);
    private static final String RESERVED = "\\|{}@[]()<>#*_~";

    private LittleText() {
    }

    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        Matcher m = LINK.matcher(text);
        int last = 0;
        while (m.find()) {
            escapeInto(text.substring(last, m.start()), out);
            out.append(m.group());
            last = m.end();
        }
        escapeInto(text.substring(last), out);
        return out.toString();
    }

    private static void escapeInto(String part, StringBuilder out) {
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            boolean hashtag = c == '#' && i + 1 < part.length() && Character.isLetterOrDigit(part.codePointAt(i + 1))
                    && (i == 0 ? out.isEmpty() || Character.isWhitespace(out.charAt(out.length() - 1)) : Character.isWhitespace(part.charAt(i - 1)));
            if (RESERVED.indexOf(c) >= 0 && !hashtag) {
                out.append('\\');
            }
            out.append(c);
        }
    }
}
