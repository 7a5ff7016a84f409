package socialdesk.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import socialdesk.aws.dynamo.DynamoEngagementStore;
import socialdesk.aws.dynamo.DynamoEventOutbox;
import socialdesk.aws.dynamo.DynamoPollCursorStore;
import socialdesk.aws.dynamo.DynamoPostStore;
import socialdesk.aws.testing.Dynalite;
import socialdesk.aws.testing.EmfCapture;
import socialdesk.aws.testing.TestContext;
import socialdesk.core.engagement.Counter;
import socialdesk.core.engagement.EngagementIngestion;
import socialdesk.core.engagement.Owners;
import socialdesk.core.engagement.StoredComment;
import socialdesk.core.engagement.Triage;
import socialdesk.core.engagement.polling.EngagementPolling;
import socialdesk.core.engagement.polling.NotificationSource;
import socialdesk.core.engagement.polling.PollCursor;
import socialdesk.core.engagement.polling.PollCursorStore;
import socialdesk.core.events.DomainEvent;
import socialdesk.core.events.OutboxRelay;
import socialdesk.core.json.Json;
import socialdesk.core.json.JsonRead;
import socialdesk.core.metrics.Metric;
import socialdesk.core.post.Delivery;
import socialdesk.core.post.DeliveryStatus;
import socialdesk.core.post.Platform;
import socialdesk.core.reply.ResponseTimes;
import socialdesk.aws.dynamo.DynamoReplyStore;
import socialdesk.platforms.PlatformHttp;
import socialdesk.platforms.bluesky.BlueskyNotifications;
import socialdesk.platforms.fake.FakeBluesky;
import socialdesk.platforms.fake.FakeMastodon;
import socialdesk.platforms.fake.FakePlatformServer.RecordedRequest;
import socialdesk.platforms.fake.TestClock;
import socialdesk.platforms.mastodon.MastodonAccount;
import socialdesk.platforms.mastodon.MastodonNotifications;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The real handler, fed events/collect-engagement-tick.json, over a fresh dynalite table, with
 * loopback Mastodon and Bluesky servers, the desk's triage and a recording bus.
 */
class CollectEngagementHandlerTest {
    private static final HttpClient HTTP = PlatformHttp.newClient(Duration.ofSeconds(2));
    private static final String OUR_TOOT = "113742000000000001";
    private static final String OUR_SKEET = "at://" + FakeBluesky.DID + "/app.bsky.feed.post/3lbqzvxkfn22c";

    private final TestClock clock = new TestClock(Instant.parse("2026-11-26T09:45:00Z"));
    private final FakeMastodon mastodon = new FakeMastodon(FakeMastodon.DEFAULT_TOKEN, 500, clock);
    private final FakeBluesky bluesky = new FakeBluesky(clock);
    private final DynamoDbClient dynamo = Dynalite.shared().client();
    private final String table = Dynalite.shared().createTable();
    private final DynamoEngagementStore store = new DynamoEngagementStore(dynamo, table);
    private final DynamoPollCursorStore cursors = new DynamoPollCursorStore(dynamo, table, clock);
    private final RecordingEvents events = new RecordingEvents();
    private final EmfCapture emf = new EmfCapture(clock);

    @AfterEach
    void close() {
        mastodon.close();
        bluesky.close();
    }

    // ---------------------------------------------------------------- Mastodon

