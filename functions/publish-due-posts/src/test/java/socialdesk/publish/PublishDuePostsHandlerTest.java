package socialdesk.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import socialdesk.aws.dynamo.DynamoAccountHealthStore;
import socialdesk.aws.dynamo.DynamoEventOutbox;
import socialdesk.aws.dynamo.DynamoPostStore;
import socialdesk.aws.testing.Dynalite;
import socialdesk.aws.testing.TestContext;
import socialdesk.core.events.DomainEvent;
import socialdesk.core.events.OutboxRelay;
import socialdesk.core.json.Json;
import socialdesk.core.json.JsonRead;
import socialdesk.core.post.Delivery;
import socialdesk.core.post.DeliveryStatus;
import socialdesk.core.post.Platform;
import socialdesk.core.post.Post;
import socialdesk.core.post.PostContent;
import socialdesk.core.post.PostStatus;
import socialdesk.core.publish.AccountEvents;
import socialdesk.core.publish.DuePostPublisher;
import socialdesk.core.publish.PlatformAccounts;
import socialdesk.core.publish.PlatformPublisher;
import socialdesk.core.publish.PublishRequest;
import socialdesk.core.publish.PublishSettings;
import socialdesk.core.publish.RetryPolicy;
import socialdesk.core.publish.RunReport;
import socialdesk.platforms.PlatformHttp;
import socialdesk.platforms.bluesky.BlueskyPublisher;
import socialdesk.platforms.fake.FakeBluesky;
import socialdesk.platforms.fake.FakeMastodon;
import socialdesk.platforms.fake.TestClock;
import socialdesk.platforms.mastodon.MastodonPublisher;

/**
 * The publisher end to end: the real handler and service over DynamoDB (dynalite on loopback) and
 * the real Mastodon and Bluesky adapters talking HTTP to loopback servers that behave like the
 * platforms. Time is a test clock, so retries and leases are exercised without sleeping.
 */
class PublishDuePostsHandlerTest {
    private static final Instant START = Instant.parse("2026-11-26T09:00:00Z");
    /** Generous, so a loaded test machine never turns a slow answer into a retry. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** For the one test that makes the platform hang on purpose. */
    private static final Duration SHORT_TIMEOUT = Duration.ofMillis(500);
    private static final PublishSettings SETTINGS = new PublishSettings(500, 16, Duration.ofMinutes(3),
            Duration.ofSeconds(20), new RetryPolicy(4, 2, Duration.ofSeconds(30), Duration.ofMinutes(10)),
            Duration.ofMinutes(15), Duration.ofDays(7));

    private final TestClock clock = new TestClock(START);
    private final RecordingEvents events = new RecordingEvents();
    private final HttpClient http = PlatformHttp.newClient(Duration.ofSeconds(2));
    private FakeMastodon mastodon;
    private FakeBluesky bluesky;
    private DynamoPostStore store;
    private DynamoAccountHealthStore health;
    private OutboxRelay relay;

    @BeforeEach
    void start() {
        Dynalite dynalite = Dynalite.shared();
        String table = dynalite.createTable();
        store = new DynamoPostStore(dynalite.client(), table);
        health = new DynamoAccountHealthStore(dynalite.client(), table);
        relay = new OutboxRelay(events, new DynamoEventOutbox(dynalite.client(), table));
        mastodon = new FakeMastodon(FakeMastodon.DEFAULT_TOKEN, 500, clock);
        bluesky = new FakeBluesky(clock);
    }

    @AfterEach
    void stop() {
        mastodon.close();
        bluesky.close();
    }

    private DuePostPublisher publisher() {
        return publisher(REQUEST_TIMEOUT);
    }

    private DuePostPublisher publisher(Duration requestTimeout) {
        Map<Platform, PlatformPublisher> publishers = Map.of(
                Platform.MASTODON, new MastodonPublisher(http, mastodon.account(), clock, requestTimeout),
                Platform.BLUESKY, new BlueskyPublisher(http, bluesky.account(), clock, requestTimeout));
        return publisher(PlatformAccounts.of(publishers));
    }

    private DuePostPublisher publisher(PlatformAccounts accounts) {
        return new DuePostPublisher(store, health, () -> accounts, relay, clock, SETTINGS, new Random(42));
    }

