package socialdesk.core.platform;

import java.util.EnumMap;
import java.util.Map;
import socialdesk.core.post.Platform;

/** The rules of every platform the desk publishes to, at each platform's stock limits. */
public final class PlatformRules {
    private PlatformRules() {
    }

    /**
     * Rules for queue-time checks. Mastodon uses the stock 500-character limit; an instance that
     * allows more is checked again against its real limit just before sending.
     */
    public static Map<Platform, ContentRules> standard() {
        Map<Platform, ContentRules> rules = new EnumMap<>(Platform.class);
        for (ContentRules r : new ContentRules[] {new MastodonRules(), new BlueskyRules(), new XRules(),
                new LinkedInRules(), new FacebookRules(), new InstagramRules(), new ThreadsRules(),
                new DiscordRules(), new SlackRules(), new TelegramRules()}) {
            rules.put(r.platform(), r);
        }
        return Map.copyOf(rules);
    }
}
