package socialdesk.platforms.threads;

import socialdesk.platforms.meta.GraphSentPosts;
import socialdesk.core.publish.SentPostLookup;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import socialdesk.core.json.JsonRead;
import socialdesk.core.platform.ContentRules;
import socialdesk.core.platform.ThreadsRules;
import socialdesk.core.platform.token.TokenRefreshException;
import socialdesk.core.platform.token.TokenSource;
import socialdesk.core.post.Platform;
import socialdesk.core.publish.PlatformPublisher;
import socialdesk.core.publish.PublishOutcome;
import socialdesk.core.publish.PublishOutcome.Permanent;
import socialdesk.core.publish.PublishOutcome.Transient;
import socialdesk.core.publish.PublishRequest;
import socialdesk.platforms.PlatformHttp;
import socialdesk.platforms.PlatformHttp.Response;
import socialdesk.platforms.meta.ContainerWait;
import socialdesk.platforms.meta.GraphClient;

/**
 * Publishes a text or image post on Threads in the platform's steps:
 *
 * <ol>
 *   <li>{@code GET /{threads-user-id}/threads_publishing_limit?fields=quota_usage,config}: a profile
 *       may publish 250 posts per moving 24 hours. When the quota is used up nothing is sent and the
 *       outcome is transient, not before {@link #QUOTA_RECHECK} from now (the API does not say when the
 *       oldest post leaves the window, so the desk looks again then);</li>
 *   <li>{@code POST /{threads-user-id}/threads} with {@code media_type} TEXT (or IMAGE with
 *       {@code image_url} when the post has an image) and {@code text}: a container;</li>
 *   <li>the container's {@code status} is polled until FINISHED (Threads advises waiting about 30 s
 *       on average before publishing; polling publishes as soon as it is ready);</li>
 *   <li>{@code POST /{threads-user-id}/threads_publish} with {@code creation_id}; then the permalink is read.</li>
 * </ol>
 *
 * Idempotency: none on Threads' side; an unpublished container expires by itself. Errors use the
 * Graph envelope and are mapped as for Facebook.
 */
public final class ThreadsPublisher implements PlatformPublisher {
    /** How long to wait before looking at a used-up publishing quota again. */
    public static final Duration QUOTA_RECHECK = Duration.ofHours(1);
    private static final long DEFAULT_QUOTA = 250;

    private final ThreadsAccount account;
    private final PlatformHttp http;
    private final TokenSource tokens;
    private final ContainerWait wait;
    private final ThreadsRules rules = new ThreadsRules();

    public ThreadsPublisher(HttpClient client, ThreadsAccount account, Clock clock) {
        this(client, account, clock, PlatformHttp.DEFAULT_REQUEST_TIMEOUT, ContainerWait.DEFAULT);
    }

    public ThreadsPublisher(HttpClient client, ThreadsAccount account, Clock clock, Duration requestTimeout, ContainerWait wait) {
        this(client, account, clock, requestTimeout, wait, TokenSource.fixed(account.accessToken()));
    }

    /** @param tokens the long-lived token to send, refreshed before it runs out */
    public ThreadsPublisher(HttpClient client, ThreadsAccount account, Clock clock, Duration requestTimeout, ContainerWait wait,
                            TokenSource tokens) {
        this.account = Objects.requireNonNull(account, "account");
        this.wait = Objects.requireNonNull(wait, "wait");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.http = new PlatformHttp(Platform.THREADS.id(), client, requestTimeout, clock);
    }

    @Override
    public Platform platform() {
        return Platform.THREADS;
    }

    @Override
    public ContentRules rules() {
        return rules;
    }

    /** The profile's threads, matched on the text. */
    @Override
    public SentPostLookup sentPosts() {
        return new GraphSentPosts(Platform.THREADS.id(), () -> new GraphClient(http, account.versionedBase(), tokens.accessToken()),
                new GraphSentPosts.Edge(account.userId() + "/threads", "text", "timestamp", "permalink"),
                request -> request.content().fullText());
    }

    @Override
    public PublishOutcome publish(PublishRequest request) {
        try {
            List<String> problems = rules.problems(request.content());
            if (!problems.isEmpty()) {
                return new Permanent(String.join("; ", problems));
            }
            GraphClient graph;
            try {
                graph = new GraphClient(http, account.versionedBase(), tokens.accessToken());
            } catch (TokenRefreshException e) {
                return PublishOutcome.tokenUnavailable(e);
            }
            PublishOutcome quota = checkQuota(graph);
            if (quota != null) {
                return quota;
            }
            ThreadsMedia.Container container = ThreadsMedia.container(graph, account.userId(), request.content().images(), wait);
            if (container.failure() != null) {
                return container.failure();
            }
            Map<String, String> fields = new LinkedHashMap<>(container.fields());
            String text = request.content().fullText();
            if (!text.isBlank()) {
                fields.put("text", text);
            }
            return graph.publishContainer(account.userId(), "threads", fields, "threads_publish", "status", wait);
        } catch (Exception e) {
            return http.transportFailure(e);
        }
    }

    /** Null when there is room to publish (or the quota could not be read: publishing enforces it anyway). */
    private PublishOutcome checkQuota(GraphClient graph) throws Exception {
        Response response = graph.get(account.userId() + "/threads_publishing_limit", Map.of("fields", "quota_usage,config"));
        if (response.statusClass() != PlatformHttp.StatusClass.SUCCESS) {
            PublishOutcome failure = graph.failure(response);
            return failure instanceof Permanent ? null : failure;
        }
        Object first = JsonRead.list(response.json(), "data").stream().findFirst().orElse(null);
        Long usage = JsonRead.integer(first, "quota_usage");
        Long total = JsonRead.integer(first, "config", "quota_total");
        long limit = total == null ? DEFAULT_QUOTA : total;
        if (usage != null && usage >= limit) {
            return new Transient("threads: publishing limit reached (" + usage + " of " + limit
                    + " posts in 24 hours); trying again later", graph.http().clock().instant().plus(QUOTA_RECHECK));
        }
        return null;
    }

    @Override
    public String toString() {
        return "ThreadsPublisher[" + account.userId() + "]";
    }
}
