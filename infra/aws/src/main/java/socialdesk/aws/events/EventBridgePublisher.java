package socialdesk.aws.events;

import java.util.ArrayList;
import java.util.List;
import socialdesk.core.events.DomainEvent;
import socialdesk.core.events.EventPublisher;
import socialdesk.core.json.Json;

/** Puts domain events on the project's bus, ten to a request (the PutEvents limit), retrying entries the bus refused once. */
public final class EventBridgePublisher implements EventPublisher {
    private static final int MAX_ENTRIES_PER_REQUEST = 10;

    private final EventBridge client;
    private final String busName;

    public EventBridgePublisher(EventBridge client, String busName) {
        this.client = client;
        this.busName = busName;
    }

    @Override
    public void publish(List<DomainEvent> events) {
        List<EventBridge.Entry> entries = events.stream().map(this::entry).toList();
        for (int from = 0; from < entries.size(); from += MAX_ENTRIES_PER_REQUEST) {
            List<EventBridge.Entry> batch = entries.subList(from, Math.min(entries.size(), from + MAX_ENTRIES_PER_REQUEST));
            List<EventBridge.Entry> refused = put(batch);
            if (!refused.isEmpty() && !put(refused).isEmpty()) {
                throw new IllegalStateException("the bus refused " + refused.size() + " events twice");
            }
        }
    }

    /** Sends one batch and answers the entries the bus did not accept. */
    private List<EventBridge.Entry> put(List<EventBridge.Entry> batch) {
        List<String> errors = client.putEvents(batch);
        List<EventBridge.Entry> refused = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            if (errors.get(i) != null) {
                refused.add(batch.get(i));
            }
        }
        return refused;
    }

    private EventBridge.Entry entry(DomainEvent event) {
        return new EventBridge.Entry(busName, event.source(), event.detailType(), Json.write(event.detail()));
    }
}
