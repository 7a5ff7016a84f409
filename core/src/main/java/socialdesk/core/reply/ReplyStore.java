package socialdesk.core.reply;

import java.time.Instant;
import java.util.Optional;
import socialdesk.core.post.Platform;

/**
 * Replies and comment states in the table. A reply is claimed with one conditional write, so of two
 * concurrent requests for the same comment exactly one sends.
 */
public interface ReplyStore {

    /** The comment with its state, found by platform and the platform's comment id alone. */
    Optional<TrackedComment> findComment(Platform platform, String commentId);

    Optional<Reply> findReply(String ownerId, Platform platform, String commentId);

    /**
     * Stores {@code reply} (status SENDING, with its lease) when no reply to the comment exists, or
     * replaces one that FAILED, or, when {@code takeOverExpiredLease}, one still SENDING whose lease
     * ended before {@code now}. True when this call holds the claim.
     */
    boolean claim(Reply reply, Instant now, boolean takeOverExpiredLease);

    /** The claimed reply is on the platform. */
    void markSent(Reply reply, String remoteId, String url, Instant at);

    /** The claimed reply's outcome is unknown and cannot be resent safely. */
    void markUncertain(Reply reply, String reason);

    /** The platform refused the claimed reply; the next request may try again. */
    void markFailed(Reply reply, String reason);

    /** Ends the claimed reply's lease now, still SENDING: the next request resends with the same key. */
    void release(Reply reply);

    /** Records the comment as ANSWERED by {@code sent}. */
    void answered(TrackedComment comment, Reply sent);

    /** Records the comment hidden or shown again. */
    void hidden(TrackedComment comment, boolean hidden, String by, Instant at);

    /** Records the comment DISMISSED with a reason. */
    void dismissed(TrackedComment comment, String reason, String by, Instant at);
}
