package socialdesk.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import socialdesk.aws.dynamo.DynamoAccountHealthStore;
import socialdesk.aws.dynamo.DynamoPostStore;
import socialdesk.aws.testing.Dynalite;
import socialdesk.core.events.DomainEvent;
import socialdesk.core.json.JsonRead;
import socialdesk.core.post.Delivery;
import socialdesk.core.post.DeliveryStatus;
import socialdesk.core.post.Platform;
import socialdesk.core.post.Post;
import socialdesk.core.post.PostContent;
import socialdesk.core.post.PostStatus;
import socialdesk.core.publish.DuePostPublisher;
import socialdesk.core.publish.PlatformAccounts;
import socialdesk.core.publish.PublishEvents;
import socialdesk.core.publish.PublishOutcome;
import socialdesk.core.publish.PublishRequest;
import socialdesk.core.publish.PublishSettings;
import socialdesk.core.publish.RetryPolicy;
import socialdesk.platforms.PlatformHttp;
import socialdesk.platforms.facebook.FacebookPublisher;
import socialdesk.platforms.fake.FakeGraph;
import socialdesk.platforms.fake.FakeTelegram;
import socialdesk.platforms.fake.TestClock;
import socialdesk.platforms.telegram.TelegramPublisher;

/**
 * A run that dies mid-send, simulated exactly where the kill can land: the claim (with its in-flight
 * mark) is written by the store and then nothing else happens (killed between the write and the
 * send), or the platform also received the post and nobody recorded the answer (killed between the
 * send and the answer). The next run, once the lease has expired, must find the mark, ask the
 * platform, and post nothing twice; where the platform cannot be asked, hand the delivery to a
 * person. Real store on dynalite, real adapters against loopback fakes, a test clock.
 */
