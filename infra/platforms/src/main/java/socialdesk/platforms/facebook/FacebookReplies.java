package socialdesk.platforms.facebook;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import socialdesk.core.json.JsonRead;
import socialdesk.core.platform.ContentRules;
import socialdesk.core.platform.FacebookRules;
import socialdesk.core.post.Platform;
import socialdesk.core.publish.PublishOutcome;
import socialdesk.core.publish.PublishOutcome.Published;
import socialdesk.core.publish.PublishOutcome.Transient;
import socialdesk.core.reply.CommentResponder;
import socialdesk.core.reply.HideRequest;
import socialdesk.core.reply.ReplyRequest;
import socialdesk.platforms.PlatformHttp;
import socialdesk.platforms.PlatformHttp.Response;
import socialdesk.platforms.meta.GraphClient;

/**
 * Answers a Page comment as the Page: {@code POST /{comment-id}/comments} with {@code message}
 * (answered {@code {"id": ...}}); hides and shows it with {@code POST /{comment-id}} and
 * {@code is_hidden=true|false} (answered {@code {"success": true}}). The Graph API takes no
 * idempotency key, so a send whose answer was lost is left for a person to check.
 */
public final class FacebookReplies implements CommentResponder {
    private final GraphClient graph;
    private final FacebookRules rules = new FacebookRules();

    public FacebookReplies(HttpClient client, FacebookAccount account, Clock clock, Duration requestTimeout) {
        Objects.requireNonNull(account, "account");
        this.graph = new GraphClient(new PlatformHttp(Platform.FACEBOOK.id(), client, requestTimeout, clock),
                account.versionedBase(), account.pageAccessToken());
    }

    @Override
    public Platform platform() {
        return Platform.FACEBOOK;
    }

    @Override
    public ContentRules rules() {
        return rules;
    }

    @Override
    public boolean idempotent() {
        return false;
    }

    @Override
    public PublishOutcome reply(ReplyRequest request) {
        try {
            Response response = graph.post(request.commentId() + "/comments", Map.of("message", request.text()));
            if (response.statusClass() != PlatformHttp.StatusClass.SUCCESS || JsonRead.object(response.json(), "error") != null) {
                return graph.failure(response);
            }
            String id = JsonRead.id(response.json(), "id");
            if (id == null) {
                return new Transient("facebook: answer " + response.status() + " carried no comment id", null);
            }
            return new Published(id, "https://www.facebook.com/" + id);
        } catch (Exception e) {
            return graph.http().transportFailure(e);
        }
    }

    @Override
    public PublishOutcome setHidden(HideRequest request, boolean hidden) {
        try {
            Response response = graph.post(request.commentId(), Map.of("is_hidden", Boolean.toString(hidden)));
            if (response.statusClass() != PlatformHttp.StatusClass.SUCCESS || JsonRead.object(response.json(), "error") != null) {
                return graph.failure(response);
            }
            return new Published(request.commentId(), null);
        } catch (Exception e) {
            return graph.http().transportFailure(e);
        }
    }
}
