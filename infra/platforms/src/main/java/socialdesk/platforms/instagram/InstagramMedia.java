package socialdesk.platforms.instagram;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import socialdesk.core.post.PostImage;
import socialdesk.core.publish.PublishOutcome;
import socialdesk.platforms.meta.CarouselItems;
import socialdesk.platforms.meta.ContainerWait;
import socialdesk.platforms.meta.GraphClient;

/**
 * The media fields of an Instagram post's container. One image: {@code image_url} and its
 * {@code alt_text}. Several: a {@code CAROUSEL} whose {@code children} are item containers made
 * first ({@link CarouselItems}). Instagram fetches each image from its URL itself.
 */
final class InstagramMedia {
    private InstagramMedia() {
    }

    /** The container's media fields, or the outcome that stopped the carousel's items. */
    record Container(Map<String, String> fields, PublishOutcome failure) {
    }

    static Container container(GraphClient graph, String igUserId, List<PostImage> images, ContainerWait wait)
            throws IOException, InterruptedException {
        Map<String, String> fields = new LinkedHashMap<>();
        if (images.size() < CarouselItems.MIN_ITEMS) {
            PostImage image = images.getFirst();
            fields.put("image_url", image.url());
            fields.put("alt_text", image.alt());
            return new Container(fields, null);
        }
        CarouselItems.Result items = CarouselItems.create(graph, igUserId, "media", images, Map.of(), "status_code", wait);
        if (items.failure() != null) {
            return new Container(null, items.failure());
        }
        fields.put("media_type", "CAROUSEL");
        fields.put("children", items.children());
        return new Container(fields, null);
    }
}
