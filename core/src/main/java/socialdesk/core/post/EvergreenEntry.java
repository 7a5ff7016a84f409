package socialdesk.core.post;

import java.time.Instant;

/**
 * An evergreen post on one platform: its original, the latest post made from it (the original
 * itself until it is repeated) and when that latest one was due. The queue-runway function repeats
 * the entries whose latest post went out longest ago.
 */
public record EvergreenEntry(String originalId, Platform platform, String latestPostId, Instant lastAt) {
}
