package socialdesk.platforms.fake;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import socialdesk.core.json.JsonException;
import socialdesk.core.json.JsonRead;
import socialdesk.platforms.slack.SlackAccount;

/**
 * Slack's Web API on loopback: {@code POST /api/chat.postMessage} (JSON, bot token as bearer) and
 * {@code GET /api/chat.getPermalink}. Errors are HTTP 200 with {@code {"ok": false, "error": …}}, as
 * Slack sends them: {@code invalid_auth} for a wrong token, {@code token_revoked} after
 * {@link #revokeToken()}, {@code channel_not_found} for another channel. Messages are kept as
 * Slack shows them, and text that is not escaped as Slack requires is a violation.
 */
public final class FakeSlack extends FakePlatformServer {
    public static final String TOKEN = "xoxb-0000000000-0000000000000-fAkEsLaCkBoTtOkEn";
    public static final String CHANNEL = "C08FAKE0CHN";

    /** A message the fake posted. */
    public record Message(String ts, String text, Map<String, Object> metadata) {
    }

    private static final Pattern BARE = Pattern.compile("[<>]|&(?!amp;|lt;|gt;)");

    private final Clock clock;
    private final List<Object> blocks = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<Message> messages = new ArrayList<>(); // guarded by this
    private int seq = 100;                                     // guarded by this
    private volatile boolean revoked;

    public FakeSlack(Clock clock) {
        this.clock = clock;
    }

    public SlackAccount account() {
        return new SlackAccount(java.net.URI.create(baseUri() + "/api"), TOKEN, CHANNEL);
    }

    public void revokeToken() {
        revoked = true;
    }

    /** The {@code blocks} of each message that had them, in order. */
    public List<Object> blocks() {
        return List.copyOf(blocks);
    }

    public synchronized List<Message> messages() {
        return List.copyOf(messages);
    }

    /**
     * The text as Slack shows it: {@code &amp;}, {@code &lt;} and {@code &gt;} decoded. A bare
     * {@code <} or {@code >} would open or close a link or mention, and a bare {@code &} is not
     * escaped as Slack's formatting rules ask: each is a violation.
     */
    private String asShown(String sent) {
        Matcher bare = BARE.matcher(sent);
        if (bare.find()) {
            violation("unescaped '" + bare.group() + "' at " + bare.start() + " in " + sent);
        }
        return sent.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    @Override
    protected Reply handle(RecordedRequest request) {
        if (request.bearer() == null) {
            violation("no bearer token");
            return Reply.json(200, Map.of("ok", false, "error", "not_authed"));
        }
        if (revoked) {
            return Reply.json(200, Map.of("ok", false, "error", "token_revoked"));
        }
        if (!TOKEN.equals(request.bearer())) {
            return Reply.json(200, Map.of("ok", false, "error", "invalid_auth"));
        }
        if (request.method().equals("GET") && request.path().equals("/api/chat.getPermalink")) {
            String ts = request.query("message_ts");
            return Reply.json(200, Map.of("ok", true, "channel", request.query("channel"),
                    "permalink", "https://desk.slack.com/archives/" + request.query("channel") + "/p" + ts.replace(".", "")));
        }
        if (request.method().equals("GET") && request.path().equals("/api/conversations.history")) {
            return history(request);
        }
        if (!request.method().equals("POST") || !request.path().equals("/api/chat.postMessage")) {
            violation("unexpected " + request.method() + " " + request.path());
            return Reply.json(200, Map.of("ok", false, "error", "unknown_method"));
        }
        if (!"application/json; charset=utf-8".equals(request.header("Content-Type"))) {
            violation("Content-Type " + request.header("Content-Type"));
        }
        Map<String, Object> body;
        try {
            body = request.json();
        } catch (JsonException e) {
            violation("body is not JSON");
            return Reply.json(200, Map.of("ok", false, "error", "invalid_json"));
        }
        if (!CHANNEL.equals(JsonRead.string(body, "channel"))) {
            return Reply.json(200, Map.of("ok", false, "error", "channel_not_found"));
        }
        String sent = JsonRead.string(body, "text");
        if (sent == null || sent.isBlank()) {
            return Reply.json(200, Map.of("ok", false, "error", "no_text"));
        }
        String text = asShown(sent);
        if (body.containsKey("blocks")) {
            String problem = SlackBlocks.problem(body.get("blocks"), this::asShown);
            if (problem != null) {
                return Reply.json(200, Map.of("ok", false, "error", "invalid_blocks", "errors", List.of(problem)));
            }
            blocks.add(body.get("blocks"));
        }
        synchronized (this) {
            String ts = clock.instant().getEpochSecond() + "." + String.format("%06d", seq++);
            Map<String, Object> metadata = JsonRead.object(body, "metadata");
            if (metadata != null && (JsonRead.string(metadata, "event_type") == null || JsonRead.object(metadata, "event_payload") == null)) {
                violation("metadata without event_type and event_payload: " + metadata);
                return Reply.json(200, Map.of("ok", false, "error", "invalid_metadata_format"));
            }
            messages.add(new Message(ts, text, metadata));
            return Reply.json(200, Map.of("ok", true, "channel", CHANNEL, "ts", ts,
                    "message", Map.of("type", "message", "subtype", "bot_message", "text", text, "ts", ts, "bot_id", "B08FAKEBOT")));
        }
    }

    /**
     * {@code conversations.history}: the channel's messages newest first, from {@code oldest} (epoch
     * seconds, as Slack's {@code ts}), at most {@code limit}; a message's {@code metadata} only with
     * {@code include_all_metadata=true}, as Slack does.
     */
    private synchronized Reply history(RecordedRequest request) {
        if (!CHANNEL.equals(request.query("channel"))) {
            return Reply.json(200, Map.of("ok", false, "error", "channel_not_found"));
        }
        double oldest = request.query("oldest") == null ? 0 : Double.parseDouble(request.query("oldest"));
        int limit = request.query("limit") == null ? 100 : Integer.parseInt(request.query("limit"));
        if (limit > 999) {
            violation("limit over 999: " + limit);
        }
        boolean withMetadata = "true".equals(request.query("include_all_metadata"));
        List<Map<String, Object>> out = new ArrayList<>();
        for (Message m : messages.reversed()) {
            if (Double.parseDouble(m.ts()) >= oldest && out.size() < limit) {
                Map<String, Object> message = new java.util.LinkedHashMap<>();
                message.put("type", "message");
                message.put("subtype", "bot_message");
                message.put("text", m.text().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"));
                message.put("ts", m.ts());
                message.put("bot_id", "B08FAKEBOT");
                if (withMetadata && m.metadata() != null) {
                    message.put("metadata", m.metadata());
                }
                out.add(message);
            }
        }
        return Reply.json(200, Map.of("ok", true, "messages", out, "has_more", false, "pin_count", 0,
                "response_metadata", Map.of("next_cursor", "")));
    }
}
