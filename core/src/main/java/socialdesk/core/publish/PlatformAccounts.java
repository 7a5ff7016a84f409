package socialdesk.core.publish;

import java.time.Instant;
import java.util.Map;
import socialdesk.core.post.Platform;

/**
 * The configured platform accounts as one run sees them: a publisher per platform with working
 * configuration, and the expiry of those whose credentials say when they run out.
 */
public record PlatformAccounts(Map<Platform, PlatformPublisher> publishers, Map<Platform, Instant> credentialsExpireAt) {
    public PlatformAccounts {
        publishers = Map.copyOf(publishers);
        credentialsExpireAt = Map.copyOf(credentialsExpireAt);
    }

    public static PlatformAccounts of(Map<Platform, PlatformPublisher> publishers) {
        return new PlatformAccounts(publishers, Map.of());
    }
}
