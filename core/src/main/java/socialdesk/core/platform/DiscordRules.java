package socialdesk.core.platform;

import socialdesk.core.post.Platform;

/**
 * A Discord message's {@code content}: at most {@value #MAX_CHARS} characters, counted in Unicode
 * code points as Discord's API counts them (a skin-toned emoji is 2, a family ZWJ sequence 7).
 */
public final class DiscordRules extends LengthLimit {
    public static final int MAX_CHARS = 2000;

    public DiscordRules() {
        super(Platform.DISCORD, MAX_CHARS, "characters (code points)", TextMeasure::codePoints);
    }
}
