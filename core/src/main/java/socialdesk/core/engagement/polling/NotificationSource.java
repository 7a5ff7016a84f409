package socialdesk.core.engagement.polling;

import socialdesk.core.post.Platform;

/**
 * A platform account's notifications, read a page at a time from a cursor. Implementations turn
 * each notification into an {@link socialdesk.core.engagement.EngagementEvent} whose event id is
 * the platform's stable id for it, so reading a page twice stores it once.
 */
public interface NotificationSource {
    Platform platform();

    /**
     * Reads the page after {@code cursor} (null before the first poll: implementations then start at
     * the newest notifications, not at the beginning of the account's history). Never throws for
     * what the platform answers or for network failures: those are {@link PollResult.Stopped}.
     */
    PollResult next(PollCursor cursor);
}
