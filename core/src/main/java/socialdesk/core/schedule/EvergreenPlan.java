package socialdesk.core.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import socialdesk.core.post.EvergreenEntry;

/**
 * Chooses which evergreen posts to repeat in which free slots of one platform, so repeats fill a
 * short queue without ever coming in a burst:
 *
 * <ul>
 *   <li>a post is repeated no sooner than the cadence's {@code evergreenMinGapDays} after its
 *       latest post was due;</li>
 *   <li>the least recently posted go first (candidates arrive in that order);</li>
 *   <li>at most one evergreen post a local day (in the cadence's time zone) on the platform,
 *       counting the repeats already queued;</li>
 *   <li>never two evergreen posts in consecutive slots: no evergreen post may be due between the
 *       slot before and the slot after the chosen slot (the repeats already queued included);</li>
 *   <li>each post at most once per run; slots are filled earliest first.</li>
 * </ul>
 */
public final class EvergreenPlan {
    /** One repeat to queue: {@code entry}'s original, again, at {@code slot}. */
    public record Repeat(EvergreenEntry entry, Instant slot) {
    }

    private EvergreenPlan() {
    }

    /**
     * @param freeSlots    the platform's free slots to consider, any order
     * @param evergreenDue the due instants of evergreen repeats already queued on the platform
     * @param candidates   eligible entries (their latest post went out), least recently posted first
     */
    public static List<Repeat> plan(Cadence cadence, Collection<Instant> freeSlots, Collection<Instant> evergreenDue,
            List<EvergreenEntry> candidates) {
        TreeSet<Instant> evergreen = new TreeSet<>(evergreenDue);
        Set<LocalDate> daysWithEvergreen = new HashSet<>();
        evergreen.forEach(t -> daysWithEvergreen.add(t.atZone(cadence.zone()).toLocalDate()));
        List<EvergreenEntry> left = new ArrayList<>(candidates);
        Duration gap = Duration.ofDays(cadence.evergreenMinGapDays());
        List<Repeat> repeats = new ArrayList<>();
        for (Instant slot : new TreeSet<>(freeSlots)) {
            if (left.isEmpty()) {
                break;
            }
            LocalDate day = slot.atZone(cadence.zone()).toLocalDate();
            if (daysWithEvergreen.contains(day) || nextToAnother(cadence, slot, evergreen)) {
                continue;
            }
            EvergreenEntry chosen = left.stream().filter(e -> !e.lastAt().plus(gap).isAfter(slot)).findFirst().orElse(null);
            if (chosen == null) {
                continue;
            }
            left.remove(chosen);
            repeats.add(new Repeat(chosen, slot));
            evergreen.add(slot);
            daysWithEvergreen.add(day);
        }
        return repeats;
    }

    /** Whether an evergreen post is due strictly between the slot before {@code slot} and the slot after it (other than at {@code slot}). */
    static boolean nextToAnother(Cadence cadence, Instant slot, TreeSet<Instant> evergreen) {
        Instant before = cadence.slotBefore(slot);
        Instant after = cadence.slotAfter(slot);
        Instant low = before == null ? slot.minus(Duration.ofDays(14)) : before;
        Instant high = after == null ? slot.plus(Duration.ofDays(14)) : after;
        return evergreen.subSet(low, true, high, true).stream().anyMatch(t -> !t.equals(slot));
    }
}
