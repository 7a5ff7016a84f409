package socialdesk.platforms.linkedin;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
import socialdesk.platforms.PlatformHttp;
import socialdesk.platforms.PlatformHttp.Response;

/**
 * A post's images through LinkedIn's Images API: each image fetched, registered with {@code POST
 * /rest/images?action=initializeUpload} ({@code {"initializeUploadRequest": {"owner"}}}, answered
 * with {@code value.uploadUrl} and {@code value.image}, an image URN), its bytes sent with a
 * {@code PUT} to that upload URL; the post then carries {@code content.media} ({@code id},
 * {@code altText}) for one image or {@code content.multiImage.images} for several. An image no post
 * uses is never shown, so uploading again after a lost answer posts nothing; the post itself is
 * kept single by LinkedIn's duplicate check.
 */
final class LinkedInImages {
    private final PlatformHttp http;
    private final LinkedInAccount account;
    private final URI initializeUri;
    private final ImageFiles files;

    LinkedInImages(PlatformHttp http, LinkedInAccount account, ImageFiles files) {
        this.http = http;
        this.account = account;
        this.initializeUri = URI.create(account.apiUrl() + "/rest/images?action=initializeUpload");
        this.files = files;
    }

    /** The post's {@code content}: {@code media} for one image, {@code multiImage} for several. */
    Map<String, Object> content(List<PostImage> images, ImageRules rules, String token)
            throws Unavailable, IOException, InterruptedException {
        List<Map<String, Object>> uploaded = new ArrayList<>(images.size());
        for (ImageFile file : files.fetch(images, rules)) {
            Map<String, Object> image = new LinkedHashMap<>();
            image.put("id", upload(file, token));
            image.put("altText", file.alt());
            uploaded.add(image);
        }
        if (uploaded.size() == 1) {
            return Map.of("media", uploaded.getFirst());
        }
        return Map.of("multiImage", Map.of("images", uploaded));
    }

    /** Registers and uploads one image; its URN. */
    private String upload(ImageFile file, String token) throws Unavailable, IOException, InterruptedException {
        Map<String, Object> request = Map.of("initializeUploadRequest", Map.of("owner", account.author()));
        Response initialized = http.send(http.request(initializeUri)
                .header("Authorization", "Bearer " + token)
                .header("Linkedin-Version", account.linkedinVersion())
                .header("X-Restli-Protocol-Version", "2.0.0")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(request)))
                .build());
        if (initialized.statusClass() != PlatformHttp.StatusClass.SUCCESS) {
            throw new Unavailable(http.failure(initialized));
        }
        String uploadUrl = JsonRead.string(initialized.json(), "value", "uploadUrl");
        String urn = JsonRead.string(initialized.json(), "value", "image");
        if (uploadUrl == null || urn == null) {
            throw new Unavailable(new Transient("linkedin: initializeUpload answered " + initialized.status()
                    + " without an upload URL and image URN", null));
        }
        Response put = http.send(http.request(URI.create(uploadUrl))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", file.contentType())
                .PUT(HttpRequest.BodyPublishers.ofByteArray(file.bytes()))
                .build());
        if (put.statusClass() != PlatformHttp.StatusClass.SUCCESS) {
            throw new Unavailable(http.failure(put));
        }
        return urn;
    }
}
