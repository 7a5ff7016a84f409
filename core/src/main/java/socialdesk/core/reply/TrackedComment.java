package socialdesk.core.reply;

import java.time.Instant;
import java.util.Objects;
import socialdesk.core.engagement.StoredComment;

/**
 * A stored comment with what the desk's people did about it.
 *
 * @param state   NEW until a person acts
 * @param stateAt when the state last changed, or null while NEW
 * @param stateBy who changed it (the signed caller), or null
 * @param note    DISMISSED: the reason; ANSWERED: the reply's URL; otherwise null
 * @param hidden  true while hidden on the platform (a hidden comment may have been answered before)
 */
public record TrackedComment(StoredComment stored, CommentState state, Instant stateAt, String stateBy, String note,
                             boolean hidden) {
    public TrackedComment {
        Objects.requireNonNull(stored, "stored");
        Objects.requireNonNull(state, "state");
    }
}
