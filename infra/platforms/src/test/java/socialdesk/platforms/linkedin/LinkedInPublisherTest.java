package socialdesk.platforms.linkedin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import socialdesk.core.json.Json;
import socialdesk.core.post.PostContent;
import socialdesk.core.publish.PublishOutcome.CredentialsRejected;
import socialdesk.core.publish.PublishOutcome.Permanent;
import socialdesk.core.publish.PublishOutcome.Published;
import socialdesk.core.publish.PublishOutcome.Transient;
import socialdesk.core.publish.PublishRequest;
import socialdesk.platforms.PlatformHttp;
import socialdesk.platforms.fake.FakeLinkedIn;
import socialdesk.platforms.fake.FakePlatformServer.RecordedRequest;
import socialdesk.platforms.fake.TestClock;

/** Tests against {@link FakeLinkedIn} on loopback. */
class LinkedInPublisherTest {
    private static final HttpClient CLIENT = PlatformHttp.newClient(Duration.ofSeconds(2));
    private static final Instant NOW = Instant.parse("2026-11-26T09:00:00Z");

    private final TestClock clock = new TestClock(NOW);
    private final FakeLinkedIn linkedIn = new FakeLinkedIn();
    private final LinkedInPublisher publisher = new LinkedInPublisher(CLIENT, linkedIn.account(), clock, Duration.ofSeconds(5));

    @AfterEach
    void stop() {
        linkedIn.close();
    }

    private static PublishRequest request(String text, String link) {
        return new PublishRequest("post-1", new PostContent(text, link), "post-1/linkedin", NOW);
    }

    @Test
    void postsAPublicMainFeedPostAndReadsTheUrnFromTheHeader() {
        Published published = assertInstanceOf(Published.class,
                publisher.publish(request("Q3 results (preview) #growth", "https://example.com/q3_(final)")));

        FakeLinkedIn.Post post = linkedIn.posts().getFirst();
        assertEquals(post.urn(), published.remoteId());
        assertEquals("https://www.linkedin.com/feed/update/" + post.urn() + "/", published.url());
        RecordedRequest sent = linkedIn.requests().getFirst();
        assertEquals("/rest/posts", sent.path());
        assertEquals("202605", sent.header("Linkedin-Version"));
        assertEquals("2.0.0", sent.header("X-Restli-Protocol-Version"));
        assertEquals("Bearer " + FakeLinkedIn.TOKEN, sent.header("Authorization"));
        assertEquals("Q3 results \\(preview\\) {hashtag|\\#|growth}\n\nhttps://example.com/q3_(final)", post.body().get("commentary"));
        assertEquals("Q3 results (preview) #growth\n\nhttps://example.com/q3_(final)", post.shown());
        assertEquals(List.of(), linkedIn.violations());
    }

    @Test
    void escapesLittleTextButKeepsLinksAndHashtags() {
        assertEquals("a\\_b \\@x \\[1\\] \\{\\} \\<\\> \\* \\~ \\| \\\\ {hashtag|\\#|tag} x\\#y \\# https://e.com/a_b?(c)",
                LittleText.escape("a_b @x [1] {} <> * ~ | \\ #tag x#y # https://e.com/a_b?(c)"));
        assertEquals("{hashtag|\\#|first}", LittleText.escape("#first"));
        assertEquals("C\\# \\#1 \\#growth\\_2026 {hashtag|\\#|café}", LittleText.escape("C# #1 #growth_2026 #café"));
    }

    @Test
    void aLinkEndsBeforeTrailingPunctuationAndAnUnmatchedBracket() {
        assertEquals("\\(xem https://ex.com/page\\)", LittleText.escape("(xem https://ex.com/page)"));
        assertEquals("see https://ex.com/a_(b). Next \\[www.ex.vn\\]!", LittleText.escape("see https://ex.com/a_(b). Next [www.ex.vn]!"));
        assertEquals("\\*https://ex.com/x\\*", LittleText.escape("*https://ex.com/x*"));
    }

    @Test
    void linkedInShowsTheWholeTextAsWritten() {
        String text = "Khuyến mãi (xem https://ex.com/page) – giảm 20% cho khách_hàng @mới [*] {~} <3 #Sale #1 C#";

        assertInstanceOf(Published.class, publisher.publish(request(text, null)));

        assertEquals(text, linkedIn.posts().getFirst().shown());
        assertEquals(List.of(), linkedIn.violations());
    }

