package socialdesk.platforms.linkedin;

import socialdesk.core.publish.SentPostLookup;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import socialdesk.core.json.Json;
import socialdesk.core.json.JsonRead;
import socialdesk.core.platform.ContentRules;
import socialdesk.core.platform.LinkedInRules;
import socialdesk.core.platform.token.TokenRefreshException;
import socialdesk.core.platform.token.TokenSource;
import socialdesk.core.post.Platform;
import socialdesk.core.publish.PlatformPublisher;
import socialdesk.core.publish.PublishOutcome;
import socialdesk.core.publish.PublishOutcome.Permanent;
import socialdesk.core.publish.PublishOutcome.Published;
import socialdesk.core.publish.PublishOutcome.Transient;
import socialdesk.core.publish.PublishRequest;
import socialdesk.platforms.ImageFiles;
import socialdesk.platforms.PlatformHttp;
import socialdesk.platforms.PlatformHttp.Response;
import socialdesk.platforms.PublicUrlFetcher;

/**
 * Posts with the versioned Posts API, {@code POST /rest/posts} ({@code Linkedin-Version},
 * {@code X-Restli-Protocol-Version: 2.0.0}): a public main-feed post whose commentary is the text in
 * LinkedIn's little-text format, with its images uploaded first ({@link LinkedInImages}). LinkedIn answers 201 with the new post's URN in {@code x-restli-id}.
 *
 * <p>Duplicates: LinkedIn refuses a post identical to a recent one with {@code 422} and
 * {@code DUPLICATE_POST}, naming the existing post ("Content is a duplicate of urn:li:share:…").
 * That is how a retry after a lost answer ends: published, with the URN LinkedIn named, and nothing
 * posted twice. Without a URN in the message it is a permanent "duplicate" failure.
 * A 429 waits for {@code Retry-After}, else (LinkedIn's limits are daily) for midnight UTC when the
 * message says the day's limit is reached; 401 and 403 are credentials rejected.
 */
public final class LinkedInPublisher implements PlatformPublisher {
    private static final Pattern URN = Pattern.compile("urn:li:(?:share|ugcPost):\\d+");

    private final PlatformHttp http;
    private final LinkedInAccount account;
    private final LinkedInRules rules = new LinkedInRules();
    private final URI postsUri;
    private final TokenSource tokens;
    private final LinkedInImages images;

    public LinkedInPublisher(HttpClient client, LinkedInAccount account, Clock clock) {
        this(client, account, clock, PlatformHttp.DEFAULT_REQUEST_TIMEOUT);
    }

    public LinkedInPublisher(HttpClient client, LinkedInAccount account, Clock clock, Duration requestTimeout) {
        this(client, account, clock, requestTimeout, TokenSource.fixed(account.accessToken()));
    }

    /** @param tokens the access token to send, refreshed with the refresh token before its 60 days are up */
    public LinkedInPublisher(HttpClient client, LinkedInAccount account, Clock clock, Duration requestTimeout, TokenSource tokens) {
        this(client, account, clock, requestTimeout, tokens, ImageFiles.sharedFetcher());
    }

    /** @param imageFetcher fetches the posts' images; production's allows public addresses only */
    public LinkedInPublisher(HttpClient client, LinkedInAccount account, Clock clock, Duration requestTimeout, TokenSource tokens,
                             PublicUrlFetcher imageFetcher) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.account = Objects.requireNonNull(account, "account");
        this.http = new PlatformHttp(Platform.LINKEDIN.id(), client, requestTimeout, clock);
        this.postsUri = URI.create(account.apiUrl() + "/rest/posts");
        this.images = new LinkedInImages(http, account, new ImageFiles(imageFetcher));
    }

    @Override
    public Platform platform() {
        return Platform.LINKEDIN;
    }

    @Override
    public ContentRules rules() {
        return rules;
    }

    /** The request body LinkedIn expects for a public text post. */
    Map<String, Object> body(String text) {
        Map<String, Object> distribution = new LinkedHashMap<>();
        distribution.put("feedDistribution", "MAIN_FEED");
        distribution.put("targetEntities", List.of());
        distribution.put("thirdPartyDistributionChannels", List.of());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("author", account.author());
        body.put("commentary", LittleText.escape(text));
        body.put("visibility", "PUBLIC");
        body.put("distribution", distribution);
        body.put("lifecycleState", "PUBLISHED");
        body.put("isReshareDisabledByAuthor", false);
        return body;
    }

    @Override
    public SentPostLookup sentPosts() {
        return new LinkedInSentPosts(http, account, tokens);
    }

    @Override
    public PublishOutcome publish(PublishRequest request) {
        try {
            List<String> problems = rules.problems(request.content());
            if (!problems.isEmpty()) {
                return new Permanent(String.join("; ", problems));
            }
            String token;
            try {
                token = tokens.accessToken();
            } catch (TokenRefreshException e) {
                return PublishOutcome.tokenUnavailable(e);
            }
            Map<String, Object> post = body(request.content().fullText());
            if (request.content().hasImage()) {
                post.put("content", images.content(request.content().images(), rules.images(), token));
            }
            Response response = http.send(http.request(postsUri)
                    .header("Authorization", "Bearer " + token)
                    .header("Linkedin-Version", account.linkedinVersion())
                    .header("X-Restli-Protocol-Version", "2.0.0")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Json.write(post)))
                    .build());
            if (response.statusClass() == PlatformHttp.StatusClass.SUCCESS) {
                String urn = response.headers().firstValue("x-restli-id").orElse(null);
                if (urn == null || urn.isBlank()) {
                    return new Transient("linkedin: answer " + response.status() + " carried no x-restli-id", null);
                }
                return new Published(urn, url(urn));
            }
            return failure(response);
        } catch (ImageFiles.Unavailable e) {
            return e.outcome();
        } catch (Exception e) {
            return http.transportFailure(e);
        }
    }

    private PublishOutcome failure(Response response) {
        int status = response.status();
        String message = Objects.requireNonNullElse(JsonRead.string(response.json(), "message"), "");
        boolean duplicate = status == 422 && (response.body() != null && response.body().contains("DUPLICATE_POST"));
        if (duplicate) {
            Matcher m = URN.matcher(message);
            if (m.find()) {
                return new Published(m.group(), url(m.group()));
            }
            return new Permanent("linkedin: duplicate post: LinkedIn already holds a post with this text and did not say which; "
                    + "not posted again");
        }
        if (status == 429) {
            Instant notBefore = http.notBefore(response.headers());
            if (notBefore == null && message.toUpperCase(Locale.ROOT).contains("DAY")) {
                notBefore = LocalDate.ofInstant(http.clock().instant(), ZoneOffset.UTC).plusDays(1)
                        .atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return new Transient("linkedin: rate limited (429)" + (message.isEmpty() ? "" : ": " + response.detail()), notBefore);
        }
        if (status == 426) {
            return new Permanent("linkedin: Linkedin-Version " + account.linkedinVersion()
                    + " is not served (426): " + response.detail() + "; set linkedinVersion to a current YYYYMM");
        }
        return http.failure(response);
    }

    static String url(String urn) {
        return "https://www.linkedin.com/feed/update/" + urn + "/";
    }

    @Override
    public String toString() {
        return "LinkedInPublisher[" + account.author() + "]";
    }
}
