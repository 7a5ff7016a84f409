package socialdesk.platforms.discord;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import socialdesk.core.json.Json;
import socialdesk.core.platform.ImageRules;
import socialdesk.core.post.PostImage;
import socialdesk.platforms.ImageFiles;
import socialdesk.platforms.ImageFiles.ImageFile;
import socialdesk.platforms.ImageFiles.Unavailable;
import socialdesk.platforms.MultipartForm;

/**
 * A webhook message with images as attachments, as Discord takes them: a {@code multipart/form-data}
 * body whose {@code payload_json} part is the message JSON with an {@code attachments} list
 * ({@code id}, {@code filename}, {@code description}: the alt text), and one {@code files[n]} part per
 * image, {@code n} being the attachment's id. The images are fetched first.
 */
final class DiscordAttachments {
    private final ImageFiles files;

    DiscordAttachments(ImageFiles files) {
        this.files = files;
    }

    /** The request body (and its content type) of {@code message} with the post's images attached. */
    Body body(Map<String, Object> message, List<PostImage> images, ImageRules rules) throws Unavailable, InterruptedException {
        List<ImageFile> fetched = files.fetch(images, rules);
        List<Object> attachments = new ArrayList<>(fetched.size());
        for (int i = 0; i < fetched.size(); i++) {
            Map<String, Object> attachment = new LinkedHashMap<>();
            attachment.put("id", i);
            attachment.put("filename", fetched.get(i).fileName());
            attachment.put("description", fetched.get(i).alt());
            attachments.add(attachment);
        }
        Map<String, Object> payload = new LinkedHashMap<>(message);
        payload.put("attachments", attachments);
        MultipartForm form = new MultipartForm().field("payload_json", Json.write(payload));
        for (int i = 0; i < fetched.size(); i++) {
            ImageFile file = fetched.get(i);
            form.file("files[" + i + "]", file.fileName(), file.contentType(), file.bytes());
        }
        return new Body(form.contentType(), form.publisher());
    }

    record Body(String contentType, HttpRequest.BodyPublisher publisher) {
    }
}
