package socialdesk.core.post;

import java.time.Instant;
import java.util.Set;

/**
 * A page of the post listing: posts due in {@code [from, to]}, earliest first, with one of the
 * given statuses (all statuses when empty), at most {@code limit}, continuing after {@code cursor}
 * (null for the first page).
 */
public record PostQuery(Set<PostStatus> statuses, Instant from, Instant to, int limit, String cursor) {
    public PostQuery {
        statuses = Set.copyOf(statuses);
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("to is before from");
        }
    }
}
