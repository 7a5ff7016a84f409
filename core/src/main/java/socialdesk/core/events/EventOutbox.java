package socialdesk.core.events;

import java.time.Instant;
import java.util.List;

/**
 * The events the table holds for the bus. A store that changes state writes the events reporting
 * the change onto the changed item in the same request ({@link Announcement}); the writer puts them
 * on the bus and then takes them off ({@link #announced}). A writer that dies or whose PutEvents
 * fails in between leaves them there, and {@link #overdue} finds them for a sweep.
 */
public interface EventOutbox {

    /**
     * Items holding events whose announce-after time is at or before {@code now}, oldest first, at
     * most {@code limit}, each taken for this caller for a while: a sweep overlapping this one does
     * not get them, and they come due again if this caller dies before {@link #announced}.
     */
    List<PendingEvents> overdue(Instant now, int limit);

    /** Takes events the bus has accepted off their item; anything else the item holds stays pending. */
    void announced(PendingEvents pending);
}
