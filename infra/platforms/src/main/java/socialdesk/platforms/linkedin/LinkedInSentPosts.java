package socialdesk.platforms.linkedin;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import socialdesk.core.json.JsonRead;
import socialdesk.core.platform.token.TokenRefreshException;
import socialdesk.core.platform.token.TokenSource;
import socialdesk.core.publish.PublishRequest;
import socialdesk.core.publish.SentPostLookup;
import socialdesk.platforms.PlatformHttp;
import socialdesk.platforms.PlatformHttp.Response;
import socialdesk.platforms.SentPostMatch;

/**
 * Looks for a sent post among the author's newest posts: the Posts API's finder
 * {@code GET /rest/posts?q=author&author=<urn>&sortBy=CREATED&count=50} (headers
 * {@code X-RestLi-Method: FINDER}, {@code Linkedin-Version}, {@code X-Restli-Protocol-Version: 2.0.0}),
 * matched on {@code commentary}, which LinkedIn keeps as the little text it was sent (so the sent
 * text is escaped the same way before comparing), among posts created ({@code createdAt}, epoch ms)
 * since the due time.
 */
final class LinkedInSentPosts implements SentPostLookup {
    private static final int PAGE_SIZE = 50;

    private final PlatformHttp http;
    private final LinkedInAccount account;
    private final TokenSource tokens;

    LinkedInSentPosts(PlatformHttp http, LinkedInAccount account, TokenSource tokens) {
        this.http = http;
        this.account = account;
        this.tokens = tokens;
    }

    @Override
    public Reconciliation find(PublishRequest request, Instant sentSince) {
        Instant from = SentPostMatch.windowStart(sentSince);
        String sent = LittleText.escape(request.content().fullText());
        try {
            Response response = http.send(http.request(URI.create(account.apiUrl() + "/rest/posts?q=author&author="
                            + URLEncoder.encode(account.author(), StandardCharsets.UTF_8) + "&sortBy=CREATED&count=" + PAGE_SIZE))
                    .header("Authorization", "Bearer " + tokens.accessToken())
                    .header("Linkedin-Version", account.linkedinVersion())
                    .header("X-Restli-Protocol-Version", "2.0.0")
                    .header("X-RestLi-Method", "FINDER")
                    .GET().build());
            if (response.statusClass() != PlatformHttp.StatusClass.SUCCESS) {
                return SentPostMatch.failed(http.failure(response));
            }
            boolean reachedBack = false;
            for (Object post : JsonRead.list(response.json(), "elements")) {
                String created = JsonRead.id(post, "createdAt");
                if (created != null && Instant.ofEpochMilli(Long.parseLong(created)).isBefore(from)) {
                    reachedBack = true;
                    continue;
                }
                String urn = JsonRead.string(post, "id");
                if (urn != null && SentPostMatch.sameText(sent, JsonRead.string(post, "commentary"))) {
                    return new Reconciliation.Found(urn, LinkedInPublisher.url(urn));
                }
            }
            if (!reachedBack && JsonRead.list(response.json(), "elements").size() >= PAGE_SIZE) {
                return new Reconciliation.LookupFailed("linkedin: more than " + PAGE_SIZE + " posts since the due time; not guessing", null);
            }
            return new Reconciliation.NotFound();
        } catch (TokenRefreshException e) {
            return new Reconciliation.LookupFailed(e.getMessage(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reconciliation.LookupFailed("linkedin: interrupted while looking", null);
        } catch (Exception e) {
            return SentPostMatch.failed(http.transportFailure(e));
        }
    }
}
