package socialdesk.platforms.linkedin;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import socialdesk.core.platform.TextMeasure;

/**
 * Plain text as LinkedIn's "little" text format (post {@code commentary}). Outside links every
 * reserved character {@code \ | { } @ [ ] ( ) < > # * _ ~} is backslash-escaped, since LinkedIn cuts
 * the post at the first unescaped one. A link ({@code http(s)://} or {@code www.}) is sent whole so it
 * still links, and ends before trailing sentence punctuation and an unmatched closing bracket, so
 * {@code (see https://ex.com/page)} escapes its {@code )}. A hashtag ({@code #} then letters and
 * digits with at least one letter, not inside a word) becomes the format's hashtag template
 * {@code {hashtag|\#|word}}, so it stays a hashtag with its {@code #} escaped.
 */
public final class LittleText {
    private static final Pattern TOKEN = Pattern.compile(
            "(?<link>(?<![\\p{L}\\p{N}_])(?:https?://|www\\.)[^\\s<>\"]+)"
                    + "|(?<tag>(?<![\\p{L}\\p{N}_&#\\\\])#(?<word>[\\p{L}\\p{N}]*\\p{L}[\\p{L}\\p{N}]*)(?![\\p{L}\\p{N}_]))",
            Pattern.CASE_INSENSITIVE);
    private static final String RESERVED = "\\|{}@[]()<>#*_~";

    private LittleText() {
    }

    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        Matcher m = TOKEN.matcher(text);
        int last = 0;
        while (m.find()) {
            escapeInto(text, last, m.start(), out);
            if (m.group("link") != null) {
                int end = m.start() + TextMeasure.linkLength(m.group());
                out.append(text, m.start(), end);
                last = end;
            } else {
                out.append("{hashtag|\\#|").append(m.group("word")).append('}');
                last = m.end();
            }
        }
        escapeInto(text, last, text.length(), out);
        return out.toString();
    }

    private static void escapeInto(String text, int from, int to, StringBuilder out) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (RESERVED.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
    }
}
