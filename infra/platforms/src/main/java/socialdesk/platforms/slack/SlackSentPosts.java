package socialdesk.platforms.slack;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import socialdesk.core.json.JsonRead;
import socialdesk.core.publish.PublishRequest;
import socialdesk.core.publish.SentPostLookup;
import socialdesk.platforms.PlatformHttp;
import socialdesk.platforms.PlatformHttp.Response;
import socialdesk.platforms.SentPostMatch;

/**
 * Looks for a sent message in the channel's history, {@code conversations.history} with
 * {@code oldest} (the window's start, epoch seconds) and {@code include_all_metadata=true}. The
 * marker cannot collide: every message the desk posts carries Slack message metadata
 * ({@code event_type} {@value #EVENT_TYPE}, {@code event_payload.idempotency_key} the post's key for
 * this platform), and a message is this post only when its metadata names this post's key. Needs the
 * bot's {@code channels:history} (or {@code groups:history}) scope; without it Slack answers
 * {@code missing_scope}, a failed lookup, so the delivery is retried and then handed to a person.
 */
final class SlackSentPosts implements SentPostLookup {
    static final String EVENT_TYPE = "social_desk_post";
    private static final int PAGE_SIZE = 200;

    private final PlatformHttp http;
    private final SlackAccount account;

    SlackSentPosts(PlatformHttp http, SlackAccount account) {
        this.http = http;
        this.account = account;
    }

    /** The metadata a message of this post carries. */
    static Map<String, Object> marker(PublishRequest request) {
        return Map.of("event_type", EVENT_TYPE, "event_payload", Map.of("idempotency_key", request.idempotencyKey()));
    }

    @Override
    public Reconciliation find(PublishRequest request, Instant sentSince) {
        Instant from = SentPostMatch.windowStart(sentSince);
        try {
            String cursor = null;
            do {
                Response response = http.send(http.request(URI.create(account.apiUrl() + "/conversations.history?channel="
                                + enc(account.channel()) + "&oldest=" + from.getEpochSecond() + "&limit=" + PAGE_SIZE
                                + "&include_all_metadata=true" + (cursor == null ? "" : "&cursor=" + enc(cursor))))
                        .header("Authorization", "Bearer " + account.botToken())
                        .GET().build());
                Map<String, Object> json = response.json();
                if (response.statusClass() != PlatformHttp.StatusClass.SUCCESS || !Boolean.TRUE.equals(JsonRead.bool(json, "ok"))) {
                    String error = Objects.requireNonNullElse(JsonRead.string(json, "error"), "HTTP " + response.status());
                    return new Reconciliation.LookupFailed("slack: conversations.history refused: " + error,
                            http.notBefore(response.headers()));
                }
                for (Object message : JsonRead.list(json, "messages")) {
                    String ts = JsonRead.string(message, "ts");
                    if (ts != null && EVENT_TYPE.equals(JsonRead.string(message, "metadata", "event_type"))
                            && request.idempotencyKey().equals(JsonRead.string(message, "metadata", "event_payload", "idempotency_key"))) {
                        return new Reconciliation.Found(account.channel() + "/" + ts,
                                "https://slack.com/archives/" + account.channel() + "/p" + ts.replace(".", ""));
                    }
                }
                cursor = JsonRead.string(json, "response_metadata", "next_cursor");
            } while (cursor != null && !cursor.isEmpty());
            return new Reconciliation.NotFound();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reconciliation.LookupFailed("slack: interrupted while looking", null);
        } catch (Exception e) {
            return SentPostMatch.failed(http.transportFailure(e));
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
