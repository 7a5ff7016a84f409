package socialdesk.platforms.fake;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import socialdesk.core.json.JsonException;
import socialdesk.core.json.JsonRead;
import socialdesk.platforms.discord.DiscordAccount;

/**
 * One Discord webhook on loopback, {@code POST /api/webhooks/{id}/{token}}: with {@code ?wait=true}
 * it answers 200 with the message object, without it 204. A wrong token gets 401 "Invalid Webhook
 * Token" (50027), a deleted webhook 404 "Unknown Webhook" (10015), content over 2000 characters 400
 * "Invalid Form Body" (50035).
 */
public final class FakeDiscord extends FakePlatformServer {
    public static final String WEBHOOK_ID = "1306000000000000001";
    public static final String WEBHOOK_TOKEN = "fAkE-wEbHoOk-ToKeN_abcdefghijklmnopqrstuvwxyz0123456789";
    public static final String CHANNEL_ID = "1305000000000000002";
    public static final String GUILD_ID = "1304000000000000003";

    /** A message the fake created. */
    public record Message(String id, String content, Object allowedMentions) {
    }

    private final Clock clock;
    private final List<Message> messages = new ArrayList<>(); // guarded by this
    private long nextId = 1_307_000_000_000_000_000L;          // guarded by this
    private volatile boolean deleted;
    private final Map<String, List<Object>> sentAttachments = new java.util.HashMap<>(); // guarded by this

    public FakeDiscord(Clock clock) {
        this.clock = clock;
    }

    public URI webhookUrl() {
        return URI.create(baseUri() + "/api/webhooks/" + WEBHOOK_ID + "/" + WEBHOOK_TOKEN);
    }

    public DiscordAccount account() {
        return new DiscordAccount(webhookUrl(), GUILD_ID);
    }

    public void deleteWebhook() {
        deleted = true;
    }

    /** The attachments of a message, as Discord shows them ({@code filename}, {@code description}, {@code size}). */
    public synchronized List<Object> attachments(String messageId) {
        return sentAttachments.getOrDefault(messageId, List.of());
    }

    public synchronized List<Message> messages() {
        return List.copyOf(messages);
    }

    @Override
    protected Reply handle(RecordedRequest request) {
        String prefix = "/api/webhooks/" + WEBHOOK_ID + "/";
        if (!request.method().equals("POST") || !request.path().startsWith(prefix)) {
            violation("unexpected " + request.method() + " " + request.path());
            return Reply.json(404, Map.of("message", "404: Not Found", "code", 0));
        }
        if (deleted) {
            return Reply.json(404, Map.of("message", "Unknown Webhook", "code", 10015));
        }
        if (!request.path().equals(prefix + WEBHOOK_TOKEN)) {
            return Reply.json(401, Map.of("message", "Invalid Webhook Token", "code", 50027));
        }
        if (!"true".equals(request.query("wait"))) {
            violation("no ?wait=true: the message id would not come back");
        }
        Map<String, Object> body;
        List<Object> attachments = List.of();
        try {
            if (String.valueOf(request.header("Content-Type")).startsWith("multipart/form-data")) {
                DiscordUploads.Parsed parsed = DiscordUploads.parse(request, this::violation);
                if (parsed.refusal() != null) {
                    return parsed.refusal();
                }
                body = parsed.payload();
                attachments = parsed.attachments();
            } else {
                body = request.json();
            }
        } catch (JsonException e) {
            violation("body is not JSON");
            return Reply.json(400, Map.of("message", "Cannot send an empty message", "code", 50006));
        }
        String content = JsonRead.string(body, "content");
        if (content == null || content.isBlank()) {
            return Reply.json(400, Map.of("message", "Cannot send an empty message", "code", 50006));
        }
        if (content.codePointCount(0, content.length()) > 2000) {
            return Reply.json(400, Map.of("message", "Invalid Form Body", "code", 50035, "errors",
                    Map.of("content", Map.of("_errors", List.of(Map.of("code", "BASE_TYPE_MAX_LENGTH",
                            "message", "Must be 2000 or fewer in length."))))));
        }
        synchronized (this) {
            String id = String.valueOf(nextId++);
            messages.add(new Message(id, content, body.get("allowed_mentions")));
            Map<String, Object> message = new LinkedHashMap<>();
            message.put("type", 0);
            message.put("content", content);
            message.put("mentions", List.of());
            message.put("mention_roles", List.of());
            message.put("attachments", attachments);
            sentAttachments.put(id, attachments);
            message.put("embeds", List.of());
            message.put("timestamp", clock.instant().toString());
            message.put("edited_timestamp", null);
            message.put("flags", 0);
            message.put("components", List.of());
            message.put("id", id);
            message.put("channel_id", CHANNEL_ID);
            message.put("author", Map.of("bot", true, "id", WEBHOOK_ID, "username", "Social Desk", "discriminator", "0000"));
            message.put("pinned", false);
            message.put("mention_everyone", false);
            message.put("tts", false);
            message.put("webhook_id", WEBHOOK_ID);
            return Reply.json(200, message);
        }
    }
}
