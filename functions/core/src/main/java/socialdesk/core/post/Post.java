package socialdesk.core.post;

import java.time.Instant;
import java.util.List;

/** A queued or published post. {@code version} increases with every change of state. */
public record Post(
        String id,
        PostContent content,
        List<Platform> platforms,
        Instant dueAt,
        PostStatus status,
        long version,
        Instant createdAt) {
    public Post {
        platforms = List.copyOf(platforms);
    }
}
