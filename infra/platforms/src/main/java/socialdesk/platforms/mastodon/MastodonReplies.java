package socialdesk.platforms.mastodon;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import socialdesk.core.engagement.Author;
import socialdesk.core.json.Json;
import socialdesk.core.json.JsonRead;
import socialdesk.core.platform.ContentRules;
import socialdesk.core.platform.MastodonRules;
import socialdesk.core.post.Platform;
import socialdesk.core.publish.PublishOutcome;
import socialdesk.core.publish.PublishOutcome.Permanent;
import socialdesk.core.publish.PublishOutcome.Published;
import socialdesk.core.publish.PublishOutcome.Transient;
import socialdesk.core.reply.CommentResponder;
import socialdesk.core.reply.HideRequest;
import socialdesk.core.reply.ReplyRequest;
import socialdesk.platforms.PlatformHttp;
import socialdesk.platforms.PlatformHttp.Response;

/**
 * Answers a status with a public status whose {@code in_reply_to_id} is the comment's id
 * ({@code POST /api/v1/statuses}), starting with the author's {@code @acct}, sent with the reply's
 * {@code Idempotency-Key}: Mastodon answers a
 * repeated key with the status it made the first time, for an hour, so a resend after a lost answer
 * within that hour cannot reply twice. Mastodon has no way for an account to hide another account's
 * reply to its status (only to report, mute or block, which the desk never does on its own).
 */
public final class MastodonReplies implements CommentResponder {
    /** Mastodon keeps a key an hour; a few minutes less allows for the clocks' difference. */
    static final Duration WINDOW = MastodonPublisher.KEY_LIFETIME.minus(MastodonPublisher.CLOCK_SKEW);

    private final PlatformHttp http;
    private final MastodonAccount account;
    private final MastodonRules rules;
    private final URI statusesUri;

    public MastodonReplies(HttpClient client, MastodonAccount account, Clock clock, Duration requestTimeout) {
        this.account = Objects.requireNonNull(account, "account");
        this.http = new PlatformHttp(Platform.MASTODON.id(), client, requestTimeout, clock);
        this.rules = new MastodonRules(account.maxChars());
        this.statusesUri = URI.create(account.instance() + "/api/v1/statuses");
    }

    @Override
    public Platform platform() {
        return Platform.MASTODON;
    }

    @Override
    public ContentRules rules() {
        return rules;
    }

    @Override
    public boolean idempotent() {
        return true;
    }

    @Override
    public Duration idempotencyWindow() {
        return WINDOW;
    }

    /**
     * Starts with the author's {@code @acct}, as Mastodon's own reply box does: a status notifies only
     * the accounts it mentions, so without it the person would not hear of the answer.
     */
    @Override
    public String threadText(String text, Author author) {
        String acct = author.name();
        if (acct == null || acct.isBlank() || acct.contains(" ")) {
            return text;
        }
        String mention = acct.startsWith("@") ? acct : "@" + acct;
        return text.toLowerCase(Locale.ROOT).contains(mention.toLowerCase(Locale.ROOT)) ? text : mention + " " + text;
    }

    @Override
    public PublishOutcome reply(ReplyRequest request) {
        try {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", request.text());
            body.put("in_reply_to_id", request.commentId());
            body.put("visibility", "public");
            Response response = http.send(http.request(statusesUri)
                    .header("Authorization", "Bearer " + account.accessToken())
                    .header("Idempotency-Key", request.idempotencyKey())
                    .header("Content-Type", "application/json; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(Json.write(body)))
                    .build());
            if (response.statusClass() != PlatformHttp.StatusClass.SUCCESS) {
                return http.failure(response);
            }
            String id = JsonRead.id(response.json(), "id");
            if (id == null) {
                return new Transient("mastodon: answer " + response.status() + " carried no status id", null);
            }
            String url = JsonRead.string(response.json(), "url");
            return new Published(id, url != null ? url : JsonRead.string(response.json(), "uri"));
        } catch (Exception e) {
            return http.transportFailure(e);
        }
    }

    @Override
    public PublishOutcome setHidden(HideRequest request, boolean hidden) {
        return new Permanent("mastodon: an account cannot hide another account's reply to its status; "
                + "report it on the instance if it breaks the rules");
    }
}
