package socialdesk.publish;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import socialdesk.core.json.JsonException;
import socialdesk.core.log.JsonLog;
import socialdesk.core.platform.token.TokenRenewal;
import socialdesk.core.post.Platform;
import socialdesk.core.publish.PlatformAccounts;
import socialdesk.core.publish.PlatformPublisher;
import socialdesk.platforms.Publishers;

/**
 * The platform accounts as configured right now: one credentials parameter per platform, named
 * {@code <prefix><platform>} ({@code /social-desk/platforms/mastodon}). A platform without one is not configured. A publisher is built
 * again only when its secret's text changes, so sessions (Bluesky's) survive from tick to tick and
 * a rotated token is used within the secret cache's lifetime.
 */
final class ConfiguredAccounts implements Supplier<PlatformAccounts> {
    private final String prefix;
    private final Function<String, Optional<String>> secrets;
    private final HttpClient http;
    private final Clock clock;
    private final TokenRenewal renewal;
    private final Map<Platform, Built> built = new ConcurrentHashMap<>();

    private record Built(String secret, PlatformPublisher publisher) {
    }

    ConfiguredAccounts(String prefix, Function<String, Optional<String>> secrets, HttpClient http, Clock clock) {
        this(prefix, secrets, http, clock, null);
    }

    /** @param renewal refreshes expiring OAuth tokens and writes them back to the parameter; null uses stored tokens as they are */
    ConfiguredAccounts(String prefix, Function<String, Optional<String>> secrets, HttpClient http, Clock clock, TokenRenewal renewal) {
        this.renewal = renewal;
        this.prefix = prefix;
        this.secrets = secrets;
        this.http = http;
        this.clock = clock;
    }

    @Override
    public PlatformAccounts get() {
        Map<Platform, PlatformPublisher> publishers = new EnumMap<>(Platform.class);
        Map<Platform, Instant> expiries = new EnumMap<>(Platform.class);
        for (Platform platform : Platform.values()) {
            Optional<String> secret = secrets.apply(prefix + platform.id());
            if (secret.isEmpty()) {
                built.remove(platform);
                continue;
            }
            try {
                publishers.put(platform, publisherFor(platform, secret.get()));
                Publishers.credentialsExpireAt(platform, secret.get(), renewal != null).ifPresent(at -> expiries.put(platform, at));
            } catch (IllegalArgumentException | JsonException e) {
                JsonLog.error("platform secret is unusable; the platform is treated as not configured",
                        "platform", platform.id(), "secret", prefix + platform.id(), "error", e.getMessage());
            }
        }
        return new PlatformAccounts(publishers, expiries);
    }

    private PlatformPublisher publisherFor(Platform platform, String secret) {
        Built current = built.get(platform);
        if (current == null || !current.secret().equals(secret)) {
            current = new Built(secret, Publishers.fromSecret(platform, secret, http, clock, renewal, prefix + platform.id()));
            built.put(platform, current);
        }
        return current.publisher();
    }
}