    @ParameterizedTest
    @Event(value = "events/collect-engagement-tick.json", type = ScheduledEvent.class)
    void mastodonMentionsFavouritesAndReblogsAreStoredWithCountersAndComments(ScheduledEvent tick) {
        remote(Platform.MASTODON, OUR_TOOT, "post-1");
        String reply = mastodon.addMention("alice@example.social", "Thanks, the guide <helps> & works!", OUR_TOOT);
        mastodon.addFavourite("bob", OUR_TOOT);
        mastodon.addReblog("carol@other.example", OUR_TOOT);
        mastodon.addMention("dave", "hello there", null);
        mastodon.addFollow("eve");

        Map<String, Object> answer = invoke(handler(mastodonOnly()), tick);

        assertEquals(Map.of("replies", 1L, "reactions", 1L, "shares", 1L), nonZero(store.counters("post-1", Platform.MASTODON)));
        assertEquals(Map.of("mentions", 1L), nonZero(store.counters(Owners.unmatched(Platform.MASTODON), Platform.MASTODON)));
        StoredComment comment = store.findComment("post-1", Platform.MASTODON, mastodon.statusIdOf(reply)).orElseThrow();
        assertEquals("@desk Thanks, the guide <helps> & works!", comment.comment().text());
        assertEquals("alice@example.social", comment.comment().author().name());
        assertTrue(comment.comment().permalink().endsWith("/@alice@example.social/" + mastodon.statusIdOf(reply)));
        assertEquals(4L, platformLine(answer, "mastodon").get("events"));
        RecordedRequest request = mastodon.requests(FakeMastodon.NOTIFICATIONS).getFirst();
        assertEquals("Bearer " + FakeMastodon.DEFAULT_TOKEN, request.header("Authorization"));
        assertTrue(request.rawQuery().contains("types%5B%5D=mention&types%5B%5D=favourite&types%5B%5D=reblog"), request.rawQuery());
        assertEquals(List.of(), mastodon.violations());
    }

    @Test
    void aSecondMastodonRunReadsNothingTwiceAndOnlyWhatIsNew() {
        remote(Platform.MASTODON, OUR_TOOT, "post-1");
        mastodon.addFavourite("bob", OUR_TOOT);
        String newest = mastodon.addReblog("carol", OUR_TOOT);
        CollectEngagementHandler handler = handler(mastodonOnly());
        invoke(handler);

        Map<String, Object> second = invoke(handler);
        String later = mastodon.addFavourite("frank", OUR_TOOT);
        Map<String, Object> third = invoke(handler);

        assertEquals(0L, platformLine(second, "mastodon").get("events"));
        assertEquals(1L, platformLine(third, "mastodon").get("events"));
        assertEquals(Map.of("reactions", 2L, "shares", 1L), nonZero(store.counters("post-1", Platform.MASTODON)));
        List<RecordedRequest> requests = mastodon.requests(FakeMastodon.NOTIFICATIONS);
        assertNull(requests.get(0).query("min_id"), "the first poll starts at the newest notifications");
        assertEquals(newest, requests.get(1).query("min_id"));
        assertEquals(later, cursors.find(Platform.MASTODON).orElseThrow().state());
    }

    @Test
    void mastodonBacklogIsFollowedPageByPageOldestFirst() {
        remote(Platform.MASTODON, OUR_TOOT, "post-1");
        mastodon.addFavourite("first", OUR_TOOT);
        CollectEngagementHandler handler = handler(List.of(mastodonSource(2)));
        invoke(handler);
        List<String> added = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            added.add(mastodon.addFavourite("fan" + i, OUR_TOOT));
        }

        Map<String, Object> answer = invoke(handler);

