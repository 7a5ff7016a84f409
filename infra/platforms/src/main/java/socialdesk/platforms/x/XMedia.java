package socialdesk.platforms.x;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import socialdesk.core.json.Json;
import socialdesk.core.json.JsonRead;
import socialdesk.core.platform.ImageRules;
import socialdesk.core.post.PostImage;
import socialdesk.core.publish.PublishOutcome.Transient;
import socialdesk.platforms.ImageFiles;
import socialdesk.platforms.ImageFiles.ImageFile;
import socialdesk.platforms.ImageFiles.Unavailable;
import socialdesk.platforms.MultipartForm;
import socialdesk.platforms.PlatformHttp;
import socialdesk.platforms.PlatformHttp.Response;

/**
 * A post's images as X media: each fetched, uploaded with {@code POST /2/media/upload}
 * (multipart: {@code media}, {@code media_category=tweet_image}; answered {@code {"data": {"id"}}}),
 * given its alt text with {@code POST /2/media/metadata} ({@code {"id", "metadata": {"alt_text":
 * {"text"}}}}); the post then lists the ids in {@code media.media_ids}. Media no post uses expires
 * by itself, so uploading again after a lost answer posts nothing; the post itself is kept single
 * by X's duplicate check and the publisher's lookup.
 */
final class XMedia {
    private final PlatformHttp http;
    private final URI uploadUri;
    private final URI metadataUri;
    private final ImageFiles files;

    XMedia(PlatformHttp http, URI apiUrl, ImageFiles files) {
        this.http = http;
        this.uploadUri = URI.create(apiUrl + "/2/media/upload");
        this.metadataUri = URI.create(apiUrl + "/2/media/metadata");
        this.files = files;
    }

    /** The media ids of the post's images, in order; none for a post without images. */
    List<String> upload(List<PostImage> images, ImageRules rules, String token) throws Unavailable, IOException, InterruptedException {
        List<String> ids = new ArrayList<>(images.size());
        for (ImageFile file : files.fetch(images, rules)) {
            MultipartForm form = new MultipartForm()
                    .file("media", file.fileName(), file.contentType(), file.bytes())
                    .field("media_category", "tweet_image");
            Response uploaded = http.send(http.request(uploadUri)
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", form.contentType())
                    .POST(form.publisher())
                    .build());
            if (uploaded.statusClass() != PlatformHttp.StatusClass.SUCCESS) {
                throw new Unavailable(http.failure(uploaded));
            }
            String id = JsonRead.id(uploaded.json(), "data", "id");
            if (id == null) {
                throw new Unavailable(new Transient("x: media upload answered " + uploaded.status() + " without an id", null));
            }
            Map<String, Object> metadata = Map.of("id", id, "metadata", Map.of("alt_text", Map.of("text", file.alt())));
            Response described = http.send(http.request(metadataUri)
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Json.write(metadata)))
                    .build());
            if (described.statusClass() != PlatformHttp.StatusClass.SUCCESS) {
                throw new Unavailable(http.failure(described));
            }
            ids.add(id);
        }
        return ids;
    }
}
