package socialdesk.core.engagement;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import socialdesk.core.engagement.EngagementEvent.CommentAdded;
import socialdesk.core.engagement.EngagementEvent.CommentEdited;
import socialdesk.core.engagement.EngagementEvent.CommentRemoved;
import socialdesk.core.engagement.EngagementEvent.ReactionAdded;
import socialdesk.core.engagement.EngagementEvent.ReactionRemoved;
import socialdesk.core.engagement.EngagementEvent.ShareRemoved;
import socialdesk.core.engagement.EngagementEvent.Shared;
import socialdesk.core.events.Announcement;
import socialdesk.core.events.OutboxRelay;
import socialdesk.core.events.PendingEvents;
import socialdesk.core.log.JsonLog;
import socialdesk.core.metrics.DeskMetrics;
import socialdesk.core.metrics.Metric;
import socialdesk.core.post.Platform;

/**
 * Stores what a webhook delivery carries: comments (triaged), reactions and shares, and tells the
 * bus about flagged comments through the table's outbox.
 *
 * <h2>Writes</h2>
 * Each event is one conditional single-item write (two on rare paths), so a retry after a failure
 * at any point converges and a redelivery changes nothing: the writes are the dedupe.
 * <ol>
 *   <li>a comment is put once (conditional on its key being absent, tombstones included); a
 *       flagged one carries its {@code CommentFlagged} event in that same put. Concurrent
 *       deliveries of the same comment race on the put: exactly one wins;</li>
 *   <li>an edit replaces text and verdict when newer; one that makes a comment flagged for the
 *       first time carries its event in the same update;</li>
 *   <li>a reaction or share is a marker item with a state and the time of its last change,
 *       flipped only when the change is not older than the one stored;</li>
 *   <li>a removal marks the comment removed; a removal of a comment never seen leaves a tombstone
 *       so its late creation is not stored.</li>
 * </ol>
 * Counters are counted from these items when read, never added to, so no crash leaves them off.
 *
 * <h2>Events</h2>
 * After the delivery's writes, the events they stored are put on the bus and taken off their items
 * ({@link OutboxRelay}). If the invocation dies or PutEvents fails in between, the events stay on
 * the items, marked to be announced after the invocation's deadline, and the publisher's
 * scheduled sweep puts them on the bus: at least once, with a stable id.
 *
 * <p>DynamoDB requests for a new comment: the owner lookup (once per remote post per delivery),
 * the put, and for a flagged comment the outbox clear: three at most.
 */
public final class EngagementIngestion {
    private final EngagementStore store;
    private final CommentTriager triager;
    private final OutboxRelay relay;
    private final Clock clock;
    private final DeskMetrics metrics;

    public EngagementIngestion(EngagementStore store, CommentTriager triager, OutboxRelay relay, Clock clock) {
        this(store, triager, relay, clock, DeskMetrics.NONE);
    }

    /** @param metrics where new comments are counted, and flagged ones, per category and severity */
    public EngagementIngestion(EngagementStore store, CommentTriager triager, OutboxRelay relay, Clock clock,
                               DeskMetrics metrics) {
        this.store = store;
        this.triager = triager;
        this.relay = relay;
        this.clock = clock;
        this.metrics = metrics;
    }

    private enum Outcome { STORED, UNCHANGED, FLAGGED }

    /**
     * Stores every event, then announces the flagged comments; throws when the store fails (what was
     * stored before stays stored, and its events are announced now or by the sweep).
     *
     * @param remainingMillis how long the invocation may still run: its events are swept after that
     */
    public IngestReport ingest(List<EngagementEvent> delivery, long remainingMillis) {
        Instant announceAfter = Announcement.deadline(clock.instant(), remainingMillis);
        int stored = 0;
        int unchanged = 0;
        int flagged = 0;
        int unmatched = 0;
        Map<String, String> owners = new HashMap<>();
        List<PendingEvents> pending = new ArrayList<>();
        try {
            for (EngagementEvent event : delivery) {
                String owner = owners.computeIfAbsent(event.platform().id() + "#" + event.remotePostId(), k -> owner(event));
                if (Owners.isUnmatched(owner)) {
                    unmatched++;
                }
                switch (apply(event, owner, announceAfter, pending)) {
                    case STORED -> stored++;
                    case UNCHANGED -> unchanged++;
                    case FLAGGED -> {
                        stored++;
                        flagged++;
                    }
                }
            }
        } finally {
            relay.announce(pending);
        }
        return new IngestReport(stored, unchanged, flagged, unmatched);
    }

    private String owner(EngagementEvent event) {
        if (event.remotePostId() == null || event.remotePostId().isBlank()) {
            return Owners.unmatched(event.platform());
        }
        return store.findPostId(event.platform(), event.remotePostId()).orElse(Owners.unmatched(event.platform()));
    }

