package socialdesk.collect;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import socialdesk.core.events.DomainEvent;
import socialdesk.core.events.EventPublisher;

/** Stands at the bus boundary in handler tests and keeps what would have gone on the bus. */
final class RecordingEvents implements EventPublisher {
    private final List<DomainEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void publish(List<DomainEvent> batch) {
        events.addAll(batch);
    }

    List<DomainEvent> ofType(String detailType) {
        return events.stream().filter(e -> e.detailType().equals(detailType)).toList();
    }

    List<DomainEvent> all() {
        return List.copyOf(events);
    }
}
