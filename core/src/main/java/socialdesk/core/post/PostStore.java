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

    /**
     * A person saw the post of an UNCERTAIN delivery on the platform: the delivery becomes PUBLISHED
     * (with the platform's id and URL when the person gave them), the decision is kept on it, and a
     * post with no other delivery left uncertain takes its final status. Answers the delivery as stored.
     *
     * @throws PostNotFoundException when there is no such post or the post has no delivery on that platform
     * @throws PostConflictException ({@link PostConflictException#NOT_UNCERTAIN}) when the delivery is not UNCERTAIN
     */
    Delivery confirmUncertain(String postId, Platform platform, String remoteId, String remoteUrl, String decision);

    /**
     * A person found the post of an UNCERTAIN delivery missing: the delivery becomes PENDING, due at
     * {@code now}, the decision is kept on it, and the post goes back on the due index. Answers the
     * delivery as stored.
     *
     * @throws PostNotFoundException when there is no such post or the post has no delivery on that platform
     * @throws PostConflictException ({@link PostConflictException#NOT_UNCERTAIN}) when the delivery is not UNCERTAIN
     */
    Delivery resendUncertain(String postId, Platform platform, Instant now, String decision);

    /**
     * One page of posts by due time, filtered by status, without a table scan.
     *
     * @throws InvalidCursorException when the query's cursor was not made by this store
     */
    PostPage list(PostQuery query);

    /**
     * Replaces the content, platforms and due time of a post that is still QUEUED and still at
     * {@code expectedVersion}, in one conditional write, moving it on the due index; answers the
     * post as stored (its version one higher). Pending deliveries follow the new platforms.
     *
     * @throws PostConflictException when publishing has started, the post was cancelled, or another
     *     change came first ({@link PostConflictException#VERSION_MISMATCH})
     * @throws PostNotFoundException when there is no such post
     */
    Post updateQueued(Post revised, long expectedVersion);

    /**
     * Cancels a QUEUED post (conditional write) and takes it off the due index; cancelling a post
     * already cancelled answers it unchanged.
     *
     * @throws PostConflictException once publishing has started
     * @throws PostNotFoundException when there is no such post
     */
    Post cancel(String postId);

    /**
     * Every QUEUED or PUBLISHING post due in {@code [from, to]}, earliest first: the instants at
     * which posting slots are taken.
     */
    default List<Post> scheduled(Instant from, Instant to) {
        List<Post> out = new java.util.ArrayList<>();
        String cursor = null;
        do {
            PostPage page = list(new PostQuery(java.util.Set.of(PostStatus.QUEUED, PostStatus.PUBLISHING), from, to, 100, cursor));
            out.addAll(page.posts());
            cursor = page.next();
        } while (cursor != null);
        return out;
    }

    /**
     * Evergreen posts that may go out again on {@code platform}, the least recently scheduled
     * first, at most {@code limit}.
     */
    List<EvergreenEntry> evergreen(Platform platform, int limit);

    /**
     * Queues {@code copy} (a repeat of {@code entry}'s original on its platform) and moves the
     * entry's last-scheduled time to the copy's due time, only if nobody else repeated the
     * original since {@code entry} was read; false when someone did (the copy is then not queued).
     */
    boolean requeueEvergreen(EvergreenEntry entry, Post copy);
}
