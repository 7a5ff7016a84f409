package socialdesk.platforms.x;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import socialdesk.core.json.Json;
import socialdesk.core.json.JsonRead;
import socialdesk.core.platform.ContentRules;
import socialdesk.core.platform.XRules;
import socialdesk.core.platform.token.TokenRefreshException;
import socialdesk.core.platform.token.TokenSource;
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
 * Answers a post with {@code POST /2/tweets} and {@code {"text", "reply": {"in_reply_to_tweet_id"}}}
 * (answered {@code 201 {"data": {"id"}}}); hides and shows a reply in a conversation the account
 * started with {@code PUT /2/tweets/{id}/hidden} and {@code {"hidden": true|false}} (scope
 * {@code tweet.moderate.write}). X takes no idempotency key: a lost answer is left for a person.
 */
public final class XReplies implements CommentResponder {
    private final PlatformHttp http;
    private final XAccount account;
    private final TokenSource tokens;
    private final XRules rules = new XRules();

    public XReplies(HttpClient client, XAccount account, Clock clock, Duration requestTimeout, TokenSource tokens) {
        this.account = Objects.requireNonNull(account, "account");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.http = new PlatformHttp(Platform.X.id(), client, requestTimeout, clock);
    }

    @Override
    public Platform platform() {
        return Platform.X;
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
            String token;
            try {
                token = tokens.accessToken();
            } catch (TokenRefreshException e) {
                return PublishOutcome.tokenUnavailable(e);
            }
            Map<String, Object> body = Map.of("text", request.text(), "reply", Map.of("in_reply_to_tweet_id", request.commentId()));
            Response response = http.send(http.request(URI.create(account.apiUrl() + "/2/tweets"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Json.write(body)))
                    .build());
            if (response.statusClass() != PlatformHttp.StatusClass.SUCCESS) {
                return http.failure(response);
            }
            String id = JsonRead.id(response.json(), "data", "id");
            if (id == null) {
                return new Transient("x: answer " + response.status() + " carried no post id", null);
            }
            return new Published(id, "https://x.com/i/web/status/" + id);
        } catch (Exception e) {
            return http.transportFailure(e);
        }
    }

    @Override
    public PublishOutcome setHidden(HideRequest request, boolean hidden) {
        try {
            String token;
            try {
                token = tokens.accessToken();
            } catch (TokenRefreshException e) {
                return PublishOutcome.tokenUnavailable(e);
            }
            Response response = http.send(http.request(URI.create(account.apiUrl() + "/2/tweets/" + request.commentId() + "/hidden"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("hidden", hidden))))
                    .build());
            if (response.statusClass() != PlatformHttp.StatusClass.SUCCESS) {
                return http.failure(response);
            }
            return new Published(request.commentId(), null);
        } catch (Exception e) {
            return http.transportFailure(e);
        }
    }
}
