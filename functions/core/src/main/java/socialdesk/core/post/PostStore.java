package socialdesk.core.post;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The post queue. Implemented over DynamoDB in infra/aws. */
public interface PostStore {

    /** Stores a new QUEUED post with a pending delivery per platform; false when the id is taken. */
    boolean create(Post post);

    Optional<Post> find(String postId);

    List<Delivery> deliveries(String postId);

    /**
     * Ids of posts that need attention at or before {@code now} (queued and due, waiting for a
     * retry that is due, or held under an expired lease), earliest first, at most {@code limit}.
     * One index query; the answer may be slightly stale, so callers claim before acting.
     */
    List<String> findDue(Instant now, int limit);

    /**
     * Claims the post for {@code owner} until {@code leaseUntil} if it still needs attention at
     * {@code now}; empty when another run holds it or it no longer needs work.
     */
    Optional<Claim> claim(String postId, Instant now, Instant leaseUntil, String owner);

    /**
     * Records one platform's delivery, and where it is published the remote index that maps the
     * platform's id back to the post. A delivery already published is never overwritten.
     */
    void recordDelivery(Delivery delivery);

    /**
     * Ends a claim. A final status takes the post off the due index; otherwise the post stays
     * PUBLISHING and becomes due again at {@code nextAttemptAt}.
     *
     * @throws LeaseLostException when another run holds the post now
     */
    void release(Claim claim, PostStatus status, Instant nextAttemptAt);
}
