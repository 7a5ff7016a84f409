package socialdesk.platforms.instagram;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import socialdesk.core.json.JsonRead;
import socialdesk.core.platform.ContentRules;
import socialdesk.core.platform.InstagramCommentRules;
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
 * Answers an IG comment with {@code POST /{ig-comment-id}/replies} and {@code message} (answered
 * {@code {"id": ...}}; a reply to a reply lands under its top-level comment, as Instagram threads
 * them); hides and shows it with {@code POST /{ig-comment-id}} and {@code hide=true|false}. No
 * idempotency key: a lost answer is left for a person to check.
 */
public final class InstagramReplies implements CommentResponder {
    private final GraphClient graph;
    private final InstagramCommentRules rules = new InstagramCommentRules();

    public InstagramReplies(HttpClient client, InstagramAccount account, Clock clock, Duration requestTimeout) {
        Objects.requireNonNull(account, "account");
        this.graph = new GraphClient(new PlatformHttp(Platform.INSTAGRAM.id(), client, requestTimeout, clock),
                account.versionedBase(), account.accessToken());
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
    public boolean idempotent() {
        return false;
    }

    @Override
    public PublishOutcome reply(ReplyRequest request) {
        try {
            Response response = graph.post(request.commentId() + "/replies", Map.of("message", request.text()));
            if (response.statusClass() != PlatformHttp.StatusClass.SUCCESS || JsonRead.object(response.json(), "error") != null) {
                return graph.failure(response);
            }
            String id = JsonRead.id(response.json(), "id");
            if (id == null) {
                return new Transient("instagram: answer " + response.status() + " carried no comment id", null);
            }
            return new Published(id, null);
        } catch (Exception e) {
            return graph.http().transportFailure(e);
        }
    }

    @Override
    public PublishOutcome setHidden(HideRequest request, boolean hidden) {
        try {
            Response response = graph.post(request.commentId(), Map.of("hide", Boolean.toString(hidden)));
            if (response.statusClass() != PlatformHttp.StatusClass.SUCCESS || JsonRead.object(response.json(), "error") != null) {
                return graph.failure(response);
            }
            return new Published(request.commentId(), null);
        } catch (Exception e) {
            return graph.http().transportFailure(e);
        }
    }
}
