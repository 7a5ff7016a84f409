package socialdesk.core.post;

import java.time.Instant;
import java.util.List;

/**
 * A queued or published post. {@code version} increases with every change of state.
 *
 * <p>{@code evergreen} marks a post worth posting again when the queue runs short;
 * {@code evergreenOf} names the original of a post that is such a repeat (null otherwise);
 * {@code requestHash} fingerprints the create request that made the post, so a client retrying with
 * the same client token is told apart from one reusing the token for something else (null when the
 * post was made without a token).
 */
public record Post(
        String id,
        PostContent content,
        List<Platform> platforms,
        Instant dueAt,
        PostStatus status,
        long version,
        Instant createdAt,
        boolean evergreen,
        String evergreenOf,
        String requestHash) {
    public Post {
        platforms = List.copyOf(platforms);
    }

    /** A plain post: not evergreen, not a repeat, made without a client token. */
    public Post(String id, PostContent content, List<Platform> platforms, Instant dueAt, PostStatus status,
            long version, Instant createdAt) {
        this(id, content, platforms, dueAt, status, version, createdAt, false, null, null);
    }

    /** The same post with another content, platforms and due time (an edit while queued). */
    public Post revised(PostContent newContent, List<Platform> newPlatforms, Instant newDueAt) {
        return new Post(id, newContent, newPlatforms, newDueAt, status, version, createdAt, evergreen, evergreenOf, requestHash);
    }
}
