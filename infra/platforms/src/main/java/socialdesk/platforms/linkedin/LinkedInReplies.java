package socialdesk.platforms.linkedin;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import socialdesk.core.json.Json;
import socialdesk.core.json.JsonRead;
import socialdesk.core.platform.ContentRules;
import socialdesk.core.platform.LinkedInRules;
import socialdesk.core.platform.token.TokenRefreshException;
import socialdesk.core.platform.token.TokenSource;
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
 * Answers a comment on the organisation's post as the organisation: a nested comment,
 * {@code POST /rest/socialActions/{comment urn}/comments} with {@code actor} (the account's author
 * URN), {@code object} (the post's activity, taken from the comment URN
 * {@code urn:li:comment:(<activity>,<id>)}), {@code message.text} and {@code parentComment} (the
 * comment URN); the new comment's URN comes back in {@code x-restli-id} (or the body's
 * {@code $URN}). LinkedIn offers an organisation no way to hide a member's comment (only to delete
 * it, which the desk never does). No idempotency key: a lost answer is left for a person.
 */
public final class LinkedInReplies implements CommentResponder {
    private static final Pattern COMMENT_URN = Pattern.compile("urn:li:comment:\\((urn:li:[A-Za-z]+:[^,()]+),([^()]+)\\)");

    private final PlatformHttp http;
    private final LinkedInAccount account;
    private final TokenSource tokens;
    private final LinkedInRules rules = new LinkedInRules();

    public LinkedInReplies(HttpClient client, LinkedInAccount account, Clock clock, Duration requestTimeout, TokenSource tokens) {
        this.account = Objects.requireNonNull(account, "account");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.http = new PlatformHttp(Platform.LINKEDIN.id(), client, requestTimeout, clock);
    }

    @Override
    public Platform platform() {
        return Platform.LINKEDIN;
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
        Matcher urn = COMMENT_URN.matcher(request.commentId());
        if (!urn.matches()) {
            return new Permanent("linkedin: '" + request.commentId() + "' is not a comment URN (urn:li:comment:(<activity>,<id>)); "
                    + "only comments can be answered");
        }
        try {
            String token;
            try {
                token = tokens.accessToken();
            } catch (TokenRefreshException e) {
                return PublishOutcome.tokenUnavailable(e);
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("actor", account.author());
            body.put("object", urn.group(1));
            body.put("message", Map.of("text", LittleText.escape(request.text())));
            body.put("parentComment", request.commentId());
            URI uri = URI.create(account.apiUrl() + "/rest/socialActions/"
                    + URLEncoder.encode(request.commentId(), StandardCharsets.UTF_8) + "/comments");
            Response response = http.send(http.request(uri)
                    .header("Authorization", "Bearer " + token)
                    .header("Linkedin-Version", account.linkedinVersion())
                    .header("X-Restli-Protocol-Version", "2.0.0")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Json.write(body)))
                    .build());
            if (response.statusClass() != PlatformHttp.StatusClass.SUCCESS) {
                return http.failure(response);
            }
            String created = response.headers().firstValue("x-restli-id")
                    .orElse(JsonRead.string(response.json(), "$URN"));
            if (created == null || created.isBlank()) {
                return new Transient("linkedin: answer " + response.status() + " carried no comment URN", null);
            }
            return new Published(created, "https://www.linkedin.com/feed/update/" + urn.group(1) + "/");
        } catch (Exception e) {
            return http.transportFailure(e);
        }
    }

    @Override
    public PublishOutcome setHidden(HideRequest request, boolean hidden) {
        return new Permanent("linkedin: the API lets an organisation delete a comment on its post but not hide it, "
                + "and the desk never deletes; moderate it on LinkedIn");
    }
}
