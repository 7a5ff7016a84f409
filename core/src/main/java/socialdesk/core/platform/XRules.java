package socialdesk.core.platform;

import com.twitter.twittertext.TwitterTextParser;
import socialdesk.core.post.Platform;

/**
 * X's 280-character rule, counted by X's own library (twitter-text v3, its default configuration):
 * every URL counts {@value #URL_WEIGHT} however long, bare domains on every TLD X knows included
 * ({@code abc.vn}); an emoji sequence counts 2; Latin, Greek, Cyrillic and common punctuation count 1
 * and everything else (CJK, Hangul, most symbols) 2; the text is normalised to NFC first.
 */
public final class XRules extends LengthLimit {
    public static final int MAX_WEIGHTED = 280;
    public static final int URL_WEIGHT = 23;

    public XRules() {
        super(Platform.X, MAX_WEIGHTED, "weighted characters (links 23, emoji and CJK 2)", XRules::weightedLength);
    }

    /** The length X compares with 280. */
    public static int weightedLength(String text) {
        return TwitterTextParser.parseTweet(text).weightedLength;
    }
}