        assertEquals(3L, platformLine(answer, "mastodon").get("pages"));
        assertEquals(6L, store.counters("post-1", Platform.MASTODON).get(Counter.REACTIONS));
        List<RecordedRequest> requests = mastodon.requests(FakeMastodon.NOTIFICATIONS);
        // Each page starts right after the newest of the page before (Link rel="prev"): oldest first, no gap.
        assertEquals(added.get(1), requests.get(2).query("min_id"));
        assertEquals(added.get(3), requests.get(3).query("min_id"));
        assertEquals(added.getLast(), cursors.find(Platform.MASTODON).orElseThrow().state());
    }

    @Test
    void aMastodonRunThatDiesBeforeItsCursorWriteIsRedoneWithoutDoubling() {
        remote(Platform.MASTODON, OUR_TOOT, "post-1");
        mastodon.addFavourite("first", OUR_TOOT);
        invoke(handler(mastodonOnly()));
        mastodon.addMention("alice", "Nice one", OUR_TOOT);
        mastodon.addFavourite("bob", OUR_TOOT);
        mastodon.addReblog("carol", OUR_TOOT);
        PollCursor before = cursors.find(Platform.MASTODON).orElseThrow();

        assertThrows(IllegalStateException.class, () -> invoke(handler(crashingCursors(), mastodonOnly())));
        assertEquals(before, cursors.find(Platform.MASTODON).orElseThrow(), "the cursor stays where it was");
        Map<String, Object> again = invoke(handler(mastodonOnly()));

        assertEquals(3L, platformLine(again, "mastodon").get("duplicates"));
        assertEquals(Map.of("replies", 1L, "reactions", 2L, "shares", 1L), nonZero(store.counters("post-1", Platform.MASTODON)));
        assertTrue(cursors.find(Platform.MASTODON).orElseThrow().isAfter(before));
    }

    @Test
    void aRateLimitStopsThePlatformForThisRunAndKeepsItsCursor() {
        remote(Platform.MASTODON, OUR_TOOT, "post-1");
        mastodon.addFavourite("first", OUR_TOOT);
        CollectEngagementHandler handler = handler(List.of(mastodonSource(40), blueskySource(50)));
        invoke(handler);
        PollCursor before = cursors.find(Platform.MASTODON).orElseThrow();
        mastodon.addFavourite("second", OUR_TOOT);
        bluesky.addLike("fan.example.com", OUR_SKEET);
        mastodon.failNext(FakeMastodon.NOTIFICATIONS, 1, 429,
                Map.of("Retry-After", "120", "X-RateLimit-Remaining", "0"), "{\"error\":\"Too many requests\"}");

        Map<String, Object> limited = invoke(handler);
        PollCursor afterLimit = cursors.find(Platform.MASTODON).orElseThrow();
        Map<String, Object> next = invoke(handler);

        assertEquals("RATE_LIMITED", platformLine(limited, "mastodon").get("stoppedBy"));
        assertEquals(before, afterLimit);
        assertEquals(1L, platformLine(limited, "bluesky").get("events"), "the other platform is polled all the same");
        assertEquals(1L, platformLine(next, "mastodon").get("events"));
        assertEquals(2L, store.counters("post-1", Platform.MASTODON).get(Counter.REACTIONS));
    }

    @Test
    void refusedCredentialsAreLoggedAndSkipped() {
        MastodonNotifications wrongToken = new MastodonNotifications(HTTP,
                new MastodonAccount(mastodon.baseUri(), "revoked-token"), clock, Duration.ofSeconds(2), 40);
        mastodon.addFavourite("bob", OUR_TOOT);

        Map<String, Object> answer = invoke(handler(List.of(wrongToken)));

        assertEquals("CREDENTIALS_REJECTED", platformLine(answer, "mastodon").get("stoppedBy"));
        assertTrue(cursors.find(Platform.MASTODON).isEmpty());
    }

    @Test
    void aFlaggedReplyIsSentToTheBusAsCommentFlagged() {
        remote(Platform.MASTODON, OUR_TOOT, "post-1");
        mastodon.addMention("angry", "You charged my card twice and nobody answers my emails. I want my money back.", OUR_TOOT);
        mastodon.addMention("happy", "Love the new release, great work!", OUR_TOOT);

        invoke(handler(mastodonOnly()));

        List<DomainEvent> flagged = events.ofType("CommentFlagged");
        assertEquals(1, flagged.size(), () -> "flagged: " + flagged);
        assertEquals("post-1", flagged.getFirst().detail().get("postId"));
        assertEquals("mastodon", flagged.getFirst().detail().get("platform"));
        assertEquals("angry", flagged.getFirst().detail().get("author"));
        assertEquals(2.0, total(Metric.COMMENTS_STORED), "both replies counted as stored, in the handler's EMF lines");
        assertEquals(1.0, total(Metric.COMMENTS_FLAGGED));
    }

    @Test
    void eachRunRecordsHowLongTheOldestUnansweredFlaggedCommentHasWaitedEvenWhenTheCheckFails() {
        remote(Platform.MASTODON, OUR_TOOT, "post-1");
        mastodon.addMention("angry", "You charged my card twice and nobody answers my emails. I want my money back.", OUR_TOOT);
        invoke(handler(mastodonOnly()));
        clock.advance(Duration.ofMinutes(70));
        DynamoReplyStore replies = new DynamoReplyStore(dynamo, table);
        EngagementIngestion ingestion = new EngagementIngestion(store, Triage.standard(),
                new OutboxRelay(events, new DynamoEventOutbox(dynamo, table)), clock, emf.metrics());
        CollectEngagementHandler checking = new CollectEngagementHandler(new EngagementPolling(ingestion, cursors), this::mastodonOnly,
                emf.metrics(), () -> ResponseTimes.recordOldestWaiting(replies.unanswered(10), clock.instant(), emf.metrics()));

        invoke(checking);

        String severity = String.valueOf(replies.unanswered(10).getFirst().stored().verdict().severity());
        assertEquals(List.of(70 * 60.0), emf.valuesOf(Metric.OLDEST_WAITING_COMMENT.metricName(), Map.of("severity", severity)));
        CollectEngagementHandler failingCheck = new CollectEngagementHandler(new EngagementPolling(ingestion, cursors), this::mastodonOnly,
                emf.metrics(), () -> {
                    throw new IllegalStateException("the index is throttled");
                });
        invoke(failingCheck);
    }

    /** A count summed over every combination of dimension values it was written with. */
    private double total(Metric metric) {
        return emf.values().stream()
                .filter(v -> v.name().equals(metric.metricName()))
                .mapToDouble(v -> ((Number) v.value()).doubleValue())
                .sum();
    }

    // ---------------------------------------------------------------- Bluesky

    @Test
    void blueskyRepliesMentionsQuotesLikesAndRepostsAreStored() {
        remote(Platform.BLUESKY, OUR_SKEET, "post-b");
        String reply = bluesky.addReply("alice.example.com", "Very useful, thanks", OUR_SKEET, OUR_SKEET);
        bluesky.addLike("bob.example.com", OUR_SKEET);
        bluesky.addRepost("carol.example.com", OUR_SKEET);
        bluesky.addQuote("dave.example.com", "Worth a read", OUR_SKEET);
        bluesky.addMention("erin.example.com", "hi @desk.example.com");
        bluesky.addFollow("frank.example.com");

        Map<String, Object> answer = invoke(handler(blueskyOnly()));

        assertEquals(5L, platformLine(answer, "bluesky").get("events"));
        assertEquals(Map.of("comments", 1L, "replies", 1L, "reactions", 1L, "shares", 1L),
                nonZero(store.counters("post-b", Platform.BLUESKY)));
        assertEquals(Map.of("mentions", 1L), nonZero(store.counters(Owners.unmatched(Platform.BLUESKY), Platform.BLUESKY)));
        StoredComment comment = store.findComment("post-b", Platform.BLUESKY, reply).orElseThrow();
        assertEquals("Very useful, thanks", comment.comment().text());
        assertEquals("alice.example.com", comment.comment().author().name());
        String rkey = reply.substring(reply.lastIndexOf('/') + 1);
        assertEquals("https://bsky.app/profile/" + FakeBluesky.didOf("alice.example.com") + "/post/" + rkey,
                comment.comment().permalink());
        RecordedRequest request = bluesky.requests(FakeBluesky.LIST_NOTIFICATIONS).getFirst();
        assertTrue(request.rawQuery().contains("reasons=reply&reasons=mention&reasons=quote&reasons=like&reasons=repost"));
        assertEquals(List.of(), bluesky.violations());
    }

    @Test
    void blueskyKeepsOneSessionAcrossRunsAndReadsNothingTwice() {
        remote(Platform.BLUESKY, OUR_SKEET, "post-b");
        bluesky.addLike("bob.example.com", OUR_SKEET);
        CollectEngagementHandler handler = handler(blueskyOnly());
        invoke(handler);

        Map<String, Object> second = invoke(handler);
        clock.advance(Duration.ofMinutes(15));
        bluesky.addRepost("carol.example.com", OUR_SKEET);
        Map<String, Object> third = invoke(handler);

        assertEquals(0L, platformLine(second, "bluesky").get("events"));
        assertEquals(1L, platformLine(third, "bluesky").get("events"));
        assertEquals(Map.of("reactions", 1L, "shares", 1L), nonZero(store.counters("post-b", Platform.BLUESKY)));
        assertEquals(1, bluesky.createSessionCalls(), "one createSession for all runs");
    }

    @Test
    void aBlueskyBacklogLongerThanARunIsFinishedByTheNextRunWithoutGaps() {
        remote(Platform.BLUESKY, OUR_SKEET, "post-b");
        bluesky.addLike("first.example.com", OUR_SKEET);
        CollectEngagementHandler handler = handler(cursors, List.of(blueskySource(2)), 2);
        invoke(handler);
        for (int i = 0; i < 7; i++) {
            bluesky.addLike("fan" + i + ".example.com", OUR_SKEET);
        }

        Map<String, Object> partly = invoke(handler);
        bluesky.addLike("late.example.com", OUR_SKEET);
        Map<String, Object> rest = invoke(handler);
        Map<String, Object> latest = invoke(handler);
        Map<String, Object> quiet = invoke(handler);

        assertEquals("page-limit", platformLine(partly, "bluesky").get("stoppedBy"));
        assertEquals(4L, platformLine(partly, "bluesky").get("events"));
        assertEquals(3L, platformLine(rest, "bluesky").get("events"), "the walk goes on down to the old mark");
        assertEquals(1L, platformLine(latest, "bluesky").get("events"), "then what arrived meanwhile");
        assertEquals(0L, platformLine(quiet, "bluesky").get("events"));
        assertEquals(9L, store.counters("post-b", Platform.BLUESKY).get(Counter.REACTIONS));
    }

    @Test
    void aBlueskyRunThatDiesBeforeItsCursorWriteIsRedoneWithoutDoubling() {
        remote(Platform.BLUESKY, OUR_SKEET, "post-b");
        bluesky.addLike("first.example.com", OUR_SKEET);
        List<NotificationSource> sources = blueskyOnly();
        invoke(handler(sources));
        bluesky.addReply("alice.example.com", "Nice", OUR_SKEET, OUR_SKEET);
        bluesky.addRepost("carol.example.com", OUR_SKEET);
        PollCursor before = cursors.find(Platform.BLUESKY).orElseThrow();

        assertThrows(IllegalStateException.class, () -> invoke(handler(crashingCursors(), sources)));
        PollCursor afterCrash = cursors.find(Platform.BLUESKY).orElseThrow();
        Map<String, Object> again = invoke(handler(sources));

        assertEquals(before, afterCrash, "the cursor stays where it was");
        assertEquals(2L, platformLine(again, "bluesky").get("duplicates"));
        assertEquals(Map.of("replies", 1L, "reactions", 1L, "shares", 1L), nonZero(store.counters("post-b", Platform.BLUESKY)));
        assertEquals(1, bluesky.createSessionCalls());
    }

    @Test
    void aBlueskyRateLimitKeepsTheCursor() {
        bluesky.addLike("first.example.com", OUR_SKEET);
        List<NotificationSource> sources = blueskyOnly();
        invoke(handler(sources));
        PollCursor before = cursors.find(Platform.BLUESKY).orElseThrow();
        bluesky.addLike("second.example.com", OUR_SKEET);
        bluesky.failNext(FakeBluesky.LIST_NOTIFICATIONS, 1, 429, Map.of("ratelimit-remaining", "0",
                "ratelimit-reset", Long.toString(clock.instant().getEpochSecond() + 60)),
                "{\"error\":\"RateLimitExceeded\",\"message\":\"Rate Limit Exceeded\"}");

        Map<String, Object> limited = invoke(handler(sources));

        assertEquals("RATE_LIMITED", platformLine(limited, "bluesky").get("stoppedBy"));
        assertEquals(before, cursors.find(Platform.BLUESKY).orElseThrow());
    }

    // ---------------------------------------------------------------- the cursor store

    @Test
    void anOverlappingRunCannotMoveTheCursorBackwards() {
        assertTrue(cursors.advance(Platform.MASTODON, new PollCursor("0005", "5")));
        assertTrue(cursors.advance(Platform.MASTODON, new PollCursor("0009", "9")));

        boolean stale = cursors.advance(Platform.MASTODON, new PollCursor("0007", "7"));
        boolean same = cursors.advance(Platform.MASTODON, new PollCursor("0009", "9"));

        assertFalse(stale);
        assertFalse(same);
        assertEquals(new PollCursor("0009", "9"), cursors.find(Platform.MASTODON).orElseThrow());
    }

    // ---------------------------------------------------------------- helpers

    private MastodonNotifications mastodonSource(int pageSize) {
        return new MastodonNotifications(HTTP, mastodon.account(), clock, Duration.ofSeconds(2), pageSize);
    }

    private BlueskyNotifications blueskySource(int pageSize) {
        return new BlueskyNotifications(HTTP, bluesky.account(), clock, Duration.ofSeconds(2), pageSize);
    }

    private List<NotificationSource> mastodonOnly() {
        return List.of(mastodonSource(40));
    }

    private List<NotificationSource> blueskyOnly() {
        return List.of(blueskySource(50));
    }

    private CollectEngagementHandler handler(List<NotificationSource> sources) {
        return handler(cursors, sources);
    }

    private CollectEngagementHandler handler(PollCursorStore cursorStore, List<NotificationSource> sources) {
        return handler(cursorStore, sources, EngagementPolling.DEFAULT_MAX_PAGES);
    }

    private CollectEngagementHandler handler(PollCursorStore cursorStore, List<NotificationSource> sources, int maxPages) {
        EngagementIngestion ingestion = new EngagementIngestion(store, Triage.standard(),
                new OutboxRelay(events, new DynamoEventOutbox(dynamo, table)), clock, emf.metrics());
        return new CollectEngagementHandler(new EngagementPolling(ingestion, cursorStore, maxPages, 1_000), () -> sources,
                emf.metrics());
    }

    /** A cursor store whose writes fail as if the process died right after the page was ingested. */
    private PollCursorStore crashingCursors() {
        return new PollCursorStore() {
            @Override
            public Optional<PollCursor> find(Platform platform) {
                return cursors.find(platform);
            }

            @Override
            public boolean advance(Platform platform, PollCursor next) {
                throw new IllegalStateException("the run died before its cursor write");
            }
        };
    }

    /** A published delivery of {@code postId}, recorded as the publisher records it (with the remote index). */
    private void remote(Platform platform, String remoteId, String postId) {
        new DynamoPostStore(dynamo, table).recordDelivery(
                new Delivery(postId, platform, DeliveryStatus.PUBLISHED, 1, remoteId, null, null, null));
    }

    private static Map<String, Long> nonZero(Map<Counter, Long> counters) {
        Map<String, Long> out = new java.util.TreeMap<>();
        counters.forEach((k, v) -> {
            if (v != 0) {
                out.put(k.attribute(), v);
            }
        });
        return out;
    }

    private static Map<String, Object> invoke(CollectEngagementHandler handler) {
        return invoke(handler, EventLoader.loadScheduledEvent("events/collect-engagement-tick.json"));
    }

    /** The handler's answer as the JSON Lambda writes for it, read back. */
    private static Map<String, Object> invoke(CollectEngagementHandler handler, ScheduledEvent tick) {
        return Json.parseObject(Json.write(handler.handleRequest(tick, TestContext.of("collect-engagement", "test-run"))));
    }

    private static Map<String, Object> platformLine(Map<String, Object> answer, String platform) {
        for (Object line : JsonRead.list(answer, "platforms")) {
            if (platform.equals(JsonRead.string(line, "platform"))) {
                return JsonRead.object(line);
            }
        }
        throw new AssertionError("no line for " + platform + " in " + answer);
    }
}
