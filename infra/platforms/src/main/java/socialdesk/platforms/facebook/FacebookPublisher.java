package socialdesk.platforms.facebook;

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
import socialdesk.core.platform.FacebookRules;
import socialdesk.core.post.Platform;
import socialdesk.core.post.PostContent;
import socialdesk.core.publish.PlatformPublisher;
import socialdesk.core.publish.PublishOutcome;
import socialdesk.core.publish.PublishOutcome.Permanent;
import socialdesk.core.publish.PublishOutcome.Published;
import socialdesk.core.publish.PublishOutcome.Transient;
import socialdesk.core.publish.PublishRequest;
import socialdesk.platforms.PlatformHttp;
import socialdesk.platforms.PlatformHttp.Response;
import socialdesk.platforms.meta.GraphClient;

/**
 * Posts to a Facebook Page with {@code POST /{page-id}/feed}: {@code message} is the text and
 * {@code link} the post's link (Facebook renders it as a preview card, so it is not repeated in the
 * message); a post with images is a photo post or a feed post with attached photos
 * ({@link FacebookMedia}). Errors are Graph errors ({@link socialdesk.platforms.meta.GraphErrors}).
 *
 * <p>Idempotency: the Graph API takes no idempotency key. A send whose answer was lost may have
 * posted; the retry then either posts again or is refused as a duplicate (code 506), which ends
 * as a permanent "duplicate" failure naming the cause.
 */
public final class FacebookPublisher implements PlatformPublisher {
    private final FacebookAccount account;
    private final GraphClient graph;
    private final FacebookRules rules = new FacebookRules();

    public FacebookPublisher(HttpClient client, FacebookAccount account, Clock clock) {
        this(client, account, clock, PlatformHttp.DEFAULT_REQUEST_TIMEOUT);
    }

    public FacebookPublisher(HttpClient client, FacebookAccount account, Clock clock, Duration requestTimeout) {
        this.account = Objects.requireNonNull(account, "account");
        PlatformHttp http = new PlatformHttp(Platform.FACEBOOK.id(), client, requestTimeout, clock);
        this.graph = new GraphClient(http, account.versionedBase(), account.pageAccessToken());
    }

    @Override
    public Platform platform() {
        return Platform.FACEBOOK;
    }

    @Override
    public ContentRules rules() {
        return rules;
    }

    /** The Page's feed, matched on the message (the text; the link goes separately). */
    @Override
    public SentPostLookup sentPosts() {
        return new GraphSentPosts(Platform.FACEBOOK.id(), () -> graph,
                new GraphSentPosts.Edge(account.pageId() + "/feed", "message", "created_time", "permalink_url"),
                request -> request.content().text());
    }

    @Override
    public PublishOutcome publish(PublishRequest request) {
        try {
            List<String> problems = rules.problems(request.content());
            if (!problems.isEmpty()) {
                return new Permanent(String.join("; ", problems));
            }
            PostContent content = request.content();
            String edge = account.pageId() + "/feed";
            Map<String, String> fields = new LinkedHashMap<>();
            if (content.hasImage()) {
                FacebookMedia.Send send = FacebookMedia.send(graph, account.pageId(), content);
                if (send.failure() != null) {
                    return send.failure();
                }
                edge = send.edge();
                fields.putAll(send.fields());
            } else {
                if (!content.text().isBlank()) {
                    fields.put("message", content.text());
                }
                if (content.link() != null) {
                    fields.put("link", content.link());
                }
            }
            Response response = graph.post(edge, fields);
            if (response.statusClass() != PlatformHttp.StatusClass.SUCCESS || JsonRead.object(response.json(), "error") != null) {
                return graph.failure(response);
            }
            String id = FacebookMedia.postId(response.json());
            if (id == null) {
                return new Transient("facebook: answer " + response.status() + " carried no post id", null);
            }
            return new Published(id, "https://www.facebook.com/" + id);
        } catch (Exception e) {
            return graph.http().transportFailure(e);
        }
    }

    @Override
    public String toString() {
        return "FacebookPublisher[page " + account.pageId() + "]";
    }
}
