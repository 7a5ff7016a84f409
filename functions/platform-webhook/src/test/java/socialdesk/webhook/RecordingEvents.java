package socialdesk.webhook;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import socialdesk.core.events.DomainEvent;
import socialdesk.core.events.EventPublisher;

/** Stands at the bus boundary in handler tests and keeps what would have gone on the bus; refuses all while down. */
final class RecordingEvents implements EventPublisher {
    private final List<DomainEvent> events = new CopyOnWriteArrayList<>();
    private volatile boolean down;

    @Override
    public void publish(List<DomainEvent> batch) {
        if (down) {
            throw new IllegalStateException("PutEvents failed");
        }
        events.addAll(batch);
    }

    /** From now on every PutEvents fails (true) or succeeds (false). */
    void down(boolean failing) {
        down = failing;
    }

    List<DomainEvent> ofType(String detailType) {
        return events.stream().filter(e -> e.detailType().equals(detailType)).toList();
    }

    List<DomainEvent> all() {
        return List.copyOf(events);
    }
}
