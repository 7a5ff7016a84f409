package socialdesk.collect;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import socialdesk.core.engagement.polling.NotificationSource;
import socialdesk.core.json.JsonException;
import socialdesk.core.log.JsonLog;
import socialdesk.core.post.Platform;
import socialdesk.platforms.bluesky.BlueskyAccount;
import socialdesk.platforms.bluesky.BlueskyNotifications;
import socialdesk.platforms.mastodon.MastodonAccount;
import socialdesk.platforms.mastodon.MastodonNotifications;

/**
 * The accounts to poll right now, from the same secrets the publisher reads ({@code <prefix>mastodon},
 * {@code <prefix>bluesky}). A platform without a secret is not polled. A source is built again only
 * when its secret's text changes, so Bluesky's session lives from run to run within a container.
 */
final class ConfiguredSources implements Supplier<List<NotificationSource>> {
    /** The platforms that have no webhooks and are polled. */
    static final List<Platform> POLLED = List.of(Platform.MASTODON, Platform.BLUESKY);

    private final String prefix;
    private final Function<String, Optional<String>> secrets;
    private final HttpClient http;
    private final Clock clock;
    private final Map<Platform, Built> built = new EnumMap<>(Platform.class);

    private record Built(String secret, NotificationSource source) {
    }

    ConfiguredSources(String prefix, Function<String, Optional<String>> secrets, HttpClient http, Clock clock) {
        this.prefix = prefix;
        this.secrets = secrets;
        this.http = http;
        this.clock = clock;
    }

    @Override
    public synchronized List<NotificationSource> get() {
        List<NotificationSource> sources = new ArrayList<>();
        for (Platform platform : POLLED) {
            Optional<String> secret = secrets.apply(prefix + platform.id());
            if (secret.isEmpty()) {
                built.remove(platform);
                continue;
            }
            try {
                Built current = built.get(platform);
                if (current == null || !current.secret().equals(secret.get())) {
                    current = new Built(secret.get(), build(platform, secret.get()));
                    built.put(platform, current);
                }
                sources.add(current.source());
            } catch (IllegalArgumentException | JsonException e) {
                JsonLog.error("platform secret is unusable; the platform is not polled",
                        "platform", platform.id(), "secret", prefix + platform.id(), "error", e.getMessage());
            }
        }
        return sources;
    }

    private NotificationSource build(Platform platform, String secret) {
        return switch (platform) {
            case MASTODON -> new MastodonNotifications(http, MastodonAccount.fromSecretJson(secret), clock);
            case BLUESKY -> new BlueskyNotifications(http, BlueskyAccount.fromSecretJson(secret), clock);
            default -> throw new IllegalArgumentException(platform.id() + " is not polled");
        };
    }
}
