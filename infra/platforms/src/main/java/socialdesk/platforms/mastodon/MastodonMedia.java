package socialdesk.platforms.mastodon;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * A post's images as Mastodon media attachments: each fetched, then sent with {@code POST
 * /api/v2/media} ({@code file} and its alt text as {@code description}); the status then names them
 * in {@code media_ids}. Mastodon answers 200 when the attachment is ready and 202 while it is still
 * being processed, and refuses a status with an attachment still processing, so a 202 is followed by
 * {@code GET /api/v1/media/:id} until it answers 200.
 *
 * <p>Uploading again after a lost answer only leaves an unused attachment behind (Mastodon removes
 * those); the status itself is guarded by its idempotency key.
 */
final class MastodonMedia {
    /** How often, and how far apart, a processing attachment is asked about before the post is retried later. */
    static final int PROCESSING_CHECKS = 10;
    static final Duration PROCESSING_WAIT = Duration.ofMillis(500);

    private final PlatformHttp http;
    private final URI instance;
    private final ImageFiles files;

    MastodonMedia(PlatformHttp http, URI instance, ImageFiles files) {
        this.http = http;
        this.instance = instance;
        this.files = files;
    }

    /** The attachment ids of the post's images, in order; none for a post without images. */
    List<String> upload(List<PostImage> images, ImageRules rules, String accessToken)
            throws Unavailable, IOException, InterruptedException {
        List<String> ids = new ArrayList<>(images.size());
        for (ImageFile file : files.fetch(images, rules)) {
            MultipartForm form = new MultipartForm()
                    .file("file", file.fileName(), file.contentType(), file.bytes())
                    .field("description", file.alt());
            Response response = http.send(http.request(URI.create(instance + "/api/v2/media"))
                    .header("Authorization", "Bearer " + accessToken)
                    .header("Content-Type", form.contentType())
                    .POST(form.publisher())
                    .build());
            if (response.statusClass() != PlatformHttp.StatusClass.SUCCESS) {
                throw new Unavailable(http.failure(response));
            }
            String id = JsonRead.id(response.json(), "id");
            if (id == null) {
                throw new Unavailable(new Transient("mastodon: media upload answered " + response.status() + " without an id", null));
            }
            if (response.status() == 202) {
                awaitProcessed(id, file.number(), accessToken);
            }
            ids.add(id);
        }
        return ids;
    }

    private void awaitProcessed(String id, int number, String accessToken) throws Unavailable, IOException, InterruptedException {
        for (int check = 0; check < PROCESSING_CHECKS; check++) {
            Thread.sleep(PROCESSING_WAIT);
            Response response = http.send(http.request(URI.create(instance + "/api/v1/media/" + id))
                    .header("Authorization", "Bearer " + accessToken)
                    .GET()
                    .build());
            Map<String, Object> media = response.json();
            if (response.status() == 200 && JsonRead.string(media, "url") != null) {
                return;
            }
            if (response.status() != 206 && response.status() != 200) {
                throw new Unavailable(http.failure(response));
            }
        }
        throw new Unavailable(new Transient("mastodon: image " + number + " was still being processed after "
                + PROCESSING_CHECKS * PROCESSING_WAIT.toMillis() + " ms; will try again", null));
    }
}
