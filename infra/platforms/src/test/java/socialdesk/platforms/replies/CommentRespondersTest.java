package socialdesk.platforms.replies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import socialdesk.core.platform.token.TokenSource;
import socialdesk.core.post.Platform;
import socialdesk.core.publish.PublishOutcome;
import socialdesk.core.publish.PublishOutcome.Permanent;
import socialdesk.core.publish.PublishOutcome.Published;
import socialdesk.core.publish.PublishOutcome.Transient;
import socialdesk.core.reply.CommentResponder;
import socialdesk.core.reply.HideRequest;
import socialdesk.core.reply.ReplyRequest;
import socialdesk.platforms.CommentResponders;
import socialdesk.platforms.PlatformHttp;
import socialdesk.platforms.bluesky.BlueskyAccount;
import socialdesk.platforms.bluesky.BlueskyReplies;
import socialdesk.platforms.facebook.FacebookAccount;
import socialdesk.platforms.facebook.FacebookReplies;
import socialdesk.platforms.fake.FakeCommentThreads;
import socialdesk.platforms.fake.FakeCommentThreads.Answer;
import socialdesk.platforms.fake.FakePlatformServer.RecordedRequest;
import socialdesk.platforms.fake.TestClock;
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

/** Each platform's reply and hide calls against {@link FakeCommentThreads}, which checks the exact thread fields. */
class CommentRespondersTest {
    private static final HttpClient CLIENT = PlatformHttp.newClient(Duration.ofSeconds(2));
    private static final Instant NOW = Instant.parse("2026-12-06T05:00:00Z");
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final String TOKEN = FakeCommentThreads.TOKEN;

    private final TestClock clock = new TestClock(NOW);
    private final FakeCommentThreads platform = new FakeCommentThreads();

    @AfterEach
    void stop() {
        platform.close();
    }

    private static ReplyRequest reply(String commentId, String text) {
        return new ReplyRequest(commentId, "remote-post", text, "5b0c6f1e-2f6d-3c3a-9d57-0c9a3f1a7e11", NOW.minusSeconds(3));
    }

    private void assertAnswered(PublishOutcome outcome, String platformId, String parent, String text) {
        Published published = assertInstanceOf(Published.class, outcome);
        Answer answer = platform.replies().getFirst();
        assertEquals(new Answer(platformId, parent, published.remoteId(), text), answer);
        assertEquals(1, platform.replies().size());
        assertEquals(List.of(), platform.violations());
    }

    @Test
    void mastodonRepliesInTheThreadWithTheIdempotencyKeyAndARetryLandsOnce() {
        platform.comment("mastodon", "113800000000000001", null);
        CommentResponder mastodon = new MastodonReplies(CLIENT, new MastodonAccount(platform.baseUri(), TOKEN), clock, TIMEOUT);

        PublishOutcome first = mastodon.reply(reply("113800000000000001", "Sorry about that, we're on it."));
        PublishOutcome retry = mastodon.reply(reply("113800000000000001", "Sorry about that, we're on it."));

        assertAnswered(first, "mastodon", "113800000000000001", "Sorry about that, we're on it.");
        assertEquals(((Published) first).remoteId(), ((Published) retry).remoteId());
        RecordedRequest sent = platform.requests("/api/v1/statuses").getFirst();
        assertEquals(Map.of("status", "Sorry about that, we're on it.", "in_reply_to_id", "113800000000000001", "visibility", "public"), sent.json());
        assertEquals("5b0c6f1e-2f6d-3c3a-9d57-0c9a3f1a7e11", sent.header("Idempotency-Key"));
        assertTrue(mastodon.idempotent());
        assertInstanceOf(Permanent.class, mastodon.setHidden(new HideRequest("113800000000000001", null), true));
    }

