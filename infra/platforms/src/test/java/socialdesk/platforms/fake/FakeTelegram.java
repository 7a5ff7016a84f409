package socialdesk.platforms.fake;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import socialdesk.core.json.JsonException;
import socialdesk.core.json.JsonRead;
import socialdesk.platforms.telegram.TelegramAccount;

/**
 * The Telegram Bot API's {@code POST /bot<token>/sendMessage} on loopback, for one public channel.
 * Errors use the Bot API envelope {@code {"ok": false, "error_code", "description"}}: 401
 * "Unauthorized" for a wrong token, 400 "Bad Request: chat not found" for another chat, 400 "Bad
 * Request: message is too long" above 4096 UTF-16 units, 403 after {@link #removeBotFromChannel()}.
 */
public final class FakeTelegram extends FakePlatformServer {
    public static final String TOKEN = "7012345678:AAFakeTelegramBotTokenValue_0123456789";
    public static final String CHANNEL = "@socialdesk_news";
    public static final long CHANNEL_ID = -1001987654321L;

    /** A message the fake sent. */
    public record Message(long id, String text) {
    }

    private static final java.util.Set<String> SEND_METHODS = java.util.Set.of("sendMessage", "sendPhoto", "sendMediaGroup");

    private final Clock clock;
    private final TelegramPhotos photos = new TelegramPhotos(this::violation);
    private final List<Message> messages = new ArrayList<>(); // guarded by this
    private long nextId = 42;                                  // guarded by this
    private volatile boolean removed;

    public FakeTelegram(Clock clock) {
        this.clock = clock;
    }

    public TelegramAccount account() {
        return new TelegramAccount(baseUri(), TOKEN, CHANNEL);
    }

    public void removeBotFromChannel() {
        removed = true;
    }

    /** The photos sent, with their captions and albums. */
    public TelegramPhotos photos() {
        return photos;
    }

    public synchronized List<Message> messages() {
        return List.copyOf(messages);
    }

    public static Map<String, Object> error(int code, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ok", false);
        body.put("error_code", code);
        body.put("description", description);
        return body;
    }

    @Override
    protected Reply handle(RecordedRequest request) {
        String method = request.path().substring(request.path().lastIndexOf('/') + 1);
        if (!request.path().startsWith("/bot") || !SEND_METHODS.contains(method) || !request.method().equals("POST")) {
            violation("unexpected " + request.method() + " " + request.path());
            return Reply.json(404, error(404, "Not Found"));
        }
        String token = request.path().substring("/bot".length(), request.path().length() - method.length() - 1);
        if (!token.equals(TOKEN)) {
            return Reply.json(401, error(401, "Unauthorized"));
        }
        Map<String, Object> body;
        try {
            body = request.json();
        } catch (JsonException e) {
            violation("body is not JSON");
            return Reply.json(400, error(400, "Bad Request: message text is empty"));
        }
        if (!CHANNEL.equals(body.get("chat_id")) && !Long.valueOf(CHANNEL_ID).equals(body.get("chat_id"))) {
            return Reply.json(400, error(400, "Bad Request: chat not found"));
        }
        if (removed) {
            return Reply.json(403, error(403, "Forbidden: bot is not a member of the channel chat"));
        }
        if (body.containsKey("parse_mode")) {
            violation("parse_mode sent: the desk sends plain text");
        }
        if (!method.equals("sendMessage")) {
            return photos.send(method, body, this::message);
        }
        String text = JsonRead.string(body, "text");
        if (text == null || text.isBlank()) {
            return Reply.json(400, error(400, "Bad Request: message text is empty"));
        }
        if (text.length() > 4096) {
            return Reply.json(400, error(400, "Bad Request: message is too long"));
        }
        return Reply.json(200, Map.of("ok", true, "result", message(text)));
    }

    /** A new message in the channel, as the Bot API shows it; {@code text} is its text or caption. */
    private synchronized Map<String, Object> message(String text) {
        {
            long id = nextId++;
            messages.add(new Message(id, text));
            Map<String, Object> chat = new LinkedHashMap<>();
            chat.put("id", CHANNEL_ID);
            chat.put("title", "Social Desk News");
            chat.put("username", CHANNEL.substring(1));
            chat.put("type", "channel");
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("message_id", id);
            result.put("sender_chat", chat);
            result.put("chat", chat);
            result.put("date", clock.instant().getEpochSecond());
            result.put("text", text);
            return result;
        }
    }
}
