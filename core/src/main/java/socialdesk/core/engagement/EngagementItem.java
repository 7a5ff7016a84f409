package socialdesk.core.engagement;

import java.time.Instant;
import socialdesk.core.post.Platform;

/**
 * One live piece of engagement on a post, as stored: a comment, reply or mention that is not
 * removed (with its triage category, null when untriaged), or an active reaction or share.
 *
 * @param at when it happened: a comment's time; a marker's last change (when it was switched on)
 */
public record EngagementItem(Platform platform, Counter counter, Instant at, String category) {
}
