package socialdesk.core.platform;

import java.util.List;
import socialdesk.core.post.Platform;
import socialdesk.core.post.PostContent;

/**
 * A Telegram {@code sendMessage} text: 1 to {@value #MAX_CHARS} characters after entity parsing,
 * measured (like every length and offset in the Bot API) in UTF-16 code units, so an emoji outside
 * the BMP is 2. The desk sends plain text (no {@code parse_mode}), so nothing is parsed away. With
 * images the text becomes a caption, which is shorter.
 */
public final class TelegramRules extends LengthLimit {
    public static final int MAX_CHARS = 4096;

    /** The caption of a photo or an album ({@code sendPhoto}, {@code sendMediaGroup}). */
    public static final int MAX_CAPTION_CHARS = 1024;

    public TelegramRules() {
        super(Platform.TELEGRAM, MAX_CHARS, "characters (UTF-16 units; emoji count 2)", TextMeasure::utf16Units);
    }

    @Override
    void more(PostContent content, List<String> problems) {
        int length = length(content.fullText());
        if (content.hasImage() && length > MAX_CAPTION_CHARS) {
            problems.add("telegram: a post with images is sent as a photo caption, which holds " + MAX_CAPTION_CHARS
                    + " characters (UTF-16 units); the text is " + length);
        }
    }
}
