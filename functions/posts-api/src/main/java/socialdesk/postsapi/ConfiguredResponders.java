package socialdesk.postsapi;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import socialdesk.core.json.JsonException;
import socialdesk.core.log.JsonLog;
import socialdesk.core.post.Platform;
import socialdesk.core.reply.CommentResponder;
import socialdesk.core.reply.Responders;
import socialdesk.platforms.CommentResponders;
import socialdesk.platforms.meta.ContainerWait;

/**
 * The platforms' responders from the same secrets the publisher reads ({@code <prefix><platform>}),
 * read when a request needs one (never at init, so no secret is in a SnapStart snapshot) and built
 * again only when the secret's text changes. Tokens are used as stored: the publisher refreshes the
 * ones that expire and writes them back, so this function needs no write access to any secret.
 */
final class ConfiguredResponders implements Responders {
    /** One platform request; a reply makes at most a few, inside the function's timeout (see {@link PostsApiWiring}). */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(6);
    /** A Threads text reply's container is usually ready within seconds. */
    static final ContainerWait THREADS_WAIT = new ContainerWait(Duration.ofSeconds(1), Duration.ofSeconds(8));

    private final String prefix;
    private final Function<String, Optional<String>> secrets;
    private final HttpClient http;
    private final Clock clock;
    private final Map<Platform, Built> built = new ConcurrentHashMap<>();

    private record Built(String secret, CommentResponder responder) {
    }

    ConfiguredResponders(String prefix, Function<String, Optional<String>> secrets, HttpClient http, Clock clock) {
        this.prefix = prefix;
        this.secrets = secrets;
        this.http = http;
        this.clock = clock;
    }

    @Override
    public Optional<CommentResponder> find(Platform platform) {
        Optional<String> secret = secrets.apply(prefix + platform.id());
        if (secret.isEmpty()) {
            built.remove(platform);
            return Optional.empty();
        }
        Built current = built.get(platform);
        if (current != null && current.secret().equals(secret.get())) {
            return Optional.of(current.responder());
        }
        try {
            Optional<CommentResponder> responder = CommentResponders.fromSecret(platform, secret.get(), http, clock, null,
                    prefix + platform.id(), REQUEST_TIMEOUT, THREADS_WAIT);
            responder.ifPresent(r -> built.put(platform, new Built(secret.get(), r)));
            return responder;
        } catch (IllegalArgumentException | JsonException e) {
            JsonLog.error("platform secret is unusable; the platform is treated as not configured",
                    "platform", platform.id(), "secret", prefix + platform.id(), "error", e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public Optional<String> cannotReply(Platform platform) {
        return CommentResponders.cannotReply(platform);
    }
}
