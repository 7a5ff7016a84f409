package socialdesk.aws.events;

import java.util.ArrayList;
import java.util.List;
import socialdesk.core.events.DomainEvent;
import socialdesk.core.events.EventPublisher;
import socialdesk.core.json.Json;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/** Puts domain events on the project's bus, ten to a request (the PutEvents limit), retrying entries the bus refused once. */
public final class EventBridgePublisher implements EventPublisher {
    private static final int MAX_ENTRIES_PER_REQUEST = 10;

    private final EventBridgeClient client;
    private final String busName;

    public EventBridgePublisher(EventBridgeClient client, String busName) {
        this.client = client;
        this.busName = busName;
    }

    @Override
    public void publish(List<DomainEvent> events) {
        List<PutEventsRequestEntry> entries = events.stream().map(this::entry).toList();
        for (int from = 0; from < entries.size(); from += MAX_ENTRIES_PER_REQUEST) {
            List<PutEventsRequestEntry> batch = entries.subList(from, Math.min(entries.size(), from + MAX_ENTRIES_PER_REQUEST));
            List<PutEventsRequestEntry> refused = put(batch);
            if (!refused.isEmpty() && !put(refused).isEmpty()) {
                throw new IllegalStateException("the bus refused " + refused.size() + " events twice");
            }
        }
    }

    /** Sends one batch and answers the entries the bus did not accept. */
    private List<PutEventsRequestEntry> put(List<PutEventsRequestEntry> batch) {
        List<PutEventsResultEntry> results = client.putEvents(b -> b.entries(batch)).entries();
        List<PutEventsRequestEntry> refused = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            // Results come in the order of the entries; a refused one carries an error code instead of an event id.
            if (i >= results.size() || results.get(i).errorCode() != null) {
                refused.add(batch.get(i));
            }
        }
        return refused;
    }

    private PutEventsRequestEntry entry(DomainEvent event) {
        return PutEventsRequestEntry.builder()
                .eventBusName(busName)
                .source(event.source())
                .detailType(event.detailType())
                .detail(Json.write(event.detail()))
                .build();
    }
}
