package socialdesk.core.engagement;

import java.util.Objects;
import socialdesk.core.post.Platform;

/**
 * A comment as kept under its owner: what the platform said plus the triage verdict.
 *
 * @param ownerId      our post id, or the unmatched owner (see {@link Owners})
 * @param platform     where it was written
 * @param remotePostId the platform's id of the post it is under, or null
 * @param comment      what the platform delivered
 * @param verdict      the triage result ({@link CommentVerdict#UNTRIAGED} for text-less mentions)
 * @param removed      true when it was deleted on the platform (a tombstone, kept for the record)
 */
public record StoredComment(String ownerId, Platform platform, String remotePostId, Comment comment,
                            CommentVerdict verdict, boolean removed) {
    public StoredComment {
        Objects.requireNonNull(ownerId, "ownerId");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(comment, "comment");
        Objects.requireNonNull(verdict, "verdict");
    }
}
