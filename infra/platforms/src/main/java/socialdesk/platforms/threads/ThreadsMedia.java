package socialdesk.platforms.threads;

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
 * The media fields of a Threads post's container: {@code TEXT} without images; {@code IMAGE} with
 * {@code image_url} and {@code alt_text} for one; a {@code CAROUSEL} whose {@code children} are
 * {@code IMAGE} item containers made first ({@link CarouselItems}) for several. Threads fetches each
 * image from its URL itself.
 */
final class ThreadsMedia {
    private ThreadsMedia() {
    }

    /** The container's media fields, or the outcome that stopped the carousel's items. */
    record Container(Map<String, String> fields, PublishOutcome failure) {
    }

    static Container container(GraphClient graph, String userId, List<PostImage> images, ContainerWait wait)
            throws IOException, InterruptedException {
        Map<String, String> fields = new LinkedHashMap<>();
        if (images.isEmpty()) {
            fields.put("media_type", "TEXT");
            return new Container(fields, null);
        }
        if (images.size() < CarouselItems.MIN_ITEMS) {
            fields.put("media_type", "IMAGE");
            fields.put("image_url", images.getFirst().url());
            fields.put("alt_text", images.getFirst().alt());
            return new Container(fields, null);
        }
        CarouselItems.Result items = CarouselItems.create(graph, userId, "threads", images, Map.of("media_type", "IMAGE"),
                "status", wait);
        if (items.failure() != null) {
            return new Container(null, items.failure());
        }
        fields.put("media_type", "CAROUSEL");
        fields.put("children", items.children());
        return new Container(fields, null);
    }
}