    @Test
    void mastodonRepliesMentionTheAuthorOnceAsItsReplyBoxDoes() {
        CommentResponder mastodon = new MastodonReplies(CLIENT, new MastodonAccount(platform.baseUri(), TOKEN), clock, TIMEOUT);

        assertEquals("@ana@social.example Thanks!", mastodon.threadText("Thanks!", new socialdesk.core.engagement.Author("1", "ana@social.example")));
        assertEquals("Thanks @Ana@social.example!", mastodon.threadText("Thanks @Ana@social.example!",
                new socialdesk.core.engagement.Author("1", "ana@social.example")));
        assertEquals("Thanks!", mastodon.threadText("Thanks!", socialdesk.core.engagement.Author.UNKNOWN));
    }

    @Test
    void aLostMastodonAnswerIsTransientAndTheResendWithTheSameKeyMakesNoSecondReply() {
        platform.comment("mastodon", "113800000000000001", null);
        CommentResponder mastodon = new MastodonReplies(CLIENT, new MastodonAccount(platform.baseUri(), TOKEN), clock, Duration.ofMillis(300));
        platform.hangNext("/api/v1/statuses", 1, Duration.ofSeconds(1));

        assertInstanceOf(Transient.class, mastodon.reply(reply("113800000000000001", "We hear you.")));
        assertInstanceOf(Published.class, mastodon.reply(reply("113800000000000001", "We hear you.")));

        assertEquals(1, platform.replies().size());
    }

    @Test
    void blueskyRepliesWithTheThreadsRootAndTheCommentAsParentUnderAStableRecordKey() {
        String root = "at://" + FakeCommentThreads.BSKY_DID + "/app.bsky.feed.post/3lbroot2222aa";
        String comment = "at://did:plc:someone234567abcdefghijk/app.bsky.feed.post/3lbcomment2222";
        platform.comment("bluesky", comment, root + " " + FakeCommentThreads.cidOf(root));
        CommentResponder bluesky = new BlueskyReplies(CLIENT, new BlueskyAccount(platform.baseUri(), "desk.example.com", "app-pass"), clock, TIMEOUT);

        PublishOutcome first = bluesky.reply(reply(comment, "Thanks for telling us. A fix is on its way."));
        PublishOutcome again = bluesky.reply(reply(comment, "Thanks for telling us. A fix is on its way."));

        assertAnswered(first, "bluesky", comment, "Thanks for telling us. A fix is on its way.");
        assertEquals(((Published) first).remoteId(), ((Published) again).remoteId(), "a resend finds the record under the same key");
        Map<String, Object> sent = platform.requests("/xrpc/com.atproto.repo.createRecord").getFirst().json();
        @SuppressWarnings("unchecked")
        Map<String, Object> record = (Map<String, Object>) sent.get("record");
        assertEquals(Map.of("root", Map.of("uri", root, "cid", FakeCommentThreads.cidOf(root)),
                "parent", Map.of("uri", comment, "cid", FakeCommentThreads.cidOf(comment))), record.get("reply"));
    }

    @Test
    void blueskyHidesAndShowsAReplyThroughTheRootPostsThreadgateKeepingItsRules() {
        String rootKey = "3lbroot2222aa";
        String root = "at://" + FakeCommentThreads.BSKY_DID + "/app.bsky.feed.post/" + rootKey;
        String abuse = "at://did:plc:troll2345678abcdefghijkl/app.bsky.feed.post/3lbabuse22222";
        String other = "at://did:plc:troll2345678abcdefghijkl/app.bsky.feed.post/3lbother22222";
        platform.comment("bluesky", abuse, root + " " + FakeCommentThreads.cidOf(root));
        platform.comment("bluesky", other, root + " " + FakeCommentThreads.cidOf(root));
        CommentResponder bluesky = new BlueskyReplies(CLIENT, new BlueskyAccount(platform.baseUri(), "desk.example.com", "app-pass"), clock, TIMEOUT);

        assertInstanceOf(Published.class, bluesky.setHidden(new HideRequest(abuse, root), true));
        assertInstanceOf(Published.class, bluesky.setHidden(new HideRequest(other, root), true));
        assertEquals(Set.of(abuse, other), platform.hidden());
        assertInstanceOf(Published.class, bluesky.setHidden(new HideRequest(abuse, root), false));

        assertEquals(Set.of(other), platform.hidden());
        Map<String, Object> gate = platform.record("app.bsky.feed.threadgate", rootKey);
        assertEquals(root, gate.get("post"));
        assertTrue(!gate.containsKey("allow"), "no allow rules were added: everyone may still reply");
        assertEquals(List.of(), platform.violations());
    }

