package socialdesk.core.engagement;

import java.time.Instant;
import java.util.Objects;
import socialdesk.core.post.Platform;

/**
 * One thing that happened to one of our posts (or to our account), parsed from a platform's
 * webhook delivery. {@link #remotePostId()} is the platform's id of the post it concerns, as the
 * publisher recorded it in the remote index; null when it concerns no post (a bare mention).
 * {@link #eventId()} is unique per platform and stable across redeliveries: it keys the dedupe item.
 */
public sealed interface EngagementEvent {
    Platform platform();

    String remotePostId();

    String eventId();

    Instant at();

    /** A new comment, reply or mention. */
    record CommentAdded(Platform platform, String remotePostId, String eventId, Comment comment) implements EngagementEvent {
        public CommentAdded {
            requireIds(platform, eventId);
            Objects.requireNonNull(comment, "comment");
        }

        @Override
        public Instant at() {
            return comment.at();
        }
    }

    /** A comment's text changed. */
    record CommentEdited(Platform platform, String remotePostId, String eventId, Comment comment) implements EngagementEvent {
        public CommentEdited {
            requireIds(platform, eventId);
            Objects.requireNonNull(comment, "comment");
        }

        @Override
        public Instant at() {
            return comment.at();
        }
    }

    /** A comment was deleted or hidden by its author or the platform. */
    record CommentRemoved(Platform platform, String remotePostId, String eventId, String commentId, CommentKind kind,
                          Instant at) implements EngagementEvent {
        public CommentRemoved {
            requireIds(platform, eventId);
            Objects.requireNonNull(commentId, "commentId");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * Someone reacted (like, love, favourite, ...) to our post or to a comment under it. One person
     * holds at most one reaction per target: changing its type is not a new reaction.
     */
    record ReactionAdded(Platform platform, String remotePostId, String eventId, String targetId, Author actor,
                         String reaction, Instant at) implements EngagementEvent {
        public ReactionAdded {
            requireIds(platform, eventId);
            Objects.requireNonNull(targetId, "targetId");
            Objects.requireNonNull(actor, "actor");
            Objects.requireNonNull(actor.id(), "actor.id");
            Objects.requireNonNull(at, "at");
        }
    }

    /** Someone took their reaction back. */
    record ReactionRemoved(Platform platform, String remotePostId, String eventId, String targetId, Author actor,
                           Instant at) implements EngagementEvent {
        public ReactionRemoved {
            requireIds(platform, eventId);
            Objects.requireNonNull(targetId, "targetId");
            Objects.requireNonNull(actor, "actor");
            Objects.requireNonNull(actor.id(), "actor.id");
            Objects.requireNonNull(at, "at");
        }
    }

    /** Our post was shared (reshared, retweeted, reposted). */
    record Shared(Platform platform, String remotePostId, String eventId, String shareId, Author actor, Instant at)
            implements EngagementEvent {
        public Shared {
            requireIds(platform, eventId);
            Objects.requireNonNull(shareId, "shareId");
            Objects.requireNonNull(at, "at");
            actor = actor == null ? Author.UNKNOWN : actor;
        }
    }

    /** A share of our post was deleted. */
    record ShareRemoved(Platform platform, String remotePostId, String eventId, String shareId, Instant at)
            implements EngagementEvent {
        public ShareRemoved {
            requireIds(platform, eventId);
            Objects.requireNonNull(shareId, "shareId");
            Objects.requireNonNull(at, "at");
        }
    }

    private static void requireIds(Platform platform, String eventId) {
        Objects.requireNonNull(platform, "platform");
        if (eventId == null || eventId.isBlank()) {
            throw new IllegalArgumentException("eventId is required");
        }
    }
}
