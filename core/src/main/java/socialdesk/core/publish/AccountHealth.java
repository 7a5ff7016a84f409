package socialdesk.core.publish;

import java.time.Instant;
import socialdesk.core.post.Platform;

/**
 * A platform account whose credentials the platform rejected.
 *
 * @param nextProbeAt when one delivery may try the account again to see whether it works
 */
public record AccountHealth(Platform platform, String reason, Instant blockedSince, Instant nextProbeAt) {
}
