package socialdesk.core.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import socialdesk.core.post.Platform;
import socialdesk.core.post.PostContent;

/**
 * Mastodon's status length rule, counted the way Mastodon's {@code StatusLengthValidator} counts:
 * every http(s) link counts as {@value #URL_WEIGHT} characters however long it is, a remote mention
 * {@code @user@domain} counts only as {@code @user}, and what remains is counted in grapheme
 * clusters (Ruby's {@code each_grapheme_cluster.size}), so an emoji sequence is one character.
 *
 * <p>Link and mention detection is a close approximation of the twitter-text extractor Mastodon
 * uses; at worst it disagrees by a few characters on odd trailing punctuation.
 */
public final class MastodonRules implements ContentRules {
    /** The limit of a stock Mastodon instance; many instances configure more. */
    public static final int DEFAULT_MAX_CHARS = 500;
    /** What every link counts as, whatever its length. */
    public static final int URL_WEIGHT = 23;

    private static final String URL_PLACEHOLDER = "x".repeat(URL_WEIGHT);
    private static final Pattern ENTITY = Pattern.compile(
            "(?<url>\\bhttps?://[^\\s<>\"]+)"
                    + "|(?<![=/\\w])@(?<user>[a-z0-9_]+(?:[.-]+[a-z0-9_]+)*)@\\w+(?:[.-]+\\w+)*",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CHARACTER_CLASS);

    private final int maxChars;

    public MastodonRules() {
        this(DEFAULT_MAX_CHARS);
    }

    public MastodonRules(int maxChars) {
        if (maxChars <= 0) {
            throw new IllegalArgumentException("maxChars must be positive, was " + maxChars);
        }
        this.maxChars = maxChars;
    }

    public int maxChars() {
        return maxChars;
    }

    @Override
    public Platform platform() {
        return Platform.MASTODON;
    }

    @Override
    public List<String> problems(PostContent content) {
        String text = content.fullText();
        if (text.isBlank()) {
            return List.of("mastodon: text is empty");
        }
        List<String> problems = new ArrayList<>();
        int length = countedLength(text);
        if (length > maxChars) {
            problems.add("mastodon: text is " + length + " characters (links count as " + URL_WEIGHT
                    + "), the instance allows " + maxChars);
        }
        problems.addAll(images().problems(content));
        return List.copyOf(problems);
    }

    @Override
    public List<TextCount> counts(PostContent content) {
        return List.of(new TextCount(countedLength(content.fullText()), maxChars, "characters (links count as " + URL_WEIGHT + ")"));
    }

    /** The length Mastodon compares with its limit. */
    public static int countedLength(String text) {
        return TextMeasure.graphemes(countableText(text));
    }

    /** The text with each link replaced by 23 placeholder characters and each remote mention cut to its local part. */
    static String countableText(String text) {
        Matcher m = ENTITY.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        int last = 0;
        while (m.find()) {
            out.append(text, last, m.start());
            if (m.group("url") != null) {
                int end = m.start() + TextMeasure.linkLength(m.group("url"));
                out.append(URL_PLACEHOLDER).append(text, end, m.end());
            } else {
                out.append('@').append(m.group("user"));
            }
            last = m.end();
        }
        return out.append(text, last, text.length()).toString();
    }

    @Override
    public String toString() {
        return "MastodonRules[maxChars=" + maxChars + "]";
    }
}
