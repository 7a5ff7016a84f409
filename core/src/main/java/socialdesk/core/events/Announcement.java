package socialdesk.core.events;

import java.time.Instant;
import java.util.List;

/**
 * Events a store writes onto an item in the same request as the state change they report (the
 * outbox), and the time after which a sweep may put them on the bus itself: the end of the writing
 * invocation, after which its writer has either announced them or is gone.
 */
public record Announcement(List<DomainEvent> events, Instant announceAfter) {
    public Announcement {
        events = List.copyOf(events);
    }

    public static Announcement of(DomainEvent event, Instant announceAfter) {
        return new Announcement(List.of(event), announceAfter);
    }

    public boolean isEmpty() {
        return events.isEmpty();
    }
}
