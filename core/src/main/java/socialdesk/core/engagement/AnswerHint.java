package socialdesk.core.engagement;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import socialdesk.core.post.Platform;

/**
 * How a person answers a flagged comment, spelled out for the notification: the command (with the
 * stored suggestion, which it shows before sending) and the posts API call.
 */
public final class AnswerHint {
    private AnswerHint() {
    }

    /** {@code ./social reply <platform> '<commentId>' --accept}, the id quoted for a POSIX shell. */
    public static String command(Platform platform, String commentId) {
        return "./social reply " + platform.id() + " '" + commentId.replace("'", "'\\''") + "' --accept";
    }

    /** {@code POST /comments/<platform>/<percent-encoded commentId>/reply}. */
    public static String api(Platform platform, String commentId) {
        return "POST /comments/" + platform.id() + "/" + URLEncoder.encode(commentId, StandardCharsets.UTF_8).replace("+", "%20") + "/reply";
    }
}
