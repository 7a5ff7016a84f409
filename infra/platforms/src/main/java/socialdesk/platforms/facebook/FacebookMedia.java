package socialdesk.platforms.facebook;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import socialdesk.core.json.Json;
import socialdesk.core.json.JsonRead;
import socialdesk.core.post.PostContent;
import socialdesk.core.post.PostImage;
import socialdesk.core.publish.PublishOutcome;
import socialdesk.core.publish.PublishOutcome.Transient;
import socialdesk.platforms.PlatformHttp;
import socialdesk.platforms.PlatformHttp.Response;
import socialdesk.platforms.meta.GraphClient;

/**
 * A Page post with images, the Graph API's way. One image: {@code POST /{page-id}/photos} with its
 * {@code url} (Facebook fetches it) and the text as {@code message}: a photo post. Several: each
 * image first as an unpublished photo ({@code published=false}), then one {@code POST
 * /{page-id}/feed} with the text and the photos in {@code attached_media[i]={"media_fbid": id}}.
 * Unpublished photos are not shown by themselves, so uploading them again on a retry posts nothing;
 * only the last call posts. The link goes in the text: a photo post carries no link preview.
 */
final class FacebookMedia {
    private FacebookMedia() {
    }

    /** The edge and fields of the post itself, or the outcome that stopped the unpublished photos. */
    record Send(String edge, Map<String, String> fields, PublishOutcome failure) {
    }

    static Send send(GraphClient graph, String pageId, PostContent content) throws IOException, InterruptedException {
        List<PostImage> images = content.images();
        Map<String, String> fields = new LinkedHashMap<>();
        if (!content.fullText().isBlank()) {
            fields.put("message", content.fullText());
        }
        if (images.size() == 1) {
            fields.put("url", images.getFirst().url());
            return new Send(pageId + "/photos", fields, null);
        }
        for (int i = 0; i < images.size(); i++) {
            Response photo = graph.post(pageId + "/photos", Map.of("url", images.get(i).url(), "published", "false"));
            String id = photo.statusClass() == PlatformHttp.StatusClass.SUCCESS ? JsonRead.id(photo.json(), "id") : null;
            if (id == null) {
                return new Send(null, null, photo.statusClass() == PlatformHttp.StatusClass.SUCCESS
                        ? new Transient("facebook: photo " + (i + 1) + " answer " + photo.status() + " carried no id", null)
                        : graph.failure(photo));
            }
            fields.put("attached_media[" + i + "]", Json.write(Map.of("media_fbid", id)));
        }
        return new Send(pageId + "/feed", fields, null);
    }

    /** The feed post's id: {@code post_id} of a photo post, {@code id} of a feed post. */
    static String postId(Map<String, Object> answer) {
        String postId = JsonRead.id(answer, "post_id");
        return postId != null ? postId : JsonRead.id(answer, "id");
    }
}
