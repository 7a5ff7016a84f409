package socialdesk.platforms;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import socialdesk.core.json.JsonRead;
import socialdesk.core.platform.token.TokenRenewal;
import socialdesk.core.platform.token.TokenSource;
import socialdesk.core.post.Platform;
import socialdesk.core.publish.PlatformPublisher;
import socialdesk.platforms.bluesky.BlueskyAccount;
import socialdesk.platforms.bluesky.BlueskyPublisher;
import socialdesk.platforms.discord.DiscordAccount;
import socialdesk.platforms.discord.DiscordPublisher;
import socialdesk.platforms.facebook.FacebookAccount;
import socialdesk.platforms.facebook.FacebookPublisher;
import socialdesk.platforms.instagram.InstagramAccount;
import socialdesk.platforms.instagram.InstagramPublisher;
import socialdesk.platforms.linkedin.LinkedInAccount;
import socialdesk.platforms.linkedin.LinkedInPublisher;
import socialdesk.platforms.mastodon.MastodonAccount;
import socialdesk.platforms.mastodon.MastodonPublisher;
import socialdesk.platforms.meta.ContainerWait;
import socialdesk.platforms.slack.SlackAccount;
import socialdesk.platforms.slack.SlackPublisher;
import socialdesk.platforms.telegram.TelegramAccount;
import socialdesk.platforms.telegram.TelegramPublisher;
import socialdesk.platforms.threads.ThreadsAccount;
import socialdesk.platforms.threads.ThreadsPublisher;
import socialdesk.platforms.x.XAccount;
import socialdesk.platforms.x.XPublisher;

/** Builds a platform's publisher from the JSON of its credentials secret. */
public final class Publishers {
    private Publishers() {
    }

    /**
     * @throws IllegalArgumentException when the secret lacks a field the platform needs (the
     *                                  message names the field, never a value)
     */
    public static PlatformPublisher fromSecret(Platform platform, String secretJson, HttpClient http, Clock clock) {
        return fromSecret(platform, secretJson, http, clock, null, null);
    }

    /**
     * As above; an account whose secret holds a {@code refreshToken} (X, LinkedIn) or an
     * {@code expiresAt} on a long-lived Meta token (Threads, Instagram) gets its token refreshed
     * through {@code renewal} and written back to {@code secretName}. Without a renewal (null) the
     * stored token is used as it is.
     */
    public static PlatformPublisher fromSecret(Platform platform, String secretJson, HttpClient http, Clock clock,
                                               TokenRenewal renewal, String secretName) {
        return switch (platform) {
            case MASTODON -> new MastodonPublisher(http, MastodonAccount.fromSecretJson(secretJson), clock);
            case BLUESKY -> new BlueskyPublisher(http, BlueskyAccount.fromSecretJson(secretJson), clock);
            case X -> {
                XAccount account = XAccount.fromSecretJson(secretJson);
                TokenSource tokens = renewal != null && refreshable(platform, secretJson)
                        ? renewal.source(secretName, secretJson, new RefreshTokenGrant(platform.id(), http, clock,
                                account.tokenUri(), RefreshTokenGrant.ClientAuth.BASIC), TokenRenewal.SHORT_MARGIN)
                        : TokenSource.fixed(account.accessToken());
                yield new XPublisher(http, account, clock, PlatformHttp.DEFAULT_REQUEST_TIMEOUT, tokens);
            }
            case LINKEDIN -> {
                LinkedInAccount account = LinkedInAccount.fromSecretJson(secretJson);
                TokenSource tokens = renewal != null && refreshable(platform, secretJson)
                        ? renewal.source(secretName, secretJson, new RefreshTokenGrant(platform.id(), http, clock,
                                tokenUri(secretJson, platform, LINKEDIN_TOKEN_URL), RefreshTokenGrant.ClientAuth.FORM),
                                TokenRenewal.LONG_MARGIN)
                        : TokenSource.fixed(account.accessToken());
                yield new LinkedInPublisher(http, account, clock, PlatformHttp.DEFAULT_REQUEST_TIMEOUT, tokens);
            }
            case FACEBOOK -> new FacebookPublisher(http, FacebookAccount.fromSecretJson(secretJson), clock);
            case INSTAGRAM -> new InstagramPublisher(http, InstagramAccount.fromSecretJson(secretJson), clock);
            case THREADS -> {
                ThreadsAccount account = ThreadsAccount.fromSecretJson(secretJson);
                TokenSource tokens = renewal != null && refreshable(platform, secretJson)
                        ? renewal.source(secretName, secretJson, new LongLivedTokenRefresh(platform.id(), http, clock,
                                account.apiUrl(), "th_refresh_token"), TokenRenewal.LONG_MARGIN)
                        : TokenSource.fixed(account.accessToken());
                yield new ThreadsPublisher(http, account, clock, PlatformHttp.DEFAULT_REQUEST_TIMEOUT,
                        ContainerWait.DEFAULT, tokens);
            }
            case DISCORD -> new DiscordPublisher(http, DiscordAccount.fromSecretJson(secretJson), clock);
            case SLACK -> new SlackPublisher(http, SlackAccount.fromSecretJson(secretJson), clock);
            case TELEGRAM -> new TelegramPublisher(http, TelegramAccount.fromSecretJson(secretJson), clock);
        };
    }

    /**
     * When the account's credentials stop working, for the expiry warning: the stored
     * {@code expiresAt}, except for a token that is refreshed here, whose access token's expiry is
     * routine; for those the refresh token's own {@code refreshTokenExpiresAt} (LinkedIn's year) counts,
     * when the secret records it.
     */
    public static Optional<Instant> credentialsExpireAt(Platform platform, String secretJson, boolean refreshing) {
        Map<String, Object> secret = SecretFields.object(secretJson, platform.id());
        Instant expiresAt = TokenRenewal.expiresAt(secret);
        if (refreshing && refreshable(platform, secretJson)) {
            String refreshExpiry = JsonRead.string(secret, "refreshTokenExpiresAt");
            return Optional.ofNullable(refreshExpiry == null ? null
                    : TokenRenewal.expiresAt(Map.of("expiresAt", refreshExpiry)));
        }
        return Optional.ofNullable(expiresAt);
    }

    /** LinkedIn's token endpoint (not under the API's host); a secret's {@code tokenUrl} overrides it. */
    private static final URI LINKEDIN_TOKEN_URL = URI.create("https://www.linkedin.com/oauth/v2/accessToken");

    /** LinkedIn's token endpoint for this secret. */
    static URI linkedInTokenUri(String secretJson) {
        return tokenUri(secretJson, Platform.LINKEDIN, LINKEDIN_TOKEN_URL);
    }

    private static URI tokenUri(String secretJson, Platform platform, URI fallback) {
        String text = JsonRead.string(SecretFields.object(secretJson, platform.id()), "tokenUrl");
        return text == null ? fallback : URI.create(text);
    }

    /** Whether the platform's API can refresh the token this secret holds. */
    static boolean refreshable(Platform platform, String secretJson) {
        Map<String, Object> secret = SecretFields.object(secretJson, platform.id());
        if (JsonRead.string(secret, "expiresAt") == null) {
            return false;
        }
        return switch (platform) {
            case X, LINKEDIN -> JsonRead.string(secret, "refreshToken") != null && JsonRead.string(secret, "clientId") != null;
            case THREADS -> true;
            default -> false;
        };
    }
}
