package socialdesk.platforms.fake;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import socialdesk.core.json.JsonRead;
import socialdesk.platforms.fake.FakePlatformServer.Reply;

/**
 * The Bot API's photo methods as {@link FakeTelegram} serves them: {@code sendPhoto} ({@code photo}
 * an http(s) URL Telegram fetches, or a file id; {@code caption} at most {@value #MAX_CAPTION}
 * characters) answers one message; {@code sendMediaGroup} ({@code media}: {@value #MIN_ALBUM} to
 * {@value #MAX_ALBUM} {@code InputMediaPhoto}s of {@code type} {@code photo}) answers the album's
 * messages, in order.
 */
public final class TelegramPhotos {
    public static final int MAX_CAPTION = 1024;
    public static final int MIN_ALBUM = 2;
    public static final int MAX_ALBUM = 10;

    /** One photo sent: its URL, its caption (null for none) and the message that shows it. */
    public record Photo(String url, String caption, long messageId, boolean inAlbum) {
    }

    private final Consumer<String> violation;
    private final List<Photo> photos = new ArrayList<>(); // guarded by this

    TelegramPhotos(Consumer<String> violation) {
        this.violation = violation;
    }

    public synchronized List<Photo> sent() {
        return List.copyOf(photos);
    }

    synchronized Reply send(String method, Map<String, Object> body, Function<String, Map<String, Object>> newMessage) {
        if (method.equals("sendPhoto")) {
            String problem = photoProblem(JsonRead.at(body, "photo"), JsonRead.at(body, "caption"));
            if (problem != null) {
                return Reply.json(400, FakeTelegram.error(400, problem));
            }
            String caption = JsonRead.string(body, "caption");
            Map<String, Object> message = newMessage.apply(caption);
            photos.add(new Photo(JsonRead.string(body, "photo"), caption, ((Number) message.get("message_id")).longValue(), false));
            return Reply.json(200, Map.of("ok", true, "result", message));
        }
        if (!(body.get("media") instanceof List<?> media) || media.size() < MIN_ALBUM || media.size() > MAX_ALBUM) {
            return Reply.json(400, FakeTelegram.error(400, "Bad Request: wrong number of media in the album: must be "
                    + MIN_ALBUM + " to " + MAX_ALBUM));
        }
        for (Object item : media) {
            if (!"photo".equals(JsonRead.string(item, "type"))) {
                return Reply.json(400, FakeTelegram.error(400, "Bad Request: unsupported media type in the album"));
            }
            String problem = photoProblem(JsonRead.at(item, "media"), JsonRead.at(item, "caption"));
            if (problem != null) {
                return Reply.json(400, FakeTelegram.error(400, problem));
            }
        }
        List<Object> messages = new ArrayList<>();
        for (Object item : media) {
            String caption = JsonRead.string(item, "caption");
            Map<String, Object> message = newMessage.apply(caption);
            photos.add(new Photo(JsonRead.string(item, "media"), caption, ((Number) message.get("message_id")).longValue(), true));
            messages.add(message);
        }
        return Reply.json(200, Map.of("ok", true, "result", messages));
    }

    private String photoProblem(Object photo, Object caption) {
        if (!(photo instanceof String url) || url.isBlank()) {
            return "Bad Request: there is no photo in the request";
        }
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            violation.accept("photo is neither an http(s) URL nor an upload: " + url);
            return "Bad Request: wrong HTTP URL specified";
        }
        if (caption != null && (!(caption instanceof String text) || text.length() > MAX_CAPTION)) {
            return "Bad Request: message caption is too long";
        }
        return null;
    }
}
