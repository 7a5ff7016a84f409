package socialdesk.core.events;

import java.time.Duration;
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

    /**
     * The end of an invocation that has {@code remainingMillis} left at {@code now}: when a sweep may
     * take what it wrote. A day at most (a caller with no deadline, such as a test, passes a huge value).
     */
    public static Instant deadline(Instant now, long remainingMillis) {
        return now.plusMillis(Math.clamp(remainingMillis, 0, Duration.ofDays(1).toMillis()));
    }

    public boolean isEmpty() {
        return events.isEmpty();
    }
}
