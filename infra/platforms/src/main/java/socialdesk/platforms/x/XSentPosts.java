package socialdesk.platforms.x;

import java.net.URI;
import java.net.http.HttpRequest;
import java.text.Normalizer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import socialdesk.core.json.JsonRead;
import socialdesk.core.platform.token.TokenRefreshException;
import socialdesk.core.platform.token.TokenSource;
import socialdesk.core.publish.PublishRequest;
import socialdesk.core.publish.SentPostLookup;
import socialdesk.platforms.PlatformHttp;
import socialdesk.platforms.PlatformHttp.Response;
import socialdesk.platforms.SentPostMatch;

/**
 * Looks for a sent post among the account's own posts since the due time: {@code GET /2/users/me},
 * then {@code GET /2/users/{id}/tweets?start_time=…&tweet.fields=entities}, matched on the exact text
 * once X's t.co links are expanded and its HTML escapes undone ({@link XPublisher#asWritten}). Used
 * before a resend whose earlier send's answer was lost, and when X refuses a resend as a duplicate.
 */
final class XSentPosts implements SentPostLookup {
    private final PlatformHttp http;
    private final XAccount account;
    private final TokenSource tokens;

    XSentPosts(PlatformHttp http, XAccount account, TokenSource tokens) {
        this.http = http;
        this.account = account;
        this.tokens = tokens;
    }

    @Override
    public Reconciliation find(PublishRequest request, Instant sentSince) {
        try {
            String token = tokens.accessToken();
            Response me = http.send(get(URI.create(account.apiUrl() + "/2/users/me"), token));
            String userId = me.statusClass() == PlatformHttp.StatusClass.SUCCESS ? JsonRead.id(me.json(), "data", "id") : null;
            if (userId == null) {
                return new Reconciliation.LookupFailed("x: the account could not be read to look for the post (" + me.status() + ")",
                        XPublisher.notBefore(http, me.headers()));
            }
            Instant since = SentPostMatch.windowStart(sentSince).truncatedTo(ChronoUnit.SECONDS);
            Response posts = http.send(get(URI.create(account.apiUrl() + "/2/users/" + userId + "/tweets?max_results=100"
                    + "&tweet.fields=entities&start_time=" + since), token));
            if (posts.statusClass() != PlatformHttp.StatusClass.SUCCESS) {
                return new Reconciliation.LookupFailed("x: the account's recent posts could not be read (" + posts.status() + ")",
                        XPublisher.notBefore(http, posts.headers()));
            }
            String sent = Normalizer.normalize(request.content().fullText(), Normalizer.Form.NFC);
            for (Object post : JsonRead.list(posts.json(), "data")) {
                String id = JsonRead.id(post, "id");
                if (id != null && sent.equals(Normalizer.normalize(XPublisher.asWritten(post), Normalizer.Form.NFC))) {
                    return new Reconciliation.Found(id, XPublisher.postUrl(id));
                }
            }
            return new Reconciliation.NotFound();
        } catch (TokenRefreshException e) {
            return new Reconciliation.LookupFailed(e.getMessage(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reconciliation.LookupFailed("x: interrupted while looking", null);
        } catch (Exception e) {
            return SentPostMatch.failed(http.transportFailure(e));
        }
    }

    private HttpRequest get(URI uri, String token) {
        return http.request(uri).header("Authorization", "Bearer " + token).GET().build();
    }
}
