package socialdesk.core.events;

import java.util.List;

/**
 * Events stored on one item and not yet known to be on the bus.
 *
 * @param item   where they are stored, in the store's own terms (opaque outside it)
 * @param events what the item holds for the bus
 */
public record PendingEvents(String item, List<DomainEvent> events) {
    public PendingEvents {
        events = List.copyOf(events);
    }
}
