package socialdesk.core.engagement;

import java.util.List;

/** Reads what a post drew, item by item, for charts over time (the counters give totals only). */
public interface EngagementHistory {

    /**
     * The owner's live comments and active markers, at most {@code max} of them.
     *
     * @param truncated true when the owner holds more than {@code max} and some were left out
     */
    record Items(List<EngagementItem> items, boolean truncated) {
        public Items {
            items = List.copyOf(items);
        }
    }

    Items items(String ownerId, int max);
}
