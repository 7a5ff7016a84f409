package socialdesk.platforms.mastodon;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import socialdesk.core.json.Json;
import socialdesk.core.json.JsonRead;
import socialdesk.core.platform.ContentRules;
import socialdesk.core.platform.MastodonRules;
import socialdesk.core.post.Platform;
import socialdesk.core.publish.PlatformPublisher;
import socialdesk.core.publish.PublishOutcome;
import socialdesk.core.publish.PublishOutcome.Permanent;
import socialdesk.core.publish.PublishOutcome.Published;
import socialdesk.core.publish.PublishRequest;
import socialdesk.platforms.PlatformHttp;
import socialdesk.platforms.PlatformHttp.Response;

/**
 * Posts a public status with {@code POST /api/v1/statuses}.
 *
 * <p>Every send carries the request's idempotency key as {@code Idempotency-Key}; Mastodon answers
 * a repeated key with the status it created the first time, so a retry after a timeout cannot post
 * twice. Mastodon keeps keys for about an hour: retries of one post should fall inside that window.
 */
public final class MastodonPublisher implements PlatformPublisher {
    private final PlatformHttp http;
    private final MastodonAccount account;
    private final MastodonRules rules;
    private final URI statusesUri;

    public MastodonPublisher(HttpClient client, MastodonAccount account, Clock clock) {
        this(client, account, clock, PlatformHttp.DEFAULT_REQUEST_TIMEOUT);
    }

    public MastodonPublisher(HttpClient client, MastodonAccount account, Clock clock, Duration requestTimeout) {
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
    public PublishOutcome publish(PublishRequest request) {
        try {
            List<String> problems = rules.problems(request.content());
            if (!problems.isEmpty()) {
                return new Permanent(String.join("; ", problems));
            }
            if (request.idempotencyKey() == null || request.idempotencyKey().isBlank()) {
                return new Permanent("mastodon: request has no idempotency key; refusing to send without one");
            }
            return send(request);
        } catch (Exception e) {
            return http.transportFailure(e);
        }
    }

    private PublishOutcome send(PublishRequest request) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", request.content().fullText());
        body.put("visibility", "public");
        HttpRequest httpRequest = http.request(statusesUri)
                .header("Authorization", "Bearer " + account.accessToken())
                .header("Idempotency-Key", request.idempotencyKey())
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body)))
                .build();
        Response response = http.send(httpRequest);
        if (response.statusClass() != PlatformHttp.StatusClass.SUCCESS) {
            return http.failure(response);
        }
        Map<String, Object> status = response.json();
        String id = JsonRead.id(status, "id");
        if (id == null) {
            // Created or not, a retry with the same Idempotency-Key finds out safely.
            return new PublishOutcome.Transient("mastodon: answer " + response.status() + " carried no status id", null);
        }
        String url = JsonRead.string(status, "url");
        if (url == null) {
            url = JsonRead.string(status, "uri");
        }
        return new Published(id, url);
    }

    @Override
    public String toString() {
        return "MastodonPublisher[" + account.instance() + "]";
    }
}
