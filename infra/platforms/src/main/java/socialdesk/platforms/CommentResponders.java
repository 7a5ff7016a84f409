package socialdesk.platforms;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import socialdesk.core.platform.token.TokenRenewal;
import socialdesk.core.platform.token.TokenSource;
import socialdesk.core.post.Platform;
import socialdesk.core.reply.CommentResponder;
import socialdesk.platforms.bluesky.BlueskyAccount;
import socialdesk.platforms.bluesky.BlueskyReplies;
import socialdesk.platforms.facebook.FacebookAccount;
import socialdesk.platforms.facebook.FacebookReplies;
import socialdesk.platforms.instagram.InstagramAccount;
import socialdesk.platforms.instagram.InstagramReplies;
import socialdesk.platforms.linkedin.LinkedInAccount;
import socialdesk.platforms.linkedin.LinkedInReplies;
import socialdesk.platforms.mastodon.MastodonAccount;
import socialdesk.platforms.mastodon.MastodonReplies;
import socialdesk.platforms.meta.ContainerWait;
import socialdesk.platforms.threads.ThreadsAccount;
import socialdesk.platforms.threads.ThreadsReplies;
import socialdesk.platforms.x.XAccount;
import socialdesk.platforms.x.XReplies;

/**
 * Builds a platform's {@link CommentResponder} from the JSON of its credentials secret (the same
 * secret the publisher reads), and says which platforms cannot answer a comment at all and why.
 */
public final class CommentResponders {
    /**
     * The channels the desk only posts to: what they deliver is not a comment thread it can answer in.
     */
    private static final Map<Platform, String> CANNOT_REPLY = Map.of(
            Platform.DISCORD, "discord: the desk posts through a channel webhook, which can only post; it hears no "
                    + "comments there and has no thread to answer in",
            Platform.SLACK, "slack: the desk posts to a channel through an incoming webhook or chat.postMessage and "
                    + "collects no comments there, so there is no stored comment thread to answer",
            Platform.TELEGRAM, "telegram: the desk posts to a channel as a bot and collects no comments there "
                    + "(channel comments live in a linked discussion group the desk does not read)");

    private CommentResponders() {
    }

    /** Why the platform cannot answer a comment, or empty when it can. */
    public static Optional<String> cannotReply(Platform platform) {
        return Optional.ofNullable(CANNOT_REPLY.get(platform));
    }

    /**
     * The responder for a configured platform; empty for a platform that cannot answer comments
     * ({@link #cannotReply}). Tokens that expire are refreshed through {@code renewal} as the
     * publisher refreshes them (null: the stored token as it is).
     *
     * @param timeout     how long one platform request may take
     * @param threadsWait how long a Threads reply container may take to be ready
     * @throws IllegalArgumentException when the secret lacks a field the platform needs
     */
    public static Optional<CommentResponder> fromSecret(Platform platform, String secretJson, HttpClient http, Clock clock,
                                                        TokenRenewal renewal, String secretName, Duration timeout,
                                                        ContainerWait threadsWait) {
        return Optional.ofNullable(switch (platform) {
            case MASTODON -> new MastodonReplies(http, MastodonAccount.fromSecretJson(secretJson), clock, timeout);
            case BLUESKY -> new BlueskyReplies(http, BlueskyAccount.fromSecretJson(secretJson), clock, timeout);
            case FACEBOOK -> FacebookReplies.of(http, FacebookAccount.fromSecretJson(secretJson), clock, timeout);
            case INSTAGRAM -> InstagramReplies.of(http, InstagramAccount.fromSecretJson(secretJson), clock, timeout);
            case X -> {
                XAccount account = XAccount.fromSecretJson(secretJson);
                TokenSource tokens = renewal != null && Publishers.refreshable(platform, secretJson)
                        ? renewal.source(secretName, secretJson, new RefreshTokenGrant(platform.id(), http, clock,
                                account.tokenUri(), RefreshTokenGrant.ClientAuth.BASIC), TokenRenewal.SHORT_MARGIN)
                        : TokenSource.fixed(account.accessToken());
                yield new XReplies(http, account, clock, timeout, tokens);
            }
            case LINKEDIN -> {
                LinkedInAccount account = LinkedInAccount.fromSecretJson(secretJson);
                TokenSource tokens = renewal != null && Publishers.refreshable(platform, secretJson)
                        ? renewal.source(secretName, secretJson, new RefreshTokenGrant(platform.id(), http, clock,
                                Publishers.linkedInTokenUri(secretJson), RefreshTokenGrant.ClientAuth.FORM), TokenRenewal.LONG_MARGIN)
                        : TokenSource.fixed(account.accessToken());
                yield new LinkedInReplies(http, account, clock, timeout, tokens);
            }
            case THREADS -> {
                ThreadsAccount account = ThreadsAccount.fromSecretJson(secretJson);
                TokenSource tokens = renewal != null && Publishers.refreshable(platform, secretJson)
                        ? renewal.source(secretName, secretJson, new LongLivedTokenRefresh(platform.id(), http, clock,
                                account.apiUrl(), "th_refresh_token"), TokenRenewal.LONG_MARGIN)
                        : TokenSource.fixed(account.accessToken());
                yield new ThreadsReplies(http, account, clock, timeout, threadsWait, tokens);
            }
            case DISCORD, SLACK, TELEGRAM -> null;
        });
    }
}
