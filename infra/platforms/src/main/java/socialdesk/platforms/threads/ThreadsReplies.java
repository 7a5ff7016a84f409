package socialdesk.platforms.threads;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import socialdesk.core.json.JsonRead;
import socialdesk.core.platform.ContentRules;
import socialdesk.core.platform.ThreadsRules;
import socialdesk.core.platform.token.TokenRefreshException;
import socialdesk.core.platform.token.TokenSource;
import socialdesk.core.post.Platform;
import socialdesk.core.publish.PublishOutcome;
import socialdesk.core.publish.PublishOutcome.Published;
import socialdesk.core.reply.CommentResponder;
import socialdesk.core.reply.HideRequest;
import socialdesk.core.reply.ReplyRequest;
import socialdesk.platforms.PlatformHttp;
import socialdesk.platforms.PlatformHttp.Response;
import socialdesk.platforms.meta.ContainerWait;
import socialdesk.platforms.meta.GraphClient;

/**
 * Answers a reply to one of the account's threads the way Threads publishes: a TEXT container with
 * {@code reply_to_id} set to the reply's id ({@code POST /{user-id}/threads}), then
 * {@code POST /{user-id}/threads_publish} with its {@code creation_id} once it is ready. Hides and
 * shows a top-level reply with {@code POST /{reply-id}/manage_reply} and {@code hide=true|false}
 * (nested replies follow their top-level reply). No idempotency key: a lost answer is left for a
 * person to check.
 */
public final class ThreadsReplies implements CommentResponder {
    private final ThreadsAccount account;
    private final PlatformHttp http;
    private final TokenSource tokens;
    private final ContainerWait wait;
    private final ThreadsRules rules = new ThreadsRules();

    public ThreadsReplies(HttpClient client, ThreadsAccount account, Clock clock, Duration requestTimeout, ContainerWait wait,
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

    @Override
    public boolean idempotent() {
        return false;
    }

    @Override
    public PublishOutcome reply(ReplyRequest request) {
        try {
            GraphClient graph;
            try {
                graph = new GraphClient(http, account.versionedBase(), tokens.accessToken());
            } catch (TokenRefreshException e) {
                return PublishOutcome.tokenUnavailable(e);
            }
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("media_type", "TEXT");
            fields.put("text", request.text());
            fields.put("reply_to_id", request.commentId());
            return graph.publishContainer(account.userId(), "threads", fields, "threads_publish", "status", wait);
        } catch (Exception e) {
            return http.transportFailure(e);
        }
    }

    @Override
    public PublishOutcome setHidden(HideRequest request, boolean hidden) {
        try {
            GraphClient graph;
            try {
                graph = new GraphClient(http, account.versionedBase(), tokens.accessToken());
            } catch (TokenRefreshException e) {
                return PublishOutcome.tokenUnavailable(e);
            }
            Response response = graph.post(request.commentId() + "/manage_reply", Map.of("hide", Boolean.toString(hidden)));
            if (response.statusClass() != PlatformHttp.StatusClass.SUCCESS || JsonRead.object(response.json(), "error") != null) {
                return graph.failure(response);
            }
            return new Published(request.commentId(), null);
        } catch (Exception e) {
            return http.transportFailure(e);
        }
    }
}
