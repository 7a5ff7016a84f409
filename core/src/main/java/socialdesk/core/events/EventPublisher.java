package socialdesk.core.events;

import java.util.List;

/** Puts domain events on the bus. */
public interface EventPublisher {
    /** Publishes every event or throws; callers decide whether a lost event is worth failing for. */
    void publish(List<DomainEvent> events);
}
