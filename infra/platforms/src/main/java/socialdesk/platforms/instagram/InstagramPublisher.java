package socialdesk.platforms.instagram;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import socialdesk.core.json.JsonRead;
import socialdesk.core.platform.ContentRules;
import socialdesk.core.platform.InstagramRules;
import socialdesk.core.post.Platform;
import socialdesk.core.publish.PlatformPublisher;
import socialdesk.core.publish.PublishOutcome;
import socialdesk.core.publish.PublishOutcome.Permanent;
import socialdesk.core.publish.PublishOutcome.Published;
import socialdesk.core.publish.PublishOutcome.Transient;
import socialdesk.core.publish.PublishRequest;
import socialdesk.platforms.PlatformHttp;
import socialdesk.platforms.PlatformHttp.Response;
import socialdesk.platforms.meta.ContainerWait;
import socialdesk.platforms.meta.GraphClient;

/**
 * Publishes one image with a caption, in Instagram's two steps: {@code POST /{ig-user-id}/media}
 * ({@code image_url}, {@code caption}) makes a container, whose {@code status_code} is polled until
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

    @Override
    public PublishOutcome publish(PublishRequest request) {
        try {
            List<String> problems = rules.problems(request.content());
            if (!problems.isEmpty()) {
                return new Permanent(String.join("; ", problems));
            }
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("image_url", request.content().imageUrl());
            String caption = request.content().fullText();
            if (!caption.isBlank()) {
                fields.put("caption", caption);
            }
            Response created = graph.post(account.igUserId() + "/media", fields);
            String containerId = successId(created);
            if (containerId == null) {
                return failureOrMissingId(created, "container");
            }
            PublishOutcome notReady = graph.awaitContainer(containerId, "status_code", wait.interval(), wait.maxWait());
            if (notReady != null) {
                return notReady;
            }
            Response published = graph.post(account.igUserId() + "/media_publish", Map.of("creation_id", containerId));
            String mediaId = successId(published);
            if (mediaId == null) {
                return failureOrMissingId(published, "media");
            }
            return new Published(mediaId, graph.permalink(mediaId));
        } catch (Exception e) {
            return graph.http().transportFailure(e);
        }
    }

    private static String successId(Response response) {
        return response.statusClass() == PlatformHttp.StatusClass.SUCCESS ? JsonRead.id(response.json(), "id") : null;
    }

    private PublishOutcome failureOrMissingId(Response response, String what) {
        if (response.statusClass() == PlatformHttp.StatusClass.SUCCESS && JsonRead.object(response.json(), "error") == null) {
            return new Transient("instagram: answer " + response.status() + " carried no " + what + " id", null);
        }
        return graph.failure(response);
    }

    @Override
    public String toString() {
        return "InstagramPublisher[" + account.igUserId() + "]";
    }
}
