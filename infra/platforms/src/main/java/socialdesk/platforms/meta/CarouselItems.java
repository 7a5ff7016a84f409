package socialdesk.platforms.meta;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import socialdesk.core.json.JsonRead;
import socialdesk.core.post.PostImage;
import socialdesk.core.publish.PublishOutcome;
import socialdesk.core.publish.PublishOutcome.Transient;
import socialdesk.platforms.PlatformHttp;
import socialdesk.platforms.PlatformHttp.Response;

/**
 * The item containers of an Instagram or Threads carousel: one per image, created with
 * {@code is_carousel_item=true}, its {@code image_url} (the platform fetches it) and its
 * {@code alt_text}, each waited on until ready. The carousel container then lists them in
 * {@code children}. Items are never published on their own, so making them again on a retry
 * posts nothing twice.
 */
public final class CarouselItems {
    /** The smallest carousel both platforms accept; one image is posted as a single image instead. */
    public static final int MIN_ITEMS = 2;

    /** The comma-separated item ids, or the outcome that stopped them (then {@code children} is null). */
    public record Result(String children, PublishOutcome failure) {
    }

    private CarouselItems() {
    }

    /**
     * @param edge        the edge that creates containers ({@code media}, {@code threads})
     * @param itemFields  fields every item carries besides the image ({@code media_type=IMAGE} for Threads)
     */
    public static Result create(GraphClient graph, String userId, String edge, List<PostImage> images,
                                Map<String, String> itemFields, String statusField, ContainerWait wait)
            throws IOException, InterruptedException {
        List<String> ids = new ArrayList<>(images.size());
        for (PostImage image : images) {
            Map<String, String> fields = new LinkedHashMap<>(itemFields);
            fields.put("is_carousel_item", "true");
            fields.put("image_url", image.url());
            fields.put("alt_text", image.alt());
            Response created = graph.post(userId + "/" + edge, fields);
            String id = created.statusClass() == PlatformHttp.StatusClass.SUCCESS ? JsonRead.id(created.json(), "id") : null;
            if (id == null) {
                return new Result(null, created.statusClass() == PlatformHttp.StatusClass.SUCCESS
                        ? new Transient(graph.http().platform() + ": carousel item answer " + created.status() + " carried no id", null)
                        : graph.failure(created));
            }
            PublishOutcome notReady = graph.awaitContainer(id, statusField, wait.interval(), wait.maxWait());
            if (notReady != null) {
                return new Result(null, notReady);
            }
            ids.add(id);
        }
        return new Result(String.join(",", ids), null);
    }
}
