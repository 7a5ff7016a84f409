package socialdesk.core.engagement;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import socialdesk.core.engagement.EngagementEvent.CommentAdded;
import socialdesk.core.engagement.EngagementEvent.CommentEdited;
import socialdesk.core.engagement.EngagementEvent.CommentRemoved;
import socialdesk.core.engagement.EngagementEvent.ReactionAdded;
import socialdesk.core.engagement.EngagementEvent.ReactionRemoved;
import socialdesk.core.engagement.EngagementEvent.ShareRemoved;
import socialdesk.core.engagement.EngagementEvent.Shared;
import socialdesk.core.events.EventPublisher;
import socialdesk.core.log.JsonLog;
import socialdesk.core.metrics.DeskMetrics;
import socialdesk.core.metrics.Metric;
import socialdesk.core.post.Platform;

/**
 * Stores what a webhook delivery carries: comments (triaged), reactions, shares and the counters
 * they move, and tells the bus about flagged comments.
 *
 * <h2>Order of writes</h2>
 * There are no transactions (and dynalite has none), so each event is a short sequence of
 * single-item writes ordered so that a retry after a failure at any point converges and a
 * redelivery never counts twice:
 * <ol>
 *   <li>the dedupe record is only <em>read</em> first (a shortcut for plain redeliveries) and is
 *       written <em>last</em>, once everything is stored: a delivery that failed halfway is
 *       processed again in full when the platform retries;</li>
 *   <li>a comment is put once (conditional on its key being absent); only the call whose put
 *       created it publishes {@code CommentFlagged} and then {@code ADD}s 1 to the counter. If
 *       either fails, the comment is deleted again (compensation) and the error propagates, so the
 *       platform's retry does the whole step again. Concurrent deliveries of the same comment
 *       race on the put: exactly one wins;</li>
 *   <li>a reaction or share is a marker item with a state and the time of its last change; a
 *       conditional update flips it only when the change is not older than the one stored, and
 *       answers whether the number of active markers moved. Only a real flip moves the counter
 *       (a failed {@code ADD} flips the marker back);</li>
 *   <li>a removal marks the comment removed only if it is live (then the counter goes down by one);
 *       a removal of a comment never seen leaves a tombstone so its late creation does not count.</li>
 * </ol>
 * What is not covered: the process dying between a successful put and its {@code ADD} leaves the
 * counter one short (never over); the comment items remain the record and can be recounted.
 */
public final class EngagementIngestion {
    /** How long a delivery's dedupe record lives; platforms retry for hours to about a day. */
    public static final Duration DEDUPE_TTL = Duration.ofDays(3);

    private final EngagementStore store;
    private final CommentTriager triager;
    private final EventPublisher events;
    private final Clock clock;
    private final DeskMetrics metrics;

    public EngagementIngestion(EngagementStore store, CommentTriager triager, EventPublisher events, Clock clock) {
        this(store, triager, events, clock, DeskMetrics.NONE);
    }

    /** @param metrics where new comments are counted, and flagged ones, per category and severity */
    public EngagementIngestion(EngagementStore store, CommentTriager triager, EventPublisher events, Clock clock,
                               DeskMetrics metrics) {
        this.store = store;
        this.triager = triager;
        this.events = events;
        this.clock = clock;
        this.metrics = metrics;
    }

    private enum Outcome { STORED, UNCHANGED, FLAGGED }

    /** Stores every event; throws (after compensating) when the store or the bus fails. */
    public IngestReport ingest(List<EngagementEvent> delivery) {
        int stored = 0;
        int unchanged = 0;
        int duplicates = 0;
        int flagged = 0;
        int unmatched = 0;
        Map<String, String> owners = new HashMap<>();
        for (EngagementEvent event : delivery) {
            if (store.seen(event.platform(), event.eventId())) {
                duplicates++;
                continue;
            }
            String owner = owners.computeIfAbsent(event.platform().id() + "#" + event.remotePostId(), k -> owner(event));
            if (Owners.isUnmatched(owner)) {
                unmatched++;
            }
            Outcome outcome = apply(event, owner);
            switch (outcome) {
                case STORED -> stored++;
                case UNCHANGED -> unchanged++;
                case FLAGGED -> {
                    stored++;
                    flagged++;
                }
            }
            store.remember(event.platform(), event.eventId(), clock.instant().plus(DEDUPE_TTL));
        }
        return new IngestReport(stored, unchanged, duplicates, flagged, unmatched);
    }

