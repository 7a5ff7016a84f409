package socialdesk.core.platform;

import com.twitter.twittertext.Extractor;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import socialdesk.core.post.Platform;
import socialdesk.core.post.PostContent;

/**
 * Threads' text rules: at most {@value #MAX_CHARS} characters, where (as the Threads API documents)
 * an emoji counts as the number of its UTF-8 bytes: 😀 is 4, ❤️ is 6, a skin-toned thumb 8 and a
 * family ZWJ sequence 25. Everything else counts one per code point (a letter with a combining
 * accent is 2, erring on the safe side). At most {@value #MAX_LINKS} distinct links: Threads refuses
 * more with {@code THREADS_API__LINK_LIMIT_EXCEEDED}, and counts every URL-like text, so a link here is
 * any http(s) URL and any bare domain or {@code www.} host that X's twitter-text extractor finds on
 * its list of TLDs ({@code abc.vn}, {@code shop.co.uk/x}); {@code https://abc.vn} and {@code abc.vn}
 * are the same link. A post with an image may have no text.
 */
public final class ThreadsRules extends LengthLimit {
    public static final int MAX_CHARS = 500;
    public static final int MAX_LINKS = 5;
    private static final Pattern LINK = Pattern.compile("\\bhttps?://[^\\s<>\"]+", Pattern.CASE_INSENSITIVE);
    private static final Pattern SCHEME_AND_TRAILING_SLASH = Pattern.compile("^https?://|/$", Pattern.CASE_INSENSITIVE);
    private static final Extractor URL_LIKE = new Extractor();

    public ThreadsRules() {
        super(Platform.THREADS, MAX_CHARS, "characters (emoji count their UTF-8 bytes)", ThreadsRules::countedLength);
    }

    public static int countedLength(String text) {
        int total = 0;
        for (String cluster : TextMeasure.graphemeClusters(text)) {
            total += TextMeasure.isEmojiCluster(cluster) ? TextMeasure.utf8Length(cluster) : TextMeasure.codePoints(cluster);
        }
        return total;
    }

    /** One spelling per link: without the scheme or a trailing slash, lower case. */
    private static String sameLink(String url) {
        return SCHEME_AND_TRAILING_SLASH.matcher(url).replaceAll("").toLowerCase(Locale.ROOT);
    }

    @Override
    boolean blankAllowed(PostContent content) {
        return content.hasImage();
    }

    @Override
    void more(PostContent content, List<String> problems) {
        String text = content.fullText();
        Set<String> links = new LinkedHashSet<>();
        Matcher m = LINK.matcher(text);
        while (m.find()) {
            links.add(sameLink(m.group().substring(0, TextMeasure.linkLength(m.group()))));
        }
        for (String url : URL_LIKE.extractURLs(text)) {
            links.add(sameLink(url));
        }
        if (links.size() > MAX_LINKS) {
            problems.add("threads: text has " + links.size() + " distinct links, the limit is " + MAX_LINKS);
        }
    }
}
