package socialdesk.platforms.meta;

import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import socialdesk.core.json.JsonRead;
import socialdesk.core.platform.ContentRules;
import socialdesk.core.post.Platform;
import socialdesk.core.publish.PublishOutcome;
import socialdesk.core.publish.PublishOutcome.Published;
import socialdesk.core.publish.PublishOutcome.Transient;
import socialdesk.core.reply.CommentResponder;
import socialdesk.core.reply.HideRequest;
import socialdesk.core.reply.ReplyRequest;
import socialdesk.platforms.PlatformHttp;
import socialdesk.platforms.PlatformHttp.Response;

/**
 * Answering and hiding a comment the Graph API way, which Facebook Pages and Instagram share and
 * differ in only by names: a reply is {@code POST /{comment-id}/<replyEdge>} with {@code message}
 * (answered {@code {"id": ...}}), hiding is {@code POST /{comment-id}} with
 * {@code <hideField>=true|false}. The Graph API takes no idempotency key, so a send whose answer
 * was lost is left for a person to check.
 */
public final class GraphCommentReplies implements CommentResponder {
    private final Platform platform;
    private final ContentRules rules;
    private final GraphClient graph;
    private final String replyEdge;
    private final String hideField;
    private final UnaryOperator<String> replyUrl;

    /**
     * @param replyUrl the public link of a reply from its id, or null where the platform gives none
     */
    public GraphCommentReplies(Platform platform, ContentRules rules, GraphClient graph, String replyEdge, String hideField,
                               UnaryOperator<String> replyUrl) {
        this.platform = Objects.requireNonNull(platform, "platform");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.graph = Objects.requireNonNull(graph, "graph");
        this.replyEdge = Objects.requireNonNull(replyEdge, "replyEdge");
        this.hideField = Objects.requireNonNull(hideField, "hideField");
        this.replyUrl = Objects.requireNonNull(replyUrl, "replyUrl");
    }

    @Override
    public Platform platform() {
        return platform;
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
            Response response = graph.post(request.commentId() + "/" + replyEdge, Map.of("message", request.text()));
            if (refused(response)) {
                return graph.failure(response);
            }
            String id = JsonRead.id(response.json(), "id");
            if (id == null) {
                return new Transient(platform.id() + ": answer " + response.status() + " carried no comment id", null);
            }
            return new Published(id, replyUrl.apply(id));
        } catch (Exception e) {
            return graph.http().transportFailure(e);
        }
    }

    @Override
    public PublishOutcome setHidden(HideRequest request, boolean hidden) {
        try {
            Response response = graph.post(request.commentId(), Map.of(hideField, Boolean.toString(hidden)));
            if (refused(response)) {
                return graph.failure(response);
            }
            return new Published(request.commentId(), null);
        } catch (Exception e) {
            return graph.http().transportFailure(e);
        }
    }

    private static boolean refused(Response response) {
        return response.statusClass() != PlatformHttp.StatusClass.SUCCESS || JsonRead.object(response.json(), "error") != null;
    }
}