    private String owner(EngagementEvent event) {
        if (event.remotePostId() == null || event.remotePostId().isBlank()) {
            return Owners.unmatched(event.platform());
        }
        return store.findPostId(event.platform(), event.remotePostId()).orElse(Owners.unmatched(event.platform()));
    }

    private Outcome apply(EngagementEvent event, String owner) {
        return switch (event) {
            case CommentAdded e -> addComment(owner, e.platform(), e.remotePostId(), e.comment());
            case CommentEdited e -> editComment(owner, e);
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

    private Outcome addComment(String owner, Platform platform, String remotePostId, Comment comment) {
        StoredComment stored = new StoredComment(owner, platform, remotePostId, comment, triage(comment), false);
        if (!store.putCommentOnce(stored)) {
            return Outcome.UNCHANGED;
        }
        try {
            boolean flagged = publishIfFlagged(stored);
            store.addCounters(owner, platform, Map.of(comment.kind().counter(), 1L));
            metrics.count(Metric.COMMENTS_STORED, category(stored.verdict()), stored.verdict().severity());
            return flagged ? Outcome.FLAGGED : Outcome.STORED;
        } catch (RuntimeException e) {
            compensate("delete comment", () -> store.deleteComment(owner, platform, comment.id()));
            throw e;
        }
    }

    private Outcome editComment(String owner, CommentEdited e) {
        StoredComment stored = new StoredComment(owner, e.platform(), e.remotePostId(), e.comment(), triage(e.comment()), false);
        return switch (store.reviseComment(stored)) {
            case MISSING -> addComment(owner, e.platform(), e.remotePostId(), e.comment());
            case UNCHANGED -> Outcome.UNCHANGED;
            case UPDATED -> publishIfFlagged(stored) ? Outcome.FLAGGED : Outcome.STORED;
            // Flagged before the edit: the person already has it, and the stored text is current.
            case UPDATED_WAS_FLAGGED -> Outcome.STORED;
        };
    }

    private Outcome removeComment(String owner, CommentRemoved e) {
        return switch (store.removeComment(owner, e.platform(), e.commentId(), e.kind(), e.at())) {
            case ALREADY_REMOVED -> Outcome.UNCHANGED;
            case TOMBSTONED -> Outcome.STORED;
            case REMOVED -> {
                try {
                    store.addCounters(owner, e.platform(), Map.of(e.kind().counter(), -1L));
                } catch (RuntimeException ex) {
                    compensate("restore comment", () -> store.restoreComment(owner, e.platform(), e.commentId()));
                    throw ex;
                }
                yield Outcome.STORED;
            }
        };
    }

    private Outcome marker(String owner, Platform platform, MarkerKind kind, String markerId, boolean active, EngagementEvent e) {
        int delta = store.setMarker(owner, platform, kind, markerId, active, e.at());
        if (delta == 0) {
            return Outcome.UNCHANGED;
        }
        try {
            store.addCounters(owner, platform, Map.of(kind.counter(), (long) delta));
        } catch (RuntimeException ex) {
            compensate("flip marker back", () -> store.setMarker(owner, platform, kind, markerId, !active, e.at()));
            throw ex;
        }
        return Outcome.STORED;
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

    private boolean publishIfFlagged(StoredComment stored) {
        if (!stored.verdict().flagged()) {
            return false;
        }
        events.publish(List.of(CommentFlaggedEvent.of(stored)));
        metrics.count(Metric.COMMENTS_FLAGGED, category(stored.verdict()), stored.verdict().severity());
        return true;
    }

    /** The verdict's category as a metric dimension value: concern, abuse, ... */
    private static String category(CommentVerdict verdict) {
        return verdict.category().toLowerCase(Locale.ROOT);
    }

    private static void compensate(String what, Runnable undo) {
        try {
            undo.run();
        } catch (RuntimeException e) {
            JsonLog.error("compensation failed", "step", what, "error", e.getClass().getSimpleName());
        }
    }
}
