package socialdesk.platforms.facebook;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import socialdesk.core.platform.FacebookRules;
import socialdesk.core.post.Platform;
import socialdesk.core.reply.CommentResponder;
import socialdesk.platforms.PlatformHttp;
import socialdesk.platforms.meta.GraphClient;
import socialdesk.platforms.meta.GraphCommentReplies;

/**
 * Answers a Page comment as the Page: {@code POST /{comment-id}/comments} with {@code message};
 * hides and shows it with {@code POST /{comment-id}} and {@code is_hidden=true|false}.
 */
public final class FacebookReplies {
    private FacebookReplies() {
    }

    public static CommentResponder of(HttpClient client, FacebookAccount account, Clock clock, Duration requestTimeout) {
        Objects.requireNonNull(account, "account");
        GraphClient graph = new GraphClient(new PlatformHttp(Platform.FACEBOOK.id(), client, requestTimeout, clock),
                account.versionedBase(), account.pageAccessToken());
        return new GraphCommentReplies(Platform.FACEBOOK, new FacebookRules(), graph, "comments", "is_hidden",
                id -> "https://www.facebook.com/" + id);
    }
}
