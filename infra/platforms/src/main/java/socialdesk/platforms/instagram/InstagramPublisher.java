package socialdesk.platforms.instagram;

import socialdesk.platforms.meta.GraphSentPosts;
import socialdesk.core.publish.SentPostLookup;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import socialdesk.core.platform.ContentRules;
import socialdesk.core.platform.InstagramRules;
import socialdesk.core.post.Platform;
import socialdesk.core.publish.PlatformPublisher;
import socialdesk.core.publish.PublishOutcome;
import socialdesk.core.publish.PublishOutcome.Permanent;
import socialdesk.core.publish.PublishRequest;
import socialdesk.platforms.PlatformHttp;
import socialdesk.platforms.meta.ContainerWait;
import socialdesk.platforms.meta.GraphClient;

/**
 * Publishes an image, or a carousel of several ({@link InstagramMedia}), with a caption, in
 * Instagram's two steps: {@code POST /{ig-user-id}/media} ({@code caption} and the media) makes a container, whose {@code status_code} is polled until
 * {@code FINISHED}; {@code POST /{ig-user-id}/media_publish} ({@code creation_id}) publishes it. The
 * permalink is read afterwards ({@code GET /{media-id}?fields=permalink}); if that read fails the post
 * is published all the same, without a URL.
 *
 * <p>Idempotency: none on Instagram's side. A container is made per attempt; one left unpublished
 * by a failed attempt expires by itself after 24 hours. A publish whose answer was lost may be
 * published twice by the retry. Errors are Graph errors, as for Facebook (the publishing limit,
 * code 9, is a rate limit).
 */
public final class InstagramPublisher implements PlatformPublisher {
    private final InstagramAccount account;
    private final GraphClient graph;
    private final ContainerWait wait;
    private final InstagramRules rules = new InstagramRules();

    public InstagramPublisher(HttpClient client, InstagramAccount account, Clock clock) {
        this(client, account, clock, PlatformHttp.DEFAULT_REQUEST_TIMEOUT, ContainerWait.DEFAULT);
    }

    public InstagramPublisher(HttpClient client, InstagramAccount account, Clock clock, Duration requestTimeout,
                              ContainerWait wait) {
        this.account = Objects.requireNonNull(account, "account");
        this.wait = Objects.requireNonNull(wait, "wait");
        PlatformHttp http = new PlatformHttp(Platform.INSTAGRAM.id(), client, requestTimeout, clock);
        this.graph = new GraphClient(http, account.versionedBase(), account.accessToken());
    }

    @Override
    public Platform platform() {
        return Platform.INSTAGRAM;
    }

    @Override
    public ContentRules rules() {
        return rules;
    }

    /** The account's media, matched on the caption. */
    @Override
    public SentPostLookup sentPosts() {
        return new GraphSentPosts(Platform.INSTAGRAM.id(), () -> graph,
                new GraphSentPosts.Edge(account.igUserId() + "/media", "caption", "timestamp", "permalink"),
                request -> request.content().fullText());
    }

    @Override
    public PublishOutcome publish(PublishRequest request) {
        try {
            List<String> problems = rules.problems(request.content());
            if (!problems.isEmpty()) {
                return new Permanent(String.join("; ", problems));
            }
            InstagramMedia.Container container = InstagramMedia.container(graph, account.igUserId(), request.content().images(), wait);
            if (container.failure() != null) {
                return container.failure();
            }
            Map<String, String> fields = new LinkedHashMap<>(container.fields());
            String caption = request.content().fullText();
            if (!caption.isBlank()) {
                fields.put("caption", caption);
            }
            return graph.publishContainer(account.igUserId(), "media", fields, "media_publish", "status_code", wait);
        } catch (Exception e) {
            return graph.http().transportFailure(e);
        }
    }

    @Override
    public String toString() {
        return "InstagramPublisher[" + account.igUserId() + "]";
    }
}
