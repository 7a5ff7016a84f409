package socialdesk.core.platform;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import socialdesk.core.post.Platform;
import socialdesk.core.post.PostContent;

/**
 * An Instagram feed post: an image is required (the API publishes media, never text alone); the
 * caption may be empty and holds at most {@value #MAX_CHARS} characters (UTF-16 code units),
 * {@value #MAX_HASHTAGS} hashtags and {@value #MAX_MENTIONS} @-mentions. Links in a caption are
 * not clickable on Instagram. The images must be JPEGs (the content publishing API takes JPEG
 * images only, {@link ImageRules}): an image URL whose file name ends in another image format's
 * extension is refused when the post is queued. A URL with no extension cannot be judged before
 * Instagram fetches it.
 */
public final class InstagramRules extends LengthLimit {
    public static final int MAX_CHARS = 2200;
    public static final int MAX_HASHTAGS = 30;
    public static final int MAX_MENTIONS = 20;
    private static final Pattern HASHTAG = Pattern.compile("(?<![\\w&#])[#＃][\\p{L}\\p{N}_]*\\p{L}[\\p{L}\\p{N}_]*");
    private static final Pattern MENTION = Pattern.compile("(?<![\\w@])@[A-Za-z0-9._]+");

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
            problems.add("instagram: a post needs an image; Instagram cannot publish text alone");
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
