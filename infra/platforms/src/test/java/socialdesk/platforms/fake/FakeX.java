package socialdesk.platforms.fake;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import socialdesk.core.json.JsonException;
import socialdesk.core.json.JsonRead;
import socialdesk.core.platform.XRules;
import socialdesk.platforms.x.XAccount;

/**
 * X's {@code POST /2/tweets} on loopback: 201 {@code {"data": {"id", "text", "edit_history_tweet_ids"}}}
 * with {@code x-rate-limit-*} headers; a repeated text gets X's 403 duplicate-content problem
 * document; a wrong or revoked token its 401 problem document; a text over 280 as X's own
 * twitter-text counts it is refused as an invalid request.
 */
public final class FakeX extends FakePlatformServer {
    public static final String TOKEN = "bWFrZS1iZWxpZXZlLXVzZXItY29udGV4dC10b2tlbg";

    /** A post the fake created. */
    public record Tweet(String id, String text) {
    }

    private final Clock clock;
    private final List<Tweet> tweets = new ArrayList<>(); // guarded by this
    private long nextId = 1_861_000_000_000_000_000L;      // guarded by this
    private volatile boolean revoked;

    public FakeX(Clock clock) {
        this.clock = clock;
    }

    public XAccount account() {
        return new XAccount(baseUri(), TOKEN);
    }

    public void revokeToken() {
        revoked = true;
    }

    public synchronized List<Tweet> tweets() {
        return List.copyOf(tweets);
    }

    public static Map<String, Object> problem(int status, String title, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        body.put("type", "about:blank");
        body.put("status", status);
        body.put("detail", detail);
        return body;
    }

    @Override
    protected Reply handle(RecordedRequest request) {
        if (!request.method().equals("POST") || !request.path().equals("/2/tweets")) {
            violation("unexpected " + request.method() + " " + request.path());
            return Reply.json(404, problem(404, "Not Found Error", "Sorry, that page does not exist."));
        }
        if (request.bearer() == null) {
            violation("no bearer token");
        }
        if (revoked || !TOKEN.equals(request.bearer())) {
            return Reply.json(401, problem(401, "Unauthorized", "Unauthorized"));
        }
        String type = request.header("Content-Type");
        if (type == null || !type.startsWith("application/json")) {
            violation("Content-Type " + type);
        }
        String text;
        try {
            Map<String, Object> body = request.json();
            if (body.size() != 1) {
                violation("unexpected body fields " + body.keySet());
            }
            text = JsonRead.string(body, "text");
        } catch (JsonException e) {
            violation("body is not JSON");
            return Reply.json(400, problem(400, "Invalid Request", "One or more parameters to your request was invalid."));
        }
        if (text == null || XRules.weightedLength(text) > XRules.MAX_WEIGHTED) {
            violation("text missing or over X's weighted 280: " + text);
            return Reply.json(400, problem(400, "Invalid Request", "One or more parameters to your request was invalid."));
        }
        Map<String, String> headers = Map.of("x-rate-limit-limit", "100", "x-rate-limit-remaining", "99",
                "x-rate-limit-reset", String.valueOf(clock.instant().getEpochSecond() + 900));
        synchronized (this) {
            for (Tweet t : tweets) {
                if (t.text().equals(text)) {
                    return Reply.json(403, headers, problem(403, "Forbidden",
                            "You are not allowed to create a Tweet with duplicate content."));
                }
            }
            String id = String.valueOf(nextId++);
            tweets.add(new Tweet(id, text));
            return Reply.json(201, headers, Map.of("data", Map.of("id", id, "text", text, "edit_history_tweet_ids", List.of(id))));
        }
    }
}
