package socialdesk.platforms.telegram;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import socialdesk.core.post.PostContent;
import socialdesk.core.post.PostImage;

/**
 * Which Bot API method sends a post and with what: {@code sendMessage} for text; {@code sendPhoto}
 * ({@code photo} as the image's URL, the text as {@code caption}) for one image; {@code
 * sendMediaGroup} (an album of {@code InputMediaPhoto}, the caption on the first, as Telegram shows
 * it under the album) for several. Telegram fetches the images from their URLs itself. The Bot API
 * has no alt text for photos, so the alt text is not sent.
 */
final class TelegramMedia {
    private TelegramMedia() {
    }

    /** The method's name and its JSON body. */
    record Send(String method, Map<String, Object> body) {
    }

    static Send send(PostContent content, Object chatId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("chat_id", chatId);
        List<PostImage> images = content.images();
        if (images.isEmpty()) {
            body.put("text", content.fullText());
            return new Send("sendMessage", body);
        }
        if (images.size() == 1) {
            body.put("photo", images.getFirst().url());
            body.put("caption", content.fullText());
            return new Send("sendPhoto", body);
        }
        List<Object> media = new ArrayList<>(images.size());
        for (PostImage image : images) {
            Map<String, Object> photo = new LinkedHashMap<>();
            photo.put("type", "photo");
            photo.put("media", image.url());
            if (media.isEmpty()) {
                photo.put("caption", content.fullText());
            }
            media.add(photo);
        }
        body.put("media", media);
        return new Send("sendMediaGroup", body);
    }

    /** The answer's message: {@code result} itself, or the first of an album's messages. */
    static Object message(Map<String, Object> answer) {
        Object result = answer == null ? null : answer.get("result");
        return result instanceof List<?> album && !album.isEmpty() ? album.getFirst() : result;
    }
}
