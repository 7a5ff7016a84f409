package socialdesk.core.engagement;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import socialdesk.core.post.Platform;

/**
 * Where engagement lives. Every write is a single-item conditional write or an atomic {@code ADD},
 * so the ingestion can be retried after a failure at any point and concurrent deliveries of the same
 * event store it once (see {@link EngagementIngestion} for the order of writes).
 */
public interface EngagementStore {

    // ---------------------------------------------------------------- delivery dedupe

    /** True when this event was fully stored before (a shortcut: every write below is idempotent anyway). */
    boolean seen(Platform platform, String eventId);

    /** Records that the event was fully stored; the record expires (TTL) at {@code expiresAt}. */
    void remember(Platform platform, String eventId, Instant expiresAt);

    // ---------------------------------------------------------------- remote index

    /** Our post id for a platform's post id, from the remote index the publisher writes. */
    Optional<String> findPostId(Platform platform, String remotePostId);

    // ---------------------------------------------------------------- comments

    /** Puts the comment if no item exists for it yet (not even a tombstone); true when this call created it. */
    boolean putCommentOnce(StoredComment comment);

    /** Deletes a comment this invocation created, when a later step failed (compensation, best effort). */
    void deleteComment(String ownerId, Platform platform, String commentId);

    enum Revision {
        /** The text changed; the stored verdict was not flagged. */
        UPDATED,
        /** The text changed; the stored verdict was flagged already (a person has it). */
        UPDATED_WAS_FLAGGED,
        /** Same text, an older edit, or a removed comment: nothing written. */
        UNCHANGED,
        /** No such comment (the edit arrived before, or instead of, its creation). */
        MISSING
    }

    /**
     * Replaces text, time and verdict of an existing, not removed comment when the text differs and
     * the edit is not older than what is stored.
     */
    Revision reviseComment(StoredComment comment);

    enum Removal { REMOVED, ALREADY_REMOVED, TOMBSTONED }

    /**
     * Marks a comment removed. {@link Removal#REMOVED} when this call removed a live comment (the
     * counter goes down); when the comment was never seen, a tombstone is stored so that a late
     * delivery of its creation does not count it ({@link Removal#TOMBSTONED}).
     */
    Removal removeComment(String ownerId, Platform platform, String commentId, CommentKind kind, Instant at);

    /** Undoes {@link #removeComment} that answered REMOVED, when a later step failed (best effort). */
    void restoreComment(String ownerId, Platform platform, String commentId);

    Optional<StoredComment> findComment(String ownerId, Platform platform, String commentId);

    // ---------------------------------------------------------------- reactions and shares

    /**
     * Sets a marker on or off unless a newer change is already recorded, and answers how the number
     * of active markers changed: +1, -1 or 0 (already in that state, or older than what is stored).
     */
    int setMarker(String ownerId, Platform platform, MarkerKind kind, String markerId, boolean active, Instant at);

    // ---------------------------------------------------------------- counters

    /** Adds (or with negative values subtracts) to the owner's counters for the platform, atomically. */
    void addCounters(String ownerId, Platform platform, Map<Counter, Long> deltas);

    /** The owner's counters for the platform; counters never touched read as zero. */
    Map<Counter, Long> counters(String ownerId, Platform platform);
}
