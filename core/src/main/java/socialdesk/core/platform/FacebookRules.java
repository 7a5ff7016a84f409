package socialdesk.core.platform;

import socialdesk.core.post.Platform;

/** A Facebook Page post's message: at most {@value #MAX_CHARS} characters (UTF-16 code units). */
public final class FacebookRules extends LengthLimit {
    public static final int MAX_CHARS = 63_206;

    public FacebookRules() {
        super(Platform.FACEBOOK, MAX_CHARS, "characters (UTF-16 units)", TextMeasure::utf16Units);
    }
}