    private RunReport tick() {
        return publisher().run(UUID.randomUUID().toString(), () -> 60_000);
    }

    private Post queue(String text, Instant dueAt, Platform... platforms) {
        Post post = new Post(UUID.randomUUID().toString(), new PostContent(text, null), List.of(platforms),
                dueAt, PostStatus.QUEUED, 1, START.minus(Duration.ofDays(1)));
        assertTrue(store.create(post));
        return post;
    }

    private Delivery delivery(Post post, Platform platform) {
        return store.deliveries(post.id()).stream().filter(d -> d.platform() == platform).findFirst().orElseThrow();
    }

    private PostStatus status(Post post) {
        return store.find(post.id()).orElseThrow().status();
    }

    @Test
    void publishesEachDuePostExactlyOncePerPlatformWhenFourRunsOverlap() throws Exception {
        List<Post> posts = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            posts.add(queue("Post number " + i + " from the desk", START.minusSeconds(i), Platform.MASTODON, Platform.BLUESKY));
        }
        mastodon.latency(Duration.ofMillis(5));

        List<Future<RunReport>> runs;
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            runs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String runId = "run-" + i;
                runs.add(pool.submit(() -> publisher().run(runId, () -> 60_000)));
            }
        }

        int claimed = runs.stream().mapToInt(f -> f.resultNow().claimed()).sum();
        assertEquals(300, claimed, "every post claimed by exactly one run");
        assertEquals(300, mastodon.statusesCreated());
        assertEquals(300, bluesky.records().size());
        assertEquals(300, mastodon.statuses().stream().map(FakeMastodon.Status::text).distinct().count());
        assertTrue(posts.stream().allMatch(p -> status(p) == PostStatus.PUBLISHED));
        assertEquals(300, events.ofType("PostPublished").size());
        assertEquals(List.of(), mastodon.violations());
        assertEquals(List.of(), bluesky.violations());
        assertEquals(List.of(), store.findDue(START.plus(Duration.ofDays(1)), 10));
    }

    @Test
    void anOutcomeEventTheBusRefusedIsSweptByTheFirstRunAfterTheWritersDeadlineOnceWithTheSameId() {
        Post post = queue("Announced despite the bus", START, Platform.MASTODON);
        events.down(true);
        tick();
        events.down(false);
        assertEquals(PostStatus.PUBLISHED, status(post));
        assertEquals(List.of(), events.ofType("PostPublished"));

        clock.advance(Duration.ofSeconds(59));
        tick();
        assertEquals(List.of(), events.ofType("PostPublished"), "the writer's invocation could still be running");
        clock.advance(Duration.ofSeconds(1));
        tick();
        clock.advance(Duration.ofMinutes(1));
        tick();

        List<DomainEvent> published = events.ofType("PostPublished");
        assertEquals(1, published.size());
        assertEquals(post.id(), published.getFirst().detail().get("postId"));
        assertEquals(DomainEvent.of("social.publishing", "PostPublished", post.id() + "/PUBLISHED", Map.of()).id(),
                published.getFirst().detail().get(DomainEvent.ID_FIELD));
        assertEquals(1, mastodon.statusesCreated());
    }

    @Test
    void aRunKilledAfterClaimingIsFinishedOnceByALaterRun() {
        Post post = queue("Survives a crash", START, Platform.MASTODON, Platform.BLUESKY);
        store.claim(post.id(), START, START.plus(SETTINGS.lease()), "killed-run").orElseThrow();

        clock.advance(Duration.ofMinutes(1));
        assertEquals(0, tick().claimed(), "the lease is still held");
        assertEquals(0, mastodon.statusesCreated());

        clock.advance(SETTINGS.lease());
        RunReport rescue = tick();

        assertEquals(1, rescue.claimed());
        assertEquals(PostStatus.PUBLISHED, status(post));
        assertEquals(1, mastodon.statusesCreated());
        assertEquals(1, bluesky.records().size());
    }

    @Test
    void aSendWhoseAnswerWasLostIsNotPostedTwice() {
        Post post = queue("The platform got it, we never heard back", START, Platform.MASTODON, Platform.BLUESKY);
        PublishRequest sameSend = new PublishRequest(post.id(), post.content(), DuePostPublisher.idempotencyKey(post.id(), Platform.MASTODON), post.dueAt());
        new MastodonPublisher(http, mastodon.account(), clock).publish(sameSend);
        new BlueskyPublisher(http, bluesky.account(), clock).publish(new PublishRequest(post.id(), post.content(),
                DuePostPublisher.idempotencyKey(post.id(), Platform.BLUESKY), post.dueAt()));

        tick();

        assertEquals(PostStatus.PUBLISHED, status(post));
        assertEquals(1, mastodon.statusesCreated());
        assertEquals(1, bluesky.records().size());
        assertEquals(mastodon.statuses().getFirst().id(), delivery(post, Platform.MASTODON).remoteId());
    }

    @Test
    void aRateLimitedPlatformIsRetriedNoSoonerThanRetryAfterWhileTheOtherGoesOut() {
        Post post = queue("Rate limited on one platform", START, Platform.MASTODON, Platform.BLUESKY);
        mastodon.failNext(FakeMastodon.STATUSES, 1, 429, Map.of("Retry-After", "300"), "{\"error\":\"Too many requests\"}");

        RunReport first = tick();

        assertEquals(1, first.published());
        assertEquals(1, first.retrying());
        assertEquals(DeliveryStatus.PUBLISHED, delivery(post, Platform.BLUESKY).status());
        Delivery waiting = delivery(post, Platform.MASTODON);
        assertEquals(DeliveryStatus.PENDING, waiting.status());
        assertEquals(START.plusSeconds(300), waiting.nextAttemptAt());
        assertEquals(PostStatus.PUBLISHING, status(post));

        clock.advance(Duration.ofSeconds(299));
        assertEquals(0, tick().claimed());

        clock.advance(Duration.ofSeconds(1));
        tick();

        assertEquals(PostStatus.PUBLISHED, status(post));
        assertEquals(1, mastodon.statusesCreated());
        assertEquals(1, bluesky.records().size(), "the platform that succeeded is not sent again");
        assertEquals(2, delivery(post, Platform.MASTODON).attempts());
    }

    @Test
    void aServerErrorIsRetriedWithBackoffAndThenSucceeds() {
        Post post = queue("Flaky instance", START, Platform.MASTODON);
        mastodon.failNext(FakeMastodon.STATUSES, 1, 503, Map.of(), "<html>Service Unavailable</html>");

        tick();
        Delivery waiting = delivery(post, Platform.MASTODON);
        assertTrue(waiting.lastError().contains("503"), waiting.lastError());
        Duration backoff = Duration.between(START, waiting.nextAttemptAt());
        assertTrue(backoff.compareTo(Duration.ofSeconds(15)) >= 0 && backoff.compareTo(Duration.ofSeconds(30)) <= 0, backoff.toString());

        clock.set(waiting.nextAttemptAt());
        tick();

        assertEquals(PostStatus.PUBLISHED, status(post));
        assertEquals(1, mastodon.statusesCreated());
    }

    @Test
    void aTimeoutIsRetriedAndTheRetryDoesNotDuplicateThePost() {
        Post post = queue("Slow instance", START, Platform.MASTODON);
        mastodon.hangNext(FakeMastodon.STATUSES, 1, SHORT_TIMEOUT.multipliedBy(4));

        publisher(SHORT_TIMEOUT).run("impatient-run", () -> 60_000);
        Delivery waiting = delivery(post, Platform.MASTODON);
        assertEquals(DeliveryStatus.PENDING, waiting.status());

        clock.set(waiting.nextAttemptAt());
        tick();

        assertEquals(PostStatus.PUBLISHED, status(post));
        assertEquals(1, mastodon.statusesCreated(), "the timed-out send and its retry are one status");
    }

    @Test
    void aPermanentRefusalFailsAfterBoundedAttemptsAndEmitsPostFailed() {
        Post post = queue("Refused by the instance", START, Platform.MASTODON);
        String refusal = "{\"error\":\"Validation failed: Text contains a forbidden word\"}";
        mastodon.failNext(FakeMastodon.STATUSES, 10, 422, Map.of(), refusal);

        tick();
        assertEquals(PostStatus.PUBLISHING, status(post));
        clock.set(delivery(post, Platform.MASTODON).nextAttemptAt());
        tick();

        Delivery failed = delivery(post, Platform.MASTODON);
        assertEquals(DeliveryStatus.FAILED, failed.status());
        assertEquals(2, failed.attempts());
        assertEquals(PostStatus.FAILED, status(post));
        assertEquals(2, mastodon.requests(FakeMastodon.STATUSES).size());
        DomainEvent event = events.ofType("PostFailed").getFirst();
        assertEquals(post.id(), event.detail().get("postId"));
        String reason = (String) JsonRead.list(event.detail(), "failures").stream()
                .map(f -> JsonRead.string(f, "reason")).findFirst().orElseThrow();
        assertTrue(reason.contains("forbidden word"), reason);

        clock.advance(Duration.ofHours(2));
        assertEquals(0, tick().due(), "a failed post is off the queue");
    }

    @Test
    void overLimitTextNeverReachesEitherPlatformAndSaysWhy() {
        String link = "https://example.com/" + "a".repeat(200);
        Post tooLongForBluesky = queue("x".repeat(278) + " " + link, START, Platform.MASTODON, Platform.BLUESKY);
        Post tooLongForMastodon = queue("y".repeat(478) + " " + link, START.plusMillis(1), Platform.MASTODON);
        clock.advance(Duration.ofSeconds(1));

        tick();

        assertEquals(PostStatus.PARTIALLY_PUBLISHED, status(tooLongForBluesky), "478+23 URL chars fit Mastodon's 500");
        assertTrue(delivery(tooLongForBluesky, Platform.BLUESKY).lastError().startsWith("bluesky:"));
        assertEquals(0, delivery(tooLongForBluesky, Platform.BLUESKY).attempts());
        assertEquals(PostStatus.FAILED, status(tooLongForMastodon));
        String reason = delivery(tooLongForMastodon, Platform.MASTODON).lastError();
        assertTrue(reason.startsWith("mastodon:") && reason.contains("500"), reason);
        assertEquals(1, mastodon.statusesCreated());
        assertEquals(0, bluesky.records().size());
        Set<String> failedPosts = events.ofType("PostFailed").stream()
                .map(e -> (String) e.detail().get("postId")).collect(Collectors.toSet());
        assertEquals(Set.of(tooLongForBluesky.id(), tooLongForMastodon.id()), failedPosts);
    }

    @Test
    void stopsClaimingWhenTheInvocationIsAboutToRunOutOfTime() {
        for (int i = 0; i < 5; i++) {
            queue("Deferred " + i, START, Platform.MASTODON);
        }
        // Every read of the remaining time costs 15 s; the first read sets the deadline of the run's events.
        long[] remaining = {75_000};

        RunReport report = publisher().run("short-run", () -> remaining[0] -= 15_000);

        assertEquals(5, report.due());
        assertEquals(2, report.claimed(), "claims stop once less than the 20 s reserve remains");
        assertEquals(3, report.deferred());
        assertEquals(2, mastodon.statusesCreated());
        assertEquals(3, tick().claimed(), "the next run picks up the rest");
    }

    @Test
    void leavesPostsThatAreNotYetDueAlone() {
        Post future = queue("Tomorrow", START.plus(Duration.ofDays(1)), Platform.MASTODON);

        RunReport report = tick();

        assertEquals(0, report.due());
        assertEquals(PostStatus.QUEUED, status(future));
        assertEquals(0, mastodon.requests().size());
    }

    @Test
    void aPlatformWithoutAnAccountFailsLoudlyInsteadOfWaitingForever() {
        Post post = queue("Nobody configured Bluesky", START, Platform.BLUESKY);
        DuePostPublisher mastodonOnly = publisher(PlatformAccounts.of(
                Map.of(Platform.MASTODON, new MastodonPublisher(http, mastodon.account(), clock))));

        mastodonOnly.run("run", () -> 60_000);

        assertEquals(PostStatus.FAILED, status(post));
        assertTrue(delivery(post, Platform.BLUESKY).lastError().contains("no account is configured"));
    }

    @Test
    void rejectedCredentialsHoldTheAccountsPostsTellAPersonOnceAndResumeWhenFixed() {
        List<Post> posts = List.of(queue("Held 1", START, Platform.MASTODON, Platform.BLUESKY),
                queue("Held 2", START, Platform.MASTODON), queue("Held 3", START, Platform.MASTODON));
        String rejected = "{\"error\":\"The access token is invalid\"}";
        mastodon.failNext(FakeMastodon.STATUSES, 100, 401, Map.of(), rejected);

        RunReport first = tick();

        assertEquals(3, first.blocked());
        assertEquals(1, first.published(), "Bluesky is not held back by Mastodon's account");
        assertTrue(posts.stream().allMatch(p -> delivery(p, Platform.MASTODON).status() == DeliveryStatus.BLOCKED));
        assertTrue(posts.stream().allMatch(p -> delivery(p, Platform.MASTODON).attempts() == 0), "holding is not an attempt");
        assertEquals(1, events.ofType(AccountEvents.CREDENTIALS_REJECTED).size());
        assertEquals(PostStatus.PUBLISHING, status(posts.getFirst()));

        for (int minute = 1; minute <= 60; minute++) {
            clock.advance(Duration.ofMinutes(1));
            tick();
        }
        int requestsWhileBlocked = mastodon.requests(FakeMastodon.STATUSES).size() - 3;
        assertTrue(requestsWhileBlocked >= 3 && requestsWhileBlocked <= 5,
                "one probe per 15 minutes, not a retry loop: " + requestsWhileBlocked);
        assertEquals(1, events.ofType(AccountEvents.CREDENTIALS_REJECTED).size(), "a person is told once");
        assertTrue(posts.stream().noneMatch(p -> delivery(p, Platform.MASTODON).status() == DeliveryStatus.FAILED));

        mastodon.clearScripts();
        for (int minute = 1; minute <= 2 * 18; minute++) {
            clock.advance(Duration.ofMinutes(1));
            tick();
        }

        assertEquals(1, events.ofType(AccountEvents.CREDENTIALS_RESTORED).size());
        assertTrue(posts.stream().allMatch(p -> status(p) == PostStatus.PUBLISHED),
                "held posts go out within a probe interval and a few minutes of the first successful probe");
        assertEquals(3, mastodon.statusesCreated());
    }

    @Test
    void credentialsAboutToExpireAreReportedOnceDaysAhead() {
        Map<Platform, PlatformPublisher> publishers = Map.of(
                Platform.MASTODON, new MastodonPublisher(http, mastodon.account(), clock, REQUEST_TIMEOUT));
        Instant expiry = START.plus(Duration.ofDays(5));
        DuePostPublisher expiring = publisher(new PlatformAccounts(publishers, Map.of(Platform.MASTODON, expiry)));
        DuePostPublisher farFromExpiry = publisher(new PlatformAccounts(publishers,
                Map.of(Platform.MASTODON, START.plus(Duration.ofDays(30)))));

        farFromExpiry.run("run-0", () -> 60_000);
        assertEquals(0, events.ofType(AccountEvents.CREDENTIALS_EXPIRING).size());
        expiring.run("run-1", () -> 60_000);
        expiring.run("run-2", () -> 60_000);

        List<DomainEvent> warnings = events.ofType(AccountEvents.CREDENTIALS_EXPIRING);
        assertEquals(1, warnings.size());
        assertEquals("mastodon", warnings.getFirst().detail().get("platform"));
        assertEquals(5L, warnings.getFirst().detail().get("daysLeft"));
        assertEquals(expiry.toString(), warnings.getFirst().detail().get("expiresAt"));
    }

    @ParameterizedTest
    @Event(value = "events/scheduled-tick.json", type = ScheduledEvent.class)
    void theHandlerRunsOnTheScheduledEventFromEvents(ScheduledEvent tick) {
        Post post = queue("Scheduled", START, Platform.MASTODON, Platform.BLUESKY);
        PublishDuePostsHandler handler = new PublishDuePostsHandler(publisher());

        Map<String, Object> answer = handler.handleRequest(tick, TestContext.of("publish-due-posts", "req-1"));

        Map<String, Object> summary = Json.parseObject(Json.write(answer));
        assertEquals(1L, summary.get("claimed"));
        assertEquals(2L, summary.get("published"));
        assertEquals(PostStatus.PUBLISHED, status(post));
    }
}
