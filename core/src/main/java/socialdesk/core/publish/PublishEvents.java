package socialdesk.core.publish;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import socialdesk.core.events.DomainEvent;
import socialdesk.core.post.Delivery;
import socialdesk.core.post.DeliveryStatus;
import socialdesk.core.post.Post;
import socialdesk.core.post.PostStatus;

/** The events the publisher puts on the bus when a post reaches a final state. */
public final class PublishEvents {
    public static final String SOURCE = "social.publishing";
    public static final String POST_PUBLISHED = "PostPublished";
    public static final String POST_FAILED = "PostFailed";
    public static final String POST_UNCERTAIN = "PostUncertain";
    private static final int EXCERPT_LENGTH = 140;

    private PublishEvents() {
    }

    /**
     * {@code PostPublished} when at least one platform holds the post, {@code PostFailed} when at
     * least one platform failed for good; a partly published post yields both.
     */
    public static List<DomainEvent> forFinalState(Post post, PostStatus status, List<Delivery> deliveries) {
        List<DomainEvent> events = new ArrayList<>(2);
        List<Map<String, Object>> published = new ArrayList<>();
        List<Map<String, Object>> failed = new ArrayList<>();
        for (Delivery d : deliveries) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("platform", d.platform().id());
            entry.put("attempts", d.attempts());
            if (d.status() == DeliveryStatus.PUBLISHED) {
                entry.put("remoteId", d.remoteId());
                if (d.remoteUrl() != null) {
                    entry.put("url", d.remoteUrl());
                }
                published.add(entry);
            } else if (d.status() == DeliveryStatus.FAILED) {
                entry.put("reason", d.lastError() == null ? "unknown" : d.lastError());
                failed.add(entry);
            }
        }
        if (!published.isEmpty()) {
            events.add(new DomainEvent(SOURCE, POST_PUBLISHED, detail(post, status, "deliveries", published)));
        }
        if (!failed.isEmpty()) {
            events.add(new DomainEvent(SOURCE, POST_FAILED, detail(post, status, "failures", failed)));
        }
        return events;
    }

    /**
     * {@code PostUncertain}: a send on {@code delivery}'s platform may or may not have gone out and the
     * platform cannot be asked; the detail says how a person confirms or resends it.
     */
    public static DomainEvent uncertain(Post post, Delivery delivery) {
        String platform = delivery.platform().id();
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("platform", platform);
        entry.put("attempts", delivery.attempts());
        entry.put("reason", delivery.lastError() == null ? "unknown" : delivery.lastError());
        Map<String, Object> detail = detail(post, PostStatus.UNCERTAIN, "uncertain", List.of(entry));
        if (delivery.inDoubtSince() != null) {
            detail.put("sentAt", delivery.inDoubtSince().toString());
        }
        detail.put("platform", platform);
        detail.put("action", "Look for the post on " + platform + ", then run `./social deliveries confirm " + post.id() + " "
                + platform + " [--url <url>]` if it is there, or `./social deliveries resend " + post.id() + " " + platform
                + "` if it is not (or POST /posts/" + post.id() + "/deliveries/" + platform + "/confirm|resend).");
        return new DomainEvent(SOURCE, POST_UNCERTAIN, detail);
    }

    private static Map<String, Object> detail(Post post, PostStatus status, String listName, List<Map<String, Object>> list) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("postId", post.id());
        detail.put("status", status.name());
        detail.put("dueAt", post.dueAt().toString());
        detail.put("excerpt", excerpt(post.content().text()));
        detail.put(listName, list);
        return detail;
    }

    private static String excerpt(String text) {
        if (text.length() <= EXCERPT_LENGTH) {
            return text;
        }
        int end = EXCERPT_LENGTH;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }
}
