package socialdesk.core.platform;

import socialdesk.core.post.Platform;

/**
 * LinkedIn's post commentary limit, {@value #MAX_CHARS} characters, counted in UTF-16 code units
 * (an emoji, or a "bold" mathematical letter, is 2) so a post that fits here fits LinkedIn's count.
 * The backslash escapes the adapter adds for LinkedIn's little-text format are not counted.
 */
public final class LinkedInRules extends LengthLimit {
    public static final int MAX_CHARS = 3000;

    public LinkedInRules() {
        super(Platform.LINKEDIN, MAX_CHARS, "characters (UTF-16 units; emoji count 2)", TextMeasure::utf16Units);
    }
}
