package socialdesk.core.post;

import java.util.Locale;

/** A social platform the desk publishes to or hears engagement from. */
public enum Platform {
    MASTODON,
    BLUESKY,
    X,
    LINKEDIN,
    FACEBOOK,
    INSTAGRAM,
    THREADS,
    DISCORD,
    SLACK,
    TELEGRAM;

    /** The lower-case name used in keys, events, configuration and URLs. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses an id such as {@code "mastodon"}, ignoring case; unknown names are an error that names them. */
    public static Platform fromId(String id) {
        if (id != null) {
            for (Platform p : values()) {
                if (p.name().equalsIgnoreCase(id.trim())) {
                    return p;
                }
            }
        }
        throw new IllegalArgumentException("unknown platform '" + id + "'");
    }
}
