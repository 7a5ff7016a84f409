package socialdesk.core.platform;

import socialdesk.core.post.Platform;

/**
 * A Slack message's {@code text}. Slack truncates text above {@value #MAX_CHARS} characters rather
 * than refusing it; the desk refuses such a post instead of letting it go out cut short. Slack
 * advises keeping messages to about {@value #RECOMMENDED_CHARS} characters for readability: that is
 * advice, not enforced. Counted in UTF-16 code units (at least Slack's own count).
 */
public final class SlackRules extends LengthLimit {
    public static final int MAX_CHARS = 40_000;
    public static final int RECOMMENDED_CHARS = 4_000;

    public SlackRules() {
        super(Platform.SLACK, MAX_CHARS, "characters (UTF-16 units; Slack truncates above this)", TextMeasure::utf16Units);
    }
}
