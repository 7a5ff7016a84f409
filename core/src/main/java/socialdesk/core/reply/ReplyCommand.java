package socialdesk.core.reply;

import java.util.Objects;
import socialdesk.core.post.Platform;

/**
 * A person's request to answer a comment.
 *
 * @param text             the text they wrote, or null with {@code acceptSuggestion}
 * @param acceptSuggestion send the calm reply triage suggested for the comment
 * @param approvedBy       who asked (the signed caller's ARN, or the local user)
 * @param confirmLashOut   send even when the text reads as abuse (logged)
 */
public record ReplyCommand(Platform platform, String commentId, String text, boolean acceptSuggestion,
                           String approvedBy, boolean confirmLashOut) {
    public ReplyCommand {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(commentId, "commentId");
        approvedBy = approvedBy == null || approvedBy.isBlank() ? "unknown" : approvedBy;
    }
}
