package socialdesk.core.reply;

import java.util.Objects;

/**
 * One comment to hide or show again.
 *
 * @param commentId    the platform's id of the comment
 * @param remotePostId the platform's id of the post it is under, or null when unknown
 */
public record HideRequest(String commentId, String remotePostId) {
    public HideRequest {
        Objects.requireNonNull(commentId, "commentId");
    }
}
