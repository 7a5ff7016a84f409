package socialdesk.core.webhook;

import java.util.List;
import socialdesk.core.engagement.EngagementEvent;

/**
 * The engagement events in one delivery.
 *
 * @param events  what to store, in delivery order
 * @param ignored entries of kinds the desk does not track (the page's own posts, direct messages, ...)
 * @param skipped entries of a tracked kind that lacked a required field; logged, not stored
 */
public record ParsedDelivery(List<EngagementEvent> events, int ignored, int skipped) {
    public ParsedDelivery {
        events = List.copyOf(events);
    }
}
