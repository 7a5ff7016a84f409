package socialdesk.core.engagement;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import socialdesk.core.post.Platform;

/**
 * What a person does next about a flagged comment, spelled out for the notification: the command and
 * the posts API call. A comment triage wrote a calm reply for is answered with it (the command shows
 * it before sending); one it wrote none for (abuse, spam) is hidden, since the desk never answers those
 * and would refuse the reply.
 */
public final class AnswerHint {
    private AnswerHint() {
    }

    /**
     * {@code ./social reply <platform> '<commentId>' --accept} when there is a suggested reply, else
     * {@code ./social hide <platform> '<commentId>'}; the id quoted for a POSIX shell.
     */
    public static String command(Platform platform, String commentId, boolean suggestedReply) {
        String quoted = "'" + commentId.replace("'", "'\\''") + "'";
        return suggestedReply ? "./social reply " + platform.id() + " " + quoted + " --accept"
                : "./social hide " + platform.id() + " " + quoted;
    }

    /** {@code POST /comments/<platform>/<percent-encoded commentId>/reply}, or {@code /hide} when there is no suggested reply. */
    public static String api(Platform platform, String commentId, boolean suggestedReply) {
        return "POST /comments/" + platform.id() + "/" + URLEncoder.encode(commentId, StandardCharsets.UTF_8).replace("+", "%20")
                + (suggestedReply ? "/reply" : "/hide");
    }
}
