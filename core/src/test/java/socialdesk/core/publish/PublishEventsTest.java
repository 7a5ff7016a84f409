package socialdesk.core.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import socialdesk.core.events.DomainEvent;
import socialdesk.core.post.Delivery;
import socialdesk.core.post.Platform;
import socialdesk.core.post.Post;
import socialdesk.core.post.PostContent;
import socialdesk.core.post.PostStatus;

class PublishEventsTest {
    private static final Post POST = new Post("p1", new PostContent("x".repeat(300), null),
            List.of(Platform.MASTODON, Platform.BLUESKY), Instant.parse("2026-11-26T09:00:00Z"),
            PostStatus.PUBLISHING, 3, Instant.parse("2026-11-25T09:00:00Z"));

    @Test
    void aPartlyPublishedPostYieldsBothEventsWithWhatAPersonNeeds() {
        List<Delivery> deliveries = List.of(
                Delivery.pending("p1", Platform.MASTODON).published("109", "https://m.example/@d/109"),
                Delivery.pending("p1", Platform.BLUESKY).failed("bluesky: text is 301 graphemes, the limit is 300", false));

        List<DomainEvent> events = PublishEvents.forFinalState(POST, PostStatus.PARTIALLY_PUBLISHED, deliveries);

        assertEquals(List.of("PostPublished", "PostFailed"), events.stream().map(DomainEvent::detailType).toList());
        DomainEvent failed = events.get(1);
        assertEquals("social.publishing", failed.source());
        assertEquals("p1", failed.detail().get("postId"));
        assertEquals("PARTIALLY_PUBLISHED", failed.detail().get("status"));
        assertEquals(List.of(Map.of("platform", "bluesky", "attempts", 0,
                "reason", "bluesky: text is 301 graphemes, the limit is 300")), failed.detail().get("failures"));
        assertEquals(141, ((String) failed.detail().get("excerpt")).length());
    }

    @Test
    void aFullyPublishedPostYieldsNoFailure() {
        List<Delivery> deliveries = List.of(Delivery.pending("p1", Platform.MASTODON).published("1", null));

        List<DomainEvent> events = PublishEvents.forFinalState(POST, PostStatus.PUBLISHED, deliveries);

        assertEquals(1, events.size());
        assertFalse(events.getFirst().detail().containsKey("failures"));
    }
}
