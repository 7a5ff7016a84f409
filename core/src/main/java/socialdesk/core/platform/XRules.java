package socialdesk.core.platform;

import java.text.Normalizer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import socialdesk.core.post.Platform;

/**
 * X's 280-character rule as twitter-text v3 counts it ({@code config/v3.json}: scale 100, default
 * weight 200, {@code emojiParsingEnabled}, {@code transformedURLLength} 23):
 *
 * <ul>
 *   <li>the text is first normalised to NFC, so {@code e} + combining acute is one character;</li>
 *   <li>every URL counts {@value #URL_WEIGHT}, however long (X wraps it in t.co);</li>
 *   <li>an emoji counts 2 as a whole, including skin tones, flags and ZWJ sequences such as a family;</li>
 *   <li>any other code point counts 1 in U+0000–U+10FF (Latin, Greek, Cyrillic, Arabic, Hebrew...),
 *       U+2000–U+200D, U+2010–U+201F and U+2032–U+2037 (spaces, dashes, quotes, primes), and 2
 *       everywhere else (CJK, Hangul, most symbols).</li>
 * </ul>
 *
 * URL detection covers http(s) links, {@code www.} hosts and bare domains on common generic TLDs
 * ({@code example.com/path}); twitter-text also recognises bare domains on every TLD it knows, which
 * this does not. A bare text-presentation © or ® counts 1 here.
 */
public final class XRules extends LengthLimit {
    public static final int MAX_WEIGHTED = 280;
    public static final int URL_WEIGHT = 23;

    private static final Pattern URL = Pattern.compile(
            "(?<![\\w@.\\-/])(?:https?://[^\\s<>\"]+"
                    + "|(?:www\\.)?[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*"
                    + "\\.(?:com|net|org|info|biz|io|co|ai|app|dev|edu|gov|me|ly|xyz|news|blog|shop)\\b(?:/[^\\s<>\"]*)?)",
            Pattern.CASE_INSENSITIVE);

    public XRules() {
        super(Platform.X, MAX_WEIGHTED, "weighted characters (links 23, emoji and CJK 2)", XRules::weightedLength);
    }

    /** The length X compares with 280. */
    public static int weightedLength(String text) {
        String nfc = Normalizer.normalize(text, Normalizer.Form.NFC);
        Matcher m = URL.matcher(nfc);
        int total = 0;
        int last = 0;
        while (m.find()) {
            int end = m.start() + TextMeasure.linkLength(m.group());
            total += weightOfText(nfc.substring(last, m.start())) + URL_WEIGHT;
            last = end;
        }
        return total + weightOfText(nfc.substring(last));
    }

    private static int weightOfText(String text) {
        int total = 0;
        for (String cluster : TextMeasure.graphemeClusters(text)) {
            if (TextMeasure.isEmojiCluster(cluster)) {
                total += 2;
            } else {
                total += cluster.codePoints().map(XRules::weight).sum();
            }
        }
        return total;
    }

    /** A code point's weight outside emoji and URLs. */
    static int weight(int cp) {
        boolean light = cp <= 0x10FF
                || (cp >= 0x2000 && cp <= 0x200D)
                || (cp >= 0x2010 && cp <= 0x201F)
                || (cp >= 0x2032 && cp <= 0x2037);
        return light ? 1 : 2;
    }
}