    private Outcome apply(EngagementEvent event, String owner, Instant announceAfter, List<PendingEvents> pending) {
        return switch (event) {
            case CommentAdded e -> addComment(owner, e.platform(), e.remotePostId(), e.comment(), announceAfter, pending);
            case CommentEdited e -> editComment(owner, e, announceAfter, pending);
            case CommentRemoved e -> removeComment(owner, e);
            case ReactionAdded e -> marker(owner, e.platform(), MarkerKind.REACTION, reactionId(e.targetId(), e.actor()), true, e);
            case ReactionRemoved e -> marker(owner, e.platform(), MarkerKind.REACTION, reactionId(e.targetId(), e.actor()), false, e);
            case Shared e -> marker(owner, e.platform(), MarkerKind.SHARE, e.shareId(), true, e);
            case ShareRemoved e -> marker(owner, e.platform(), MarkerKind.SHARE, e.shareId(), false, e);
        };
    }

    private static String reactionId(String targetId, Author actor) {
        return targetId + "#" + actor.id();
    }

    private Outcome addComment(String owner, Platform platform, String remotePostId, Comment comment,
                               Instant announceAfter, List<PendingEvents> pending) {
        StoredComment stored = new StoredComment(owner, platform, remotePostId, comment, triage(comment), false);
        Optional<PendingEvents> created = store.putCommentOnce(stored, announcement(stored, announceAfter));
        if (created.isEmpty()) {
            return Outcome.UNCHANGED;
        }
        pending.add(created.get());
        metrics.count(Metric.COMMENTS_STORED, category(stored.verdict()), stored.verdict().severity());
        return countFlagged(stored) ? Outcome.FLAGGED : Outcome.STORED;
    }

    private Outcome editComment(String owner, CommentEdited e, Instant announceAfter, List<PendingEvents> pending) {
        StoredComment stored = new StoredComment(owner, e.platform(), e.remotePostId(), e.comment(), triage(e.comment()), false);
        EngagementStore.Revised revised = store.reviseComment(stored, announcement(stored, announceAfter));
        return switch (revised.revision()) {
            case MISSING -> addComment(owner, e.platform(), e.remotePostId(), e.comment(), announceAfter, pending);
            case UNCHANGED -> Outcome.UNCHANGED;
            case UPDATED -> {
                pending.add(revised.pending());
                yield countFlagged(stored) ? Outcome.FLAGGED : Outcome.STORED;
            }
            // Flagged before the edit: the person already has it, and the stored text is current.
            case UPDATED_WAS_FLAGGED -> Outcome.STORED;
        };
    }

    private Outcome removeComment(String owner, CommentRemoved e) {
        return switch (store.removeComment(owner, e.platform(), e.commentId(), e.kind(), e.at())) {
            case ALREADY_REMOVED -> Outcome.UNCHANGED;
            case TOMBSTONED, REMOVED -> Outcome.STORED;
        };
    }

    private Outcome marker(String owner, Platform platform, MarkerKind kind, String markerId, boolean active, EngagementEvent e) {
        return store.setMarker(owner, platform, kind, markerId, active, e.at()) == 0 ? Outcome.UNCHANGED : Outcome.STORED;
    }

    /** A flagged comment's event, to be written with the comment; nothing for the rest. */
    private static Announcement announcement(StoredComment stored, Instant announceAfter) {
        return stored.verdict().flagged()
                ? Announcement.of(CommentFlaggedEvent.of(stored), announceAfter)
                : new Announcement(List.of(), announceAfter);
    }

    private CommentVerdict triage(Comment comment) {
        if (comment.text() == null || comment.text().isBlank()) {
            return CommentVerdict.UNTRIAGED;
        }
        try {
            CommentVerdict verdict = triager.triage(comment.text(), null);
            return verdict == null ? CommentVerdict.UNTRIAGED : verdict;
        } catch (RuntimeException e) {
            // A triage bug must not lose the comment: it is stored untriaged and the failure logged.
            JsonLog.error("triage failed; comment stored untriaged", "commentId", comment.id(),
                    "error", e.getClass().getSimpleName());
            return CommentVerdict.UNTRIAGED;
        }
    }

    private boolean countFlagged(StoredComment stored) {
        if (!stored.verdict().flagged()) {
            return false;
        }
        metrics.count(Metric.COMMENTS_FLAGGED, category(stored.verdict()), stored.verdict().severity());
        return true;
    }

    /** The verdict's category as a metric dimension value: concern, abuse, ... */
    private static String category(CommentVerdict verdict) {
        return verdict.category().toLowerCase(Locale.ROOT);
    }
}
