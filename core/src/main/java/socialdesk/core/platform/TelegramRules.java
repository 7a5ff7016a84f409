package socialdesk.core.platform;

import socialdesk.core.post.Platform;

/**
 * A Telegram {@code sendMessage} text: 1 to {@value #MAX_CHARS} characters after entity parsing,
 * measured (like every length and offset in the Bot API) in UTF-16 code units, so an emoji outside
 * the BMP is 2. The desk sends plain text (no {@code parse_mode}), so nothing is parsed away.
 */
public final class TelegramRules extends LengthLimit {
    public static final int MAX_CHARS = 4096;

    public TelegramRules() {
        super(Platform.TELEGRAM, MAX_CHARS, "characters (UTF-16 units; emoji count 2)", TextMeasure::utf16Units);
    }
}
