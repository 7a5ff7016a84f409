package socialdesk.platforms.slack;

import socialdesk.core.publish.SentPostLookup;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import socialdesk.core.json.Json;
import socialdesk.core.json.JsonRead;
import socialdesk.core.platform.ContentRules;
import socialdesk.core.platform.SlackRules;
import socialdesk.core.post.Platform;
import socialdesk.core.publish.PlatformPublisher;
import socialdesk.core.publish.PublishOutcome;
import socialdesk.core.publish.PublishOutcome.Permanent;
import socialdesk.core.publish.PublishOutcome.Published;
import socialdesk.core.publish.PublishOutcome.Transient;
import socialdesk.core.publish.PublishRequest;
import socialdesk.platforms.PlatformHttp;
import socialdesk.platforms.PlatformHttp.Response;

/**
 * Posts with {@code chat.postMessage} ({@code {channel, text}}, bot token as bearer; a post with
 * images adds {@code blocks}, {@link SlackImages}), then reads the
 * message's link with {@code chat.getPermalink} (if that fails the post is published all the same,
 * without a URL). The remote id is {@code <channel id>/<ts>}: a Slack message is named by both.
 *
 * <p>Slack answers most errors with HTTP 200 and {@code {"ok": false, "error": "…"}}:
 * {@code invalid_auth}, {@code not_authed}, {@code token_expired}, {@code token_revoked},
 * {@code account_inactive}, {@code missing_scope}, {@code not_in_channel} and similar are
 * credentials rejected (a person must fix the app or invite it); {@code internal_error},
 * {@code fatal_error}, {@code service_unavailable}, {@code request_timeout} are transient;
 * the rest ({@code channel_not_found}, {@code msg_too_long}, {@code is_archived}…) permanent.
 * Rate limits ({@code ratelimited} or {@code rate_limited}, with HTTP 429 or 200) wait for
 * {@code Retry-After} (seconds). The text is escaped as Slack's formatting rules require, so a
 * {@code <...>} typed in a post is shown, not turned into a link or mention. Idempotency: none for bot
 * messages; a retry after a lost answer may post twice.
 */
public final class SlackPublisher implements PlatformPublisher {
    private static final Set<String> CREDENTIALS = Set.of("invalid_auth", "not_authed", "token_expired", "token_revoked",
            "account_inactive", "missing_scope", "not_in_channel", "no_permission", "ekm_access_denied",
            "org_login_required", "team_access_not_granted", "not_allowed_token_type");
    private static final Set<String> TRANSIENT = Set.of("internal_error", "fatal_error", "service_unavailable",
            "request_timeout", "team_added_to_org");
    /** Both spellings Slack uses; either may come with HTTP 200 or 429, and with {@code Retry-After}. */
    private static final Set<String> RATE_LIMITED = Set.of("ratelimited", "rate_limited");

    private final PlatformHttp http;
    private final SlackAccount account;
    private final SlackRules rules = new SlackRules();

    public SlackPublisher(HttpClient client, SlackAccount account, Clock clock) {
        this(client, account, clock, PlatformHttp.DEFAULT_REQUEST_TIMEOUT);
    }

    public SlackPublisher(HttpClient client, SlackAccount account, Clock clock, Duration requestTimeout) {
        this.account = Objects.requireNonNull(account, "account");
        this.http = new PlatformHttp(Platform.SLACK.id(), client, requestTimeout, clock);
    }

    @Override
    public Platform platform() {
        return Platform.SLACK;
    }

    @Override
    public ContentRules rules() {
        return rules;
    }

    @Override
    public SentPostLookup sentPosts() {
        return new SlackSentPosts(http, account);
    }

    @Override
    public PublishOutcome publish(PublishRequest request) {
        try {
            List<String> problems = rules.problems(request.content());
            if (!problems.isEmpty()) {
                return new Permanent(String.join("; ", problems));
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("channel", account.channel());
            body.put("text", escape(request.content().fullText()));
            if (request.content().hasImage()) {
                body.put("blocks", SlackImages.blocks(escape(request.content().fullText()), request.content().images()));
            }
            body.put("metadata", SlackSentPosts.marker(request));
            Response response = http.send(http.request(URI.create(account.apiUrl() + "/chat.postMessage"))
                    .header("Authorization", "Bearer " + account.botToken())
                    .header("Content-Type", "application/json; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(Json.write(body)))
                    .build());
            Map<String, Object> json = response.json();
            if (response.statusClass() != PlatformHttp.StatusClass.SUCCESS || !Boolean.TRUE.equals(JsonRead.bool(json, "ok"))) {
                return failure(response);
            }
            String ts = JsonRead.string(json, "ts");
            String channel = Objects.requireNonNullElse(JsonRead.string(json, "channel"), account.channel());
            if (ts == null) {
                return new Transient("slack: answer carried no message ts", null);
            }
            return new Published(channel + "/" + ts, permalink(channel, ts));
        } catch (Exception e) {
            return http.transportFailure(e);
        }
    }

    private PublishOutcome failure(Response response) {
        String error = JsonRead.string(response.json(), "error");
        if (response.status() == 429 || RATE_LIMITED.contains(error)) {
            return new Transient("slack: rate limited (" + response.status() + ")" + (error == null ? "" : ": " + error),
                    http.notBefore(response.headers()));
        }
        if (error == null) {
            return http.failure(response);
        }
        if (CREDENTIALS.contains(error)) {
            return http.credentialsRejected(response.status(), error);
        }
        if (TRANSIENT.contains(error) || response.status() >= 500) {
            return new Transient("slack: temporary error: " + error, http.notBefore(response.headers()));
        }
        return new Permanent("slack: refused: " + error);
    }

    private String permalink(String channel, String ts) {
        try {
            URI uri = URI.create(account.apiUrl() + "/chat.getPermalink?channel=" + enc(channel) + "&message_ts=" + enc(ts));
            Response response = http.send(http.request(uri).header("Authorization", "Bearer " + account.botToken()).GET().build());
            return Boolean.TRUE.equals(JsonRead.bool(response.json(), "ok")) ? JsonRead.string(response.json(), "permalink") : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (Exception e) {
            return null;
        }
    }

    /**
     * Slack's formatting rules: {@code &}, {@code <} and {@code >} are control characters (links,
     * mentions, entities) and must be sent as {@code &amp;}, {@code &lt;}, {@code &gt;}; nothing else is
     * encoded. The ampersand goes first so the other two are not escaped twice.
     */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "SlackPublisher[" + account.channel() + "]";
    }
}
