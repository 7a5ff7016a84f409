package socialdesk.core.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutboxRelayTest {
    private static final Instant NOW = Instant.parse("2026-12-06T05:00:00Z");
    private static final DomainEvent PUBLISHED = DomainEvent.of("social.publishing", "PostPublished", "p1", Map.of("postId", "p1"));
    private static final DomainEvent FAILED = DomainEvent.of("social.publishing", "PostFailed", "p2", Map.of("postId", "p2"));

    /** The outbox as a map of item to events, each with the time after which a sweep takes it. */
    private static final class MapOutbox implements EventOutbox {
        final Map<String, List<DomainEvent>> items = new LinkedHashMap<>();
        final Map<String, Instant> after = new LinkedHashMap<>();

        PendingEvents write(String item, DomainEvent event, Instant announceAfter) {
            items.computeIfAbsent(item, k -> new ArrayList<>()).add(event);
            after.put(item, announceAfter);
            return new PendingEvents(item, List.of(event));
        }

        @Override
        public List<PendingEvents> overdue(Instant now, int limit) {
            return items.entrySet().stream().filter(e -> !after.get(e.getKey()).isAfter(now))
                    .map(e -> new PendingEvents(e.getKey(), e.getValue())).limit(limit).toList();
        }

        @Override
        public void announced(PendingEvents pending) {
            List<DomainEvent> held = items.get(pending.item());
            if (held != null) {
                held.removeAll(pending.events());
                if (held.isEmpty()) {
                    items.remove(pending.item());
                }
            }
        }
    }

    /** A bus that records what it accepts, or refuses everything while down. */
    private static final class Bus implements EventPublisher {
        final List<DomainEvent> accepted = new ArrayList<>();
        boolean down;

        @Override
        public void publish(List<DomainEvent> events) {
            if (down) {
                throw new IllegalStateException("PutEvents failed");
            }
            accepted.addAll(events);
        }
    }

    @Test
    void aWritersEventsGoOnTheBusAndOffTheirItems() {
        MapOutbox outbox = new MapOutbox();
        Bus bus = new Bus();
        OutboxRelay relay = new OutboxRelay(bus, outbox);

        int announced = relay.announce(List.of(outbox.write("post#p1", PUBLISHED, NOW), outbox.write("post#p2", FAILED, NOW)));

        assertEquals(2, announced);
        assertEquals(List.of(PUBLISHED, FAILED), bus.accepted);
        assertEquals(Map.of(), outbox.items);
        assertEquals(0, relay.sweep(NOW.plusSeconds(3600)), "nothing left for the sweep");
    }

    @Test
    void eventsABusFailureLeftAreSweptAfterTheWritersDeadlineOnceWithTheSameId() {
        MapOutbox outbox = new MapOutbox();
        Bus bus = new Bus();
        OutboxRelay relay = new OutboxRelay(bus, outbox);
        PendingEvents pending = outbox.write("post#p1", PUBLISHED, NOW.plusSeconds(60));
        bus.down = true;

        assertEquals(0, relay.announce(List.of(pending)), "the failure is logged, not thrown");
        bus.down = false;
        assertEquals(0, relay.sweep(NOW.plusSeconds(59)), "the writer may still be running");
        assertEquals(1, relay.sweep(NOW.plusSeconds(60)));
        assertEquals(0, relay.sweep(NOW.plusSeconds(120)));

        assertEquals(List.of(PUBLISHED), bus.accepted);
        assertEquals(PUBLISHED.id(), bus.accepted.getFirst().detail().get(DomainEvent.ID_FIELD));
    }

    @Test
    void aWriterThatDiesAfterTheBusAcceptedIsSweptOnceMoreWithTheSameIdTheWorstCase() {
        MapOutbox outbox = new MapOutbox();
        Bus bus = new Bus();
        PendingEvents pending = outbox.write("post#p1", PUBLISHED, NOW);
        EventOutbox cannotTakeOff = new EventOutbox() {
            @Override
            public List<PendingEvents> overdue(Instant now, int limit) {
                return outbox.overdue(now, limit);
            }

            @Override
            public void announced(PendingEvents p) {
                throw new IllegalStateException("the writer died before its take-off write");
            }
        };

        assertEquals(1, new OutboxRelay(bus, cannotTakeOff).announce(List.of(pending)));
        assertEquals(1, new OutboxRelay(bus, outbox).sweep(NOW));
        assertEquals(0, new OutboxRelay(bus, outbox).sweep(NOW));

        assertEquals(List.of(PUBLISHED, PUBLISHED), bus.accepted, "twice at most, the same event");
        assertEquals(1, bus.accepted.stream().map(DomainEvent::id).distinct().count());
    }

    @Test
    void aSweepThatCannotReadTheTableIsLoggedNotThrownSoTheCallerGoesOn() {
        EventOutbox down = new EventOutbox() {
            @Override
            public List<PendingEvents> overdue(Instant now, int limit) {
                throw new IllegalStateException("table unavailable");
            }

            @Override
            public void announced(PendingEvents pending) {
                throw new IllegalStateException("table unavailable");
            }
        };

        assertEquals(0, new OutboxRelay(new Bus(), down).sweep(NOW));
    }

    @Test
    void anEventsIdIsItsNaturalKeysAndTravelsFirstInTheDetail() {
        DomainEvent again = DomainEvent.of("social.publishing", "PostPublished", "p1", Map.of("postId", "p1", "status", "PUBLISHED"));

        assertEquals(PUBLISHED.id(), again.id());
        assertNotEquals(PUBLISHED.id(), FAILED.id());
        assertNotEquals(PUBLISHED.id(), DomainEvent.of("social.publishing", "PostFailed", "p1", Map.of()).id());
        assertEquals(DomainEvent.ID_FIELD, again.detail().keySet().iterator().next());
    }
}