    @Test
    void blueskyCannotHideInAThreadThatIsNotTheAccounts() {
        String foreignRoot = "at://did:plc:someone234567abcdefghijk/app.bsky.feed.post/3lbforeign222";
        String comment = "at://did:plc:troll2345678abcdefghijkl/app.bsky.feed.post/3lbabuse22222";
        platform.comment("bluesky", comment, foreignRoot + " " + FakeCommentThreads.cidOf(foreignRoot));
        CommentResponder bluesky = new BlueskyReplies(CLIENT, new BlueskyAccount(platform.baseUri(), "desk.example.com", "app-pass"), clock, TIMEOUT);

        Permanent refused = assertInstanceOf(Permanent.class, bluesky.setHidden(new HideRequest(comment, null), true));

        assertTrue(refused.reason().contains("not the account's"), refused.reason());
    }

    @Test
    void facebookRepliesUnderTheCommentAndHidesIt() {
        platform.comment("facebook", "104857600000001_555_9000", null);
        CommentResponder facebook = FacebookReplies.of(CLIENT,
                new FacebookAccount(platform.baseUri(), "v24.0", "104857600000001", TOKEN), clock, TIMEOUT);

        assertAnswered(facebook.reply(reply("104857600000001_555_9000", "We're sorry. Please message us.")),
                "facebook", "104857600000001_555_9000", "We're sorry. Please message us.");
        assertInstanceOf(Published.class, facebook.setHidden(new HideRequest("104857600000001_555_9000", null), true));
        assertEquals(Set.of("104857600000001_555_9000"), platform.hidden());
        assertInstanceOf(Published.class, facebook.setHidden(new HideRequest("104857600000001_555_9000", null), false));
        assertEquals(Set.of(), platform.hidden());
        assertEquals("/v24.0/104857600000001_555_9000/comments", platform.requests().getFirst().path());
        assertEquals(List.of(), platform.violations());
    }

    @Test
    void instagramRepliesWithTheRepliesEdgeAndHidesWithHide() {
        platform.comment("instagram", "17870913679156914", null);
        CommentResponder instagram = InstagramReplies.of(CLIENT,
                new InstagramAccount(platform.baseUri(), "v24.0", "17841400000000001", TOKEN), clock, TIMEOUT);

        assertAnswered(instagram.reply(reply("17870913679156914", "Thank you, we'll look into it.")),
                "instagram", "17870913679156914", "Thank you, we'll look into it.");
        assertInstanceOf(Published.class, instagram.setHidden(new HideRequest("17870913679156914", null), true));
        assertEquals(Set.of("17870913679156914"), platform.hidden());
        assertEquals(List.of(), instagram.rules().problems(new socialdesk.core.post.PostContent("text only", null)));
    }

    @Test
    void threadsRepliesWithAReplyToIdContainerThenPublishesItAndHidesWithManageReply() {
        platform.comment("threads", "17900000000000042", null);
        CommentResponder threads = new ThreadsReplies(CLIENT,
                new ThreadsAccount(platform.baseUri(), "v1.0", FakeCommentThreads.THREADS_USER, TOKEN), clock, TIMEOUT,
                new ContainerWait(Duration.ofMillis(5), Duration.ofSeconds(2)), TokenSource.fixed(TOKEN));

        assertAnswered(threads.reply(reply("17900000000000042", "We're looking into it now.")),
                "threads", "17900000000000042", "We're looking into it now.");
        assertInstanceOf(Published.class, threads.setHidden(new HideRequest("17900000000000042", null), true));
        assertEquals(Set.of("17900000000000042"), platform.hidden());
        assertEquals(List.of(), platform.violations());
    }