class ReconcileInFlightTest {
    private static final Instant START = Instant.parse("2026-11-26T09:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(3);
    private static final PublishSettings SETTINGS = new PublishSettings(500, 16, LEASE, Duration.ofSeconds(20),
            new RetryPolicy(4, 2, Duration.ofSeconds(30), Duration.ofMinutes(10)), Duration.ofMinutes(15), Duration.ofDays(7),
            Duration.ofSeconds(60), Duration.ofHours(6));

    private final TestClock clock = new TestClock(START);
    private final RecordingEvents events = new RecordingEvents();
    private final HttpClient http = PlatformHttp.newClient(Duration.ofSeconds(2));
    private final FakeGraph graph = new FakeGraph("v24.0");
    private final FakeTelegram telegram = new FakeTelegram(clock);
    private FacebookPublisher facebook;
    private DynamoPostStore store;
    private DynamoAccountHealthStore health;

    @BeforeEach
    void start() {
        Dynalite dynalite = Dynalite.shared();
        String table = dynalite.createTable();
        store = new DynamoPostStore(dynalite.client(), table);
        health = new DynamoAccountHealthStore(dynalite.client(), table);
        facebook = new FacebookPublisher(http, graph.facebookAccount(), clock, Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        graph.close();
        telegram.close();
    }

    private DuePostPublisher publisher() {
        PlatformAccounts accounts = PlatformAccounts.of(Map.of(Platform.FACEBOOK, facebook,
                Platform.TELEGRAM, new TelegramPublisher(http, telegram.account(), clock, Duration.ofSeconds(10))));
        return new DuePostPublisher(store, health, () -> accounts, events, clock, SETTINGS, new Random(7));
    }

    private void tick() {
        publisher().run(UUID.randomUUID().toString(), () -> 60_000);
    }

    private Post queue(String text, Platform... platforms) {
        Post post = new Post(UUID.randomUUID().toString(), new PostContent(text, null), List.of(platforms),
                START.minusSeconds(1), PostStatus.QUEUED, 1, START.minus(Duration.ofDays(1)));
        assertTrue(store.create(post));
        return post;
    }

    /** What a run that is killed right after its claim leaves behind: the claim, its mark, nothing else. */
    private void claimAndDie(Post post) {
        assertTrue(store.claim(post.id(), clock.instant(), clock.instant().plus(LEASE), "run-killed").isPresent());
    }

    private Delivery delivery(Post post, Platform platform) {
        return store.deliveries(post.id()).stream().filter(d -> d.platform() == platform).findFirst().orElseThrow();
    }

    @Test
    void killedBetweenTheWriteAndTheSendThePostGoesOutOnceAfterALookup() {
        Post post = queue("Killed before the send", Platform.FACEBOOK);
        claimAndDie(post);
        clock.advance(LEASE.plusSeconds(1));

        tick();

        assertEquals(1, graph.posts().size(), "sent once, after the lookup found nothing");
        assertEquals(1, graph.requests().stream().filter(r -> r.method().equals("GET") && r.path().endsWith("/feed")).count());
        assertEquals(DeliveryStatus.PUBLISHED, delivery(post, Platform.FACEBOOK).status());
        assertEquals(PostStatus.PUBLISHED, store.find(post.id()).orElseThrow().status());
        assertEquals(List.of(), graph.violations());
    }

    @Test
    void killedBetweenTheSendAndTheAnswerThePostIsFoundAndNotSentAgain() {
        Post post = queue("Killed after the send", Platform.FACEBOOK);
        claimAndDie(post);
        PublishOutcome.Published landed = assertInstanceOf(PublishOutcome.Published.class, facebook.publish(
                new PublishRequest(post.id(), post.content(), DuePostPublisher.idempotencyKey(post.id(), Platform.FACEBOOK), post.dueAt())));
        clock.advance(LEASE.plusSeconds(1));

        tick();

        assertEquals(1, graph.posts().size(), "not posted twice");
        Delivery recorded = delivery(post, Platform.FACEBOOK);
        assertEquals(DeliveryStatus.PUBLISHED, recorded.status());
        assertEquals(landed.remoteId(), recorded.remoteId());
        assertEquals(PostStatus.PUBLISHED, store.find(post.id()).orElseThrow().status());
        assertEquals(1, events.ofType(PublishEvents.POST_PUBLISHED).size());
    }

    @Test
    void aFailingLookupWaitsAndAsksAgainInsteadOfResending() {
        Post post = queue("Lookup fails once", Platform.FACEBOOK);
        claimAndDie(post);
        assertInstanceOf(PublishOutcome.Published.class, facebook.publish(
                new PublishRequest(post.id(), post.content(), DuePostPublisher.idempotencyKey(post.id(), Platform.FACEBOOK), post.dueAt())));
        clock.advance(LEASE.plusSeconds(1));
        graph.failNext(1, 500, Map.of(), "{\"error\":{\"message\":\"An unexpected error has occurred.\",\"type\":\"OAuthException\",\"code\":2}}");

        tick();

        Delivery waiting = delivery(post, Platform.FACEBOOK);
        assertEquals(DeliveryStatus.PENDING, waiting.status());
        assertNotNull(waiting.inDoubtSince(), "still in doubt: the next run asks again");
        assertEquals(0, waiting.attempts());

        clock.set(waiting.nextAttemptAt());
        tick();

        assertEquals(1, graph.posts().size(), "found on the second lookup, never resent");
        assertEquals(DeliveryStatus.PUBLISHED, delivery(post, Platform.FACEBOOK).status());
    }

    @Test
    void notFoundBeforeTheSettleDelayWaitsForThePlatformToSettle() {
        PublishSettings shortLease = new PublishSettings(500, 16, Duration.ofSeconds(10), Duration.ofSeconds(20),
                SETTINGS.retry(), Duration.ofMinutes(15), Duration.ofDays(7), Duration.ofSeconds(60), Duration.ofHours(6));
        Post post = queue("Settling", Platform.FACEBOOK);
        assertTrue(store.claim(post.id(), clock.instant(), clock.instant().plusSeconds(10), "run-killed").isPresent());
        Instant markedAt = clock.instant();
        clock.advance(Duration.ofSeconds(11));
        PlatformAccounts accounts = PlatformAccounts.of(Map.of(Platform.FACEBOOK, facebook));

        new DuePostPublisher(store, health, () -> accounts, events, clock, shortLease, new Random(7)).run("run-2", () -> 60_000);

        Delivery waiting = delivery(post, Platform.FACEBOOK);
        assertEquals(DeliveryStatus.PENDING, waiting.status());
        assertEquals(markedAt.plusSeconds(60), waiting.nextAttemptAt());
        assertEquals(0, graph.posts().size());

        clock.set(waiting.nextAttemptAt());
        new DuePostPublisher(store, health, () -> accounts, events, clock, shortLease, new Random(7)).run("run-3", () -> 60_000);

        assertEquals(1, graph.posts().size());
        assertEquals(DeliveryStatus.PUBLISHED, delivery(post, Platform.FACEBOOK).status());
    }

    @Test
    void wherePlatformCannotBeAskedAPersonIsToldAndNothingIsResent() {
        Post post = queue("Telegram cannot be asked", Platform.TELEGRAM, Platform.FACEBOOK);
        claimAndDie(post);
        clock.advance(LEASE.plusSeconds(1));

        tick();

        assertEquals(0, telegram.messages().size(), "never resent automatically");
        Delivery uncertain = delivery(post, Platform.TELEGRAM);
        assertEquals(DeliveryStatus.UNCERTAIN, uncertain.status());
        assertEquals(DeliveryStatus.PUBLISHED, delivery(post, Platform.FACEBOOK).status());
        assertEquals(PostStatus.UNCERTAIN, store.find(post.id()).orElseThrow().status());
        DomainEvent told = events.ofType(PublishEvents.POST_UNCERTAIN).getFirst();
        assertEquals(post.id(), told.detail().get("postId"));
        assertEquals("telegram", told.detail().get("platform"));
        assertTrue(String.valueOf(told.detail().get("action")).contains("./social deliveries confirm " + post.id() + " telegram"),
                String.valueOf(told.detail().get("action")));
        assertEquals(START.toString(), JsonRead.string(told.detail(), "sentAt"));

        clock.advance(Duration.ofHours(1));
        tick();
        assertEquals(0, telegram.messages().size(), "a later run leaves it to the person");

        store.resendUncertain(post.id(), Platform.TELEGRAM, clock.instant(), "resend requested by ops@example.com");
        tick();

        assertEquals(1, telegram.messages().size());
        assertEquals(DeliveryStatus.PUBLISHED, delivery(post, Platform.TELEGRAM).status());
        assertEquals(PostStatus.PUBLISHED, store.find(post.id()).orElseThrow().status());
    }

    @Test
    void aRunThatReleasesNormallyLeavesNothingInDoubt() {
        Post post = queue("An ordinary run", Platform.FACEBOOK);

        tick();

        assertEquals(1, graph.posts().size());
        assertEquals(0, graph.requests().stream().filter(r -> r.method().equals("GET")).count(), "no lookup on the ordinary path");
        assertEquals(DeliveryStatus.PUBLISHED, delivery(post, Platform.FACEBOOK).status());
    }
}
