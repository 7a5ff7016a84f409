package socialdesk.core.engagement;

import java.util.Locale;

/** A per-post, per-platform engagement counter. Counters only move with atomic additions. */
public enum Counter {
    COMMENTS,
    REPLIES,
    MENTIONS,
    REACTIONS,
    SHARES;

    /** The attribute name in the store ({@code comments}, {@code reactions}, ...). */
    public String attribute() {
        return name().toLowerCase(Locale.ROOT);
    }
}