    @Test
    void xRepliesWithInReplyToTweetIdAndHidesWithPutHidden() {
        platform.comment("x", "1850000000000000777", null);
        CommentResponder x = new XReplies(CLIENT, new XAccount(platform.baseUri(), TOKEN), clock, TIMEOUT, TokenSource.fixed(TOKEN));

        assertAnswered(x.reply(reply("1850000000000000777", "Thanks for flagging this.")), "x", "1850000000000000777",
                "Thanks for flagging this.");
        assertEquals(Map.of("text", "Thanks for flagging this.", "reply", Map.of("in_reply_to_tweet_id", "1850000000000000777")),
                platform.requests("/2/tweets").getFirst().json());
        assertInstanceOf(Published.class, x.setHidden(new HideRequest("1850000000000000777", null), true));
        assertEquals(Set.of("1850000000000000777"), platform.hidden());
        assertEquals("PUT", platform.requests("/2/tweets/1850000000000000777/hidden").getFirst().method());
    }

    @Test
    void linkedInAnswersAsTheOrganisationWithANestedComment() {
        String comment = "urn:li:comment:(urn:li:activity:6631349431612559360,6636062862760562688)";
        platform.comment("linkedin", comment, null);
        CommentResponder linkedIn = new LinkedInReplies(CLIENT,
                new LinkedInAccount(platform.baseUri(), TOKEN, FakeCommentThreads.LINKEDIN_AUTHOR), clock, TIMEOUT, TokenSource.fixed(TOKEN));

        assertAnswered(linkedIn.reply(reply(comment, "Thank you, we've passed this on.")), "linkedin", comment,
                "Thank you, we've passed this on.");
        Map<String, Object> sent = platform.requests().getFirst().json();
        assertEquals(Map.of("actor", FakeCommentThreads.LINKEDIN_AUTHOR, "object", "urn:li:activity:6631349431612559360",
                "message", Map.of("text", "Thank you, we've passed this on."), "parentComment", comment), sent);
        assertInstanceOf(Permanent.class, linkedIn.reply(reply("urn:li:activity:6631349431612559360", "not a comment")));
        assertInstanceOf(Permanent.class, linkedIn.setHidden(new HideRequest(comment, null), true));
    }

    @Test
    void aReplyToACommentThePlatformDoesNotHoldIsRefused() {
        CommentResponder facebook = FacebookReplies.of(CLIENT,
                new FacebookAccount(platform.baseUri(), "v24.0", "104857600000001", TOKEN), clock, TIMEOUT);

        assertInstanceOf(Permanent.class, facebook.reply(reply("104857600000001_1_1", "hello")));
        assertEquals(List.of(), platform.replies());
    }

    @Test
    void postOnlyChannelsSayWhyTheyCannotReply() {
        for (Platform p : List.of(Platform.DISCORD, Platform.SLACK, Platform.TELEGRAM)) {
            assertTrue(CommentResponders.cannotReply(p).orElseThrow().startsWith(p.id() + ": "), p.id());
            assertTrue(CommentResponders.fromSecret(p, "{}", CLIENT, clock, null, null, TIMEOUT, ContainerWait.DEFAULT).isEmpty(), p.id());
        }
        for (Platform p : List.of(Platform.MASTODON, Platform.BLUESKY, Platform.X, Platform.LINKEDIN, Platform.FACEBOOK,
                Platform.INSTAGRAM, Platform.THREADS)) {
            assertTrue(CommentResponders.cannotReply(p).isEmpty(), p.id());
        }
    }
}