    @Test
    void aDuplicateNamingTheExistingPostIsPublishedWithThatUrn() {
        Published first = assertInstanceOf(Published.class, publisher.publish(request("once", null)));

        Published again = assertInstanceOf(Published.class, publisher.publish(request("once", null)));

        assertEquals(first, again);
        assertEquals(1, linkedIn.posts().size());
    }

    @Test
    void aDuplicateWithoutAnUrnIsPermanentDuplicate() {
        linkedIn.hideDuplicateUrn();
        assertInstanceOf(Published.class, publisher.publish(request("once", null)));

        Permanent duplicate = assertInstanceOf(Permanent.class, publisher.publish(request("once", null)));

        assertEquals("linkedin: duplicate post: LinkedIn already holds a post with this text and did not say which; "
                + "not posted again", duplicate.reason());
    }

    @Test
    void theDailyThrottleWaitsUntilMidnightUtc() {
        linkedIn.failNext(1, 429, Map.of(), Json.write(FakeLinkedIn.error(429, "TOO_MANY_REQUESTS", 101,
                "Resource level throttle APPLICATION DAY limit for calls to this resource is reached.")));

        Transient limited = assertInstanceOf(Transient.class, publisher.publish(request("hi", null)));

        assertEquals(Instant.parse("2026-11-27T00:00:00Z"), limited.notBefore());
    }

    @Test
    void aRateLimitWithRetryAfterWaitsForIt() {
        linkedIn.failNext(1, 429, Map.of("Retry-After", "60"), Json.write(FakeLinkedIn.error(429, "TOO_MANY_REQUESTS", 101, "Too many")));

        assertEquals(NOW.plusSeconds(60), assertInstanceOf(Transient.class, publisher.publish(request("hi", null))).notBefore());
    }

    @Test
    void aRevokedTokenIsCredentialsRejected() {
        linkedIn.revokeToken();

        CredentialsRejected rejected = assertInstanceOf(CredentialsRejected.class, publisher.publish(request("hi", null)));

        assertEquals("linkedin: credentials rejected (401): The token used in the request has been revoked by the user; "
                + "update the account secret", rejected.reason());
        assertFalse(rejected.reason().contains(FakeLinkedIn.TOKEN));
    }

    @Test
    void aServerErrorIsTransientAndAnUnservedVersionPermanent() {
        linkedIn.failNext(1, 504, Map.of(), Json.write(FakeLinkedIn.error(504, "GATEWAY_TIMEOUT", 0, "Gateway timeout")));
        linkedIn.failNext(1, 426, Map.of(), Json.write(FakeLinkedIn.error(426, "NONEXISTENT_VERSION", 0, "Requested version 202605 is not active")));

        Transient failed = assertInstanceOf(Transient.class, publisher.publish(request("hi", null)));
        assertNull(failed.notBefore());
        Permanent version = assertInstanceOf(Permanent.class, publisher.publish(request("hi", null)));
        assertEquals("linkedin: Linkedin-Version 202605 is not served (426): Requested version 202605 is not active; "
                + "set linkedinVersion to a current YYYYMM", version.reason());
    }

    @Test
    void overTheLimitNeverLeaves() {
        Permanent refused = assertInstanceOf(Permanent.class, publisher.publish(request("😀".repeat(1501), null)));

        assertEquals("linkedin: text is 3002 characters (UTF-16 units; emoji count 2), the limit is 3000", refused.reason());
        assertEquals(List.of(), linkedIn.requests());
    }

    @Test
    void theAccountReadsItsSecretAndChecksTheAuthor() {
        LinkedInAccount account = LinkedInAccount.fromSecretJson(
                "{\"accessToken\":\"s3cr3t\",\"author\":\"urn:li:person:abC-12_x\"}");
        assertEquals("202605", account.linkedinVersion());
        assertEquals(URI.create("https://api.linkedin.com"), account.apiUrl());
        assertFalse(account.toString().contains("s3cr3t"));
        assertEquals("linkedin author must be urn:li:organization:<id> or urn:li:person:<id>",
                assertThrows(IllegalArgumentException.class, () -> LinkedInAccount.fromSecretJson(
                        "{\"accessToken\":\"s3cr3t\",\"author\":\"2414183\"}")).getMessage());
    }
}
