package socialdesk.core.reply;

import java.util.Optional;
import socialdesk.core.post.Platform;

/** The platforms' responders, as configured right now. */
public interface Responders {
    /** The responder of a configured platform; empty when no account is configured for it. */
    Optional<CommentResponder> find(Platform platform);

    /** Why the platform cannot take a reply to a comment at all (a post-only channel), or empty when it can. */
    Optional<String> cannotReply(Platform platform);
}
