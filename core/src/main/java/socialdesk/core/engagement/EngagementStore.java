package socialdesk.core.engagement;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import socialdesk.core.events.Announcement;
import socialdesk.core.events.PendingEvents;
import socialdesk.core.post.Platform;

/**
 * Where engagement lives. Every write is a single-item conditional write, so the ingestion can be
 * retried after a failure at any point and concurrent deliveries of the same event store it once:
 * the writes themselves are the dedupe. Counters are not written: they are counted from the
 * comments and markers when read, so nothing can leave them off by one.
 */
public interface EngagementStore {

    // ---------------------------------------------------------------- remote index

    /** Our post id for a platform's post id, from the remote index the publisher writes. */
    Optional<String> findPostId(Platform platform, String remotePostId);

    // ---------------------------------------------------------------- comments

    /**
     * Puts the comment, and the announcement with it in the same write, if no item exists for it
     * yet (not even a tombstone). Present when this call created it: the events now pending on it.
     */
    Optional<PendingEvents> putCommentOnce(StoredComment comment, Announcement announcement);

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

    /** What a revision did, and the events it left pending (none unless it is UPDATED with an announcement). */
    record Revised(Revision revision, PendingEvents pending) {
    }

    /**
     * Replaces text, time and verdict of an existing, not removed comment when the text differs and
     * the edit is not older than what is stored. The announcement is written with it only when the
     * stored verdict was not flagged yet (a person is told of a comment once).
     */
    Revised reviseComment(StoredComment comment, Announcement announcement);

    enum Removal { REMOVED, ALREADY_REMOVED, TOMBSTONED }

    /**
     * Marks a comment removed. {@link Removal#REMOVED} when this call removed a live comment;
     * when the comment was never seen, a tombstone is stored so that a late delivery of its
     * creation does not store it ({@link Removal#TOMBSTONED}).
     */
    Removal removeComment(String ownerId, Platform platform, String commentId, CommentKind kind, Instant at);

    Optional<StoredComment> findComment(String ownerId, Platform platform, String commentId);

    // ---------------------------------------------------------------- reactions and shares

    /**
     * Sets a marker on or off unless a newer change is already recorded, and answers how the number
     * of active markers changed: +1, -1 or 0 (already in that state, or older than what is stored).
     */
    int setMarker(String ownerId, Platform platform, MarkerKind kind, String markerId, boolean active, Instant at);

    // ---------------------------------------------------------------- counters

    /** The owner's counters for the platform, counted from its live comments and active markers. */
    Map<Counter, Long> counters(String ownerId, Platform platform);
}
