package socialdesk.platforms.instagram;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import socialdesk.core.platform.InstagramCommentRules;
import socialdesk.core.post.Platform;
import socialdesk.core.reply.CommentResponder;
import socialdesk.platforms.PlatformHttp;
import socialdesk.platforms.meta.GraphClient;
import socialdesk.platforms.meta.GraphCommentReplies;

/**
 * Answers an IG comment with {@code POST /{ig-comment-id}/replies} and {@code message} (a reply to
 * a reply lands under its top-level comment, as Instagram threads them); hides and shows it with
 * {@code POST /{ig-comment-id}} and {@code hide=true|false}. Instagram answers no public link for a
 * reply.
 */
public final class InstagramReplies {
    private InstagramReplies() {
    }

    public static CommentResponder of(HttpClient client, InstagramAccount account, Clock clock, Duration requestTimeout) {
        Objects.requireNonNull(account, "account");
        GraphClient graph = new GraphClient(new PlatformHttp(Platform.INSTAGRAM.id(), client, requestTimeout, clock),
                account.versionedBase(), account.accessToken());
        return new GraphCommentReplies(Platform.INSTAGRAM, new InstagramCommentRules(), graph, "replies", "hide", id -> null);
    }
}
