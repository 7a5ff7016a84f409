package socialdesk.core.engagement.polling;

import java.util.Objects;

/**
 * Where polling one platform account stands: what has been read and ingested, and how to go on.
 *
 * @param position a string that sorts (as DynamoDB compares strings) in the order progress is made;
 *                 a write only replaces a smaller position, so two overlapping runs cannot move the
 *                 cursor backwards
 * @param state    the platform's own cursor (an id, a page token, a high-water mark), opaque here
 */
public record PollCursor(String position, String state) {
    public PollCursor {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(state, "state");
        if (position.isEmpty()) {
            throw new IllegalArgumentException("position must not be empty");
        }
    }

    /** True when this cursor is further along than {@code other} (or {@code other} is null). */
    public boolean isAfter(PollCursor other) {
        return other == null || position.compareTo(other.position) > 0;
    }
}
