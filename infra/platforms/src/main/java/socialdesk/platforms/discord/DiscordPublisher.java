package socialdesk.platforms.discord;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import socialdesk.core.json.Json;
import socialdesk.core.json.JsonRead;
import socialdesk.core.platform.ContentRules;
import socialdesk.core.platform.DiscordRules;
import socialdesk.core.post.Platform;
import socialdesk.core.publish.PlatformPublisher;
import socialdesk.core.publish.PublishOutcome;
import socialdesk.core.publish.PublishOutcome.Permanent;
import socialdesk.core.publish.PublishOutcome.Published;
import socialdesk.core.publish.PublishOutcome.Transient;
import socialdesk.core.publish.PublishRequest;
import socialdesk.platforms.ImageFiles;
import socialdesk.platforms.PlatformHttp;
import socialdesk.platforms.PlatformHttp.Response;
import socialdesk.platforms.PublicUrlFetcher;

/**
 * Executes the webhook with {@code POST {webhookUrl}?wait=true}: with {@code wait=true} Discord
 * answers with the message it created (its {@code id} and {@code channel_id}) instead of 204.
 * {@code allowed_mentions} is empty, so text such as "@everyone" never pings anyone. Images go as
 * attachments with their alt text ({@link DiscordAttachments}).
 *
 * <p>Rate limits: a 429 carries {@code retry_after} (seconds, with a fraction) in its body and
 * {@code Retry-After} / {@code X-RateLimit-Reset-After} headers; the headers win, the body is the
 * fallback. A 401, 403 or 404 means the webhook's token is wrong or the webhook was deleted:
 * credentials rejected. Idempotency: Discord has none for webhooks; a retry after a lost answer may
 * post the message twice. The webhook URL (which holds the token) never appears in a reason.
 */
public final class DiscordPublisher implements PlatformPublisher {
    private final PlatformHttp http;
    private final DiscordAccount account;
    private final DiscordRules rules = new DiscordRules();
    private final URI executeUri;
    private final DiscordAttachments attachments;

    public DiscordPublisher(HttpClient client, DiscordAccount account, Clock clock) {
        this(client, account, clock, PlatformHttp.DEFAULT_REQUEST_TIMEOUT);
    }

    public DiscordPublisher(HttpClient client, DiscordAccount account, Clock clock, Duration requestTimeout) {
        this(client, account, clock, requestTimeout, ImageFiles.sharedFetcher());
    }

    /** @param images fetches the posts' images; production's allows public addresses only */
    public DiscordPublisher(HttpClient client, DiscordAccount account, Clock clock, Duration requestTimeout,
                            PublicUrlFetcher images) {
        this.attachments = new DiscordAttachments(new ImageFiles(images));
        this.account = Objects.requireNonNull(account, "account");
        this.http = new PlatformHttp(Platform.DISCORD.id(), client, requestTimeout, clock);
        this.executeUri = URI.create(account.webhookUrl() + "?wait=true");
    }

    @Override
    public Platform platform() {
        return Platform.DISCORD;
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
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("content", request.content().fullText());
            body.put("allowed_mentions", Map.of("parse", List.of()));
            DiscordAttachments.Body sent = request.content().hasImage()
                    ? attachments.body(body, request.content().images(), rules.images())
                    : new DiscordAttachments.Body("application/json", HttpRequest.BodyPublishers.ofString(Json.write(body)));
            Response response = http.send(http.request(executeUri)
                    .header("Content-Type", sent.contentType())
                    .POST(sent.publisher())
                    .build());
            if (response.statusClass() == PlatformHttp.StatusClass.SUCCESS) {
                Map<String, Object> message = response.json();
                String id = JsonRead.id(message, "id");
                if (id == null) {
                    return new Transient("discord: answer " + response.status() + " carried no message id", null);
                }
                return new Published(id, url(message, id));
            }
            return failure(response);
        } catch (ImageFiles.Unavailable e) {
            return e.outcome();
        } catch (Exception e) {
            return http.transportFailure(e);
        }
    }

    private PublishOutcome failure(Response response) {
        int status = response.status();
        String detail = detail(response);
        if (status == 429) {
            Instant notBefore = http.notBefore(response.headers());
            if (notBefore == null && JsonRead.at(response.json(), "retry_after") instanceof Number seconds) {
                notBefore = http.afterSeconds(seconds);
            }
            boolean global = Boolean.TRUE.equals(JsonRead.bool(response.json(), "global"));
            return new Transient("discord: rate limited (429" + (global ? ", global" : "") + ")"
                    + (detail.isEmpty() ? "" : ": " + detail), notBefore);
        }
        if (status == 401 || status == 403 || status == 404) {
            return http.credentialsRejected(status, detail + (status == 404 ? " (the webhook was deleted or its URL is wrong)" : ""));
        }
        return http.failure(new Response(status, response.headers(), detail.isEmpty() ? response.body() : detail));
    }

    /** Discord's {@code message} and {@code code}, e.g. "Unknown Webhook (10015)". */
    private static String detail(Response response) {
        String message = JsonRead.string(response.json(), "message");
        if (message == null) {
            return response.detail();
        }
        Long code = JsonRead.integer(response.json(), "code");
        return message + (code == null || code == 0 ? "" : " (" + code + ")");
    }

    private String url(Map<String, Object> message, String id) {
        String fromMessage = JsonRead.id(message, "guild_id");
        String guild = fromMessage != null ? fromMessage : account.guildId();
        String channel = JsonRead.id(message, "channel_id");
        return guild == null || channel == null ? null : "https://discord.com/channels/" + guild + "/" + channel + "/" + id;
    }

    @Override
    public String toString() {
        return "DiscordPublisher[guild " + account.guildId() + "]";
    }
}
