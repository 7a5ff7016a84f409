package socialdesk.core.engagement.polling;

import java.util.Optional;
import socialdesk.core.post.Platform;

/** The stored polling cursor of each platform account (one account per platform). */
public interface PollCursorStore {

    /** The cursor last stored for the platform, or empty before its first poll. */
    Optional<PollCursor> find(Platform platform);

    /**
     * Stores {@code next} only if no cursor is stored yet or the stored one's position is smaller
     * (a conditional write). False when another run already stored this position or a later one:
     * that run is ahead, and this one should stop polling the platform.
     */
    boolean advance(Platform platform, PollCursor next);
}
