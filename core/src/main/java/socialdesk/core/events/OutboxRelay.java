package socialdesk.core.events;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import socialdesk.core.log.JsonLog;

/**
 * Moves events from the table's outbox to the bus: at least once, never lost. A writer announces
 * what its own writes left pending; a scheduled sweep announces what a dead or failed writer left.
 * Events are taken off their items only after the bus accepted them, so a crash in between means
 * the sweep sends them again, with the same {@link DomainEvent#id()} for consumers to dedupe on.
 */
public final class OutboxRelay {
    /** Items one sweep takes at most: a minute's schedule clears any realistic backlog in a few runs. */
    public static final int SWEEP_LIMIT = 100;

    private final EventPublisher bus;
    private final EventOutbox outbox;

    public OutboxRelay(EventPublisher bus, EventOutbox outbox) {
        this.bus = bus;
        this.outbox = outbox;
    }

    /**
     * Puts the events on the bus, then takes them off their items. Never throws: what is not
     * announced stays pending and the sweep sends it. Answers how many events the bus accepted.
     */
    public int announce(List<PendingEvents> pending) {
        List<PendingEvents> nonEmpty = pending.stream().filter(p -> !p.events().isEmpty()).toList();
        if (nonEmpty.isEmpty()) {
            return 0;
        }
        List<DomainEvent> events = new ArrayList<>();
        nonEmpty.forEach(p -> events.addAll(p.events()));
        try {
            bus.publish(events);
        } catch (RuntimeException e) {
            JsonLog.error("could not put events on the bus; they stay in the outbox for the sweep",
                    "count", events.size(), "error", String.valueOf(e.getMessage()));
            return 0;
        }
        for (PendingEvents p : nonEmpty) {
            try {
                outbox.announced(p);
            } catch (RuntimeException e) {
                // The bus has them; the sweep sends them once more, with the same ids.
                JsonLog.warn("announced events could not be taken off their item", "events", p.events().size(),
                        "error", String.valueOf(e.getMessage()));
            }
        }
        return events.size();
    }

    /**
     * Announces what writers left pending past their deadline; answers how many events the bus
     * accepted. Never throws: a sweep that cannot read the table is logged and the next one retries,
     * so the caller's own work (publishing) goes on.
     */
    public int sweep(Instant now) {
        List<PendingEvents> overdue;
        try {
            overdue = outbox.overdue(now, SWEEP_LIMIT);
        } catch (RuntimeException e) {
            JsonLog.error("outbox sweep could not read the table; the next one retries", "error", String.valueOf(e.getMessage()));
            return 0;
        }
        if (overdue.isEmpty()) {
            return 0;
        }
        int announced = announce(overdue);
        JsonLog.info("outbox swept", "items", overdue.size(), "announced", announced);
        return announced;
    }
}
