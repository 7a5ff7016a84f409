package socialdesk.aws.dynamo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import socialdesk.core.post.Claim;
import socialdesk.core.post.Delivery;
import socialdesk.core.post.DeliveryStatus;
import socialdesk.core.post.LeaseLostException;
import socialdesk.core.post.Platform;
import socialdesk.core.post.Post;
import socialdesk.core.post.PostContent;
import socialdesk.core.post.PostImage;
import socialdesk.core.post.PostStatus;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What DynamoPostStore must do on any DynamoDB-compatible server: the queue's whole life (create,
 * find due, claim, record, release) and the claim's guarantee that overlapping runs never share a
 * post. Each tier runs it against its own server: dynalite here, the emulator container in
 * tests/cloud-emulator.
 */
public abstract class PostStoreContract {
    private static final Instant NOW = Instant.parse("2026-11-26T09:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(3);

    private DynamoDbClient dynamo;
    private String table;
    private DynamoPostStore store;

    /** The server's client; the contract does not close it. */
    protected abstract DynamoDbClient dynamo();

    /** A new, active table with the project's key schema; answers its name. */
    protected abstract String createTable();

    @BeforeEach
    protected void freshTable() {
        dynamo = dynamo();
        table = createTable();
        store = new DynamoPostStore(dynamo, table);
    }

    private static Post queued(Instant dueAt, Platform... platforms) {
        return new Post(UUID.randomUUID().toString(), new PostContent("Hello from the desk", "https://example.com/a"),
                List.of(platforms), dueAt, PostStatus.QUEUED, 1, NOW.minusSeconds(3600));
    }

    @Test
    public void storesAPostWithAPendingDeliveryPerPlatform() {
        Post post = queued(NOW, Platform.MASTODON, Platform.BLUESKY);

        assertTrue(store.create(post));

        assertEquals(Optional.of(post), store.find(post.id()));
        List<Delivery> deliveries = store.deliveries(post.id());
        assertEquals(2, deliveries.size());
        assertTrue(deliveries.stream().allMatch(d -> d.status() == DeliveryStatus.PENDING && d.attempts() == 0));
    }

    @Test
    public void keepsAPostsImagesInOrderWithTheirAltTextAndAnEditReplacesThem() {
        List<PostImage> images = List.of(new PostImage("https://cdn.example.com/a.jpg", "The shop's front"),
                new PostImage("https://cdn.example.com/b.png", "Năm người ở quầy"));
        Post post = new Post(UUID.randomUUID().toString(), new PostContent("Khai trương", null, images), List.of(Platform.BLUESKY),
                NOW, PostStatus.QUEUED, 1, NOW.minusSeconds(60));

        assertTrue(store.create(post));
        assertEquals(images, store.find(post.id()).orElseThrow().content().images());

        Post withoutImages = post.revised(new PostContent("Khai trương", null), post.platforms(), post.dueAt());
        store.updateQueued(withoutImages, post.version());
        assertEquals(List.of(), store.find(post.id()).orElseThrow().content().images());
    }

    @Test
    public void aPostStoredWithTheOldSingleImageUrlReadsAsOneImageWithoutAltText() {
        Post post = queued(NOW, Platform.INSTAGRAM);
        assertTrue(store.create(post));
        dynamo.updateItem(b -> b.tableName(table)
                .key(Map.of("PK", AttributeValue.fromS("POST#" + post.id()), "SK", AttributeValue.fromS("POST")))
                .updateExpression("SET imageUrl = :url")
                .expressionAttributeValues(Map.of(":url", AttributeValue.fromS("https://cdn.example.com/old.jpg"))));

        assertEquals(List.of(new PostImage("https://cdn.example.com/old.jpg", "")), store.find(post.id()).orElseThrow().content().images());
    }

    @Test
    public void refusesASecondPostWithTheSameId() {
        Post post = queued(NOW, Platform.MASTODON);
        assertTrue(store.create(post));
        Post another = new Post(post.id(), new PostContent("Other words", null), post.platforms(), post.dueAt(),
                PostStatus.QUEUED, 1, post.createdAt().plusMillis(1));

        assertFalse(store.create(another));
        assertEquals(Optional.of(post), store.find(post.id()));
    }

    @Test
    public void aCreateRepeatedAfterItsAnswerWasLostIsStillThisCreate() {
        Post post = queued(NOW, Platform.MASTODON);
        assertTrue(store.create(post));

        assertTrue(store.create(post), "the SDK's retry of a write that landed: the same instant and content");
        assertEquals(1, store.deliveries(post.id()).size());
    }

    @Test
    public void findsOnlyPostsThatAreDueEarliestFirst() {
        Post later = queued(NOW.minusSeconds(10), Platform.MASTODON);
        Post earlier = queued(NOW.minusSeconds(300), Platform.MASTODON);
        Post exactlyNow = queued(NOW, Platform.MASTODON);
        Post future = queued(NOW.plusMillis(1), Platform.MASTODON);
        List.of(later, earlier, exactlyNow, future).forEach(store::create);

        assertEquals(List.of(earlier.id(), later.id(), exactlyNow.id()), store.findDue(NOW, 10));
        assertEquals(List.of(earlier.id()), store.findDue(NOW, 1));
    }

    @Test
    public void onlyOneOfManyConcurrentClaimersWins() throws Exception {
        Post post = queued(NOW, Platform.MASTODON);
        store.create(post);

        List<Future<Optional<Claim>>> futures;
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            futures = IntStream.range(0, 8)
                    .mapToObj(i -> pool.submit(() -> store.claim(post.id(), NOW, NOW.plus(LEASE), "run-" + i)))
                    .toList();
        }
        List<Optional<Claim>> results = futures.stream().map(Future::resultNow).toList();

        assertEquals(1, results.stream().filter(Optional::isPresent).count());
        Claim claim = results.stream().flatMap(Optional::stream).findFirst().orElseThrow();
        assertEquals(PostStatus.PUBLISHING, claim.post().status());
        assertEquals(1, claim.deliveries().size());
    }

    @Test
    public void aPostUnderLeaseIsDueAgainOnlyWhenTheLeaseExpires() {
        Post post = queued(NOW, Platform.MASTODON);
        store.create(post);
        store.claim(post.id(), NOW, NOW.plus(LEASE), "crashed-run").orElseThrow();

        assertEquals(List.of(), store.findDue(NOW.plusSeconds(60), 10));
        assertTrue(store.claim(post.id(), NOW.plusSeconds(60), NOW.plusSeconds(60).plus(LEASE), "other").isEmpty());

        Instant afterExpiry = NOW.plus(LEASE).plusMillis(1);
        assertEquals(List.of(post.id()), store.findDue(afterExpiry, 10));
        assertTrue(store.claim(post.id(), afterExpiry, afterExpiry.plus(LEASE), "rescuer").isPresent());
    }

    @Test
    public void aPostNotYetDueCannotBeClaimed() {
        Post post = queued(NOW.plusSeconds(60), Platform.MASTODON);
        store.create(post);

        assertTrue(store.claim(post.id(), NOW, NOW.plus(LEASE), "early").isEmpty());
    }

    @Test
    public void releasingWithAFinalStatusTakesThePostOffTheIndex() {
        Post post = queued(NOW, Platform.MASTODON);
        store.create(post);
        Claim claim = store.claim(post.id(), NOW, NOW.plus(LEASE), "run").orElseThrow();

        store.release(claim, PostStatus.PUBLISHED, null);

        assertEquals(PostStatus.PUBLISHED, store.find(post.id()).orElseThrow().status());
        assertEquals(List.of(), store.findDue(NOW.plus(Duration.ofDays(1)), 10));
        assertTrue(store.claim(post.id(), NOW.plus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(2)), "late").isEmpty());
    }

    @Test
    public void releasingForARetryMakesThePostDueAtTheNextAttempt() {
        Post post = queued(NOW, Platform.MASTODON);
        store.create(post);
        Claim claim = store.claim(post.id(), NOW, NOW.plus(LEASE), "run").orElseThrow();
        Instant next = NOW.plusSeconds(45);

        store.release(claim, PostStatus.PUBLISHING, next);

        assertEquals(List.of(), store.findDue(next.minusMillis(1), 10));
        assertEquals(List.of(post.id()), store.findDue(next, 10));
        assertTrue(store.claim(post.id(), next, next.plus(LEASE), "retry-run").isPresent());
    }

    @Test
    public void aRunWhoseLeaseWasTakenOverCannotRelease() {
        Post post = queued(NOW, Platform.MASTODON);
        store.create(post);
        Claim stale = store.claim(post.id(), NOW, NOW.plus(LEASE), "slow-run").orElseThrow();
        Instant afterExpiry = NOW.plus(LEASE).plusSeconds(1);
        store.claim(post.id(), afterExpiry, afterExpiry.plus(LEASE), "rescuer").orElseThrow();

        assertThrows(LeaseLostException.class, () -> store.release(stale, PostStatus.FAILED, null));
        assertEquals(PostStatus.PUBLISHING, store.find(post.id()).orElseThrow().status());
    }

    @Test
    public void aPublishedDeliveryIsNeverOverwrittenAndIsIndexedByItsRemoteId() {
        Post post = queued(NOW, Platform.MASTODON);
        store.create(post);
        Delivery pending = Delivery.pending(post.id(), Platform.MASTODON);
        Delivery published = pending.published("109", "https://mastodon.example/@desk/109");

        store.recordDelivery(published);
        store.recordDelivery(pending.retryAt(NOW.plusSeconds(30), "late duplicate from a stale run"));

        Delivery stored = store.deliveries(post.id()).getFirst();
        assertEquals(DeliveryStatus.PUBLISHED, stored.status());
        assertEquals("109", stored.remoteId());
        var remote = dynamo.getItem(b -> b.tableName(table).key(Map.of(
                "PK", AttributeValue.fromS("REMOTE#mastodon#109"), "SK", AttributeValue.fromS("REMOTE")))).item();
        assertEquals(post.id(), remote.get("postId").s());
    }

    @Test
    public void aPostGoesFromQueuedToFinalThroughClaimRecordAndRelease() {
        Post post = queued(NOW.minusSeconds(5), Platform.MASTODON, Platform.BLUESKY);

        assertTrue(store.create(post));
        assertFalse(store.create(new Post(post.id(), post.content(), post.platforms(), post.dueAt(), PostStatus.QUEUED, 1,
                post.createdAt().plusSeconds(1))), "a second post with the same id is refused");
        assertEquals(Optional.of(post), store.find(post.id()));
        assertEquals(List.of(post.id()), store.findDue(NOW, 10));

        Claim claim = store.claim(post.id(), NOW, NOW.plus(LEASE), "run-1").orElseThrow();
        assertEquals(PostStatus.PUBLISHING, claim.post().status());
        assertEquals(2, claim.deliveries().size());
        assertTrue(claim.deliveries().stream().allMatch(d -> d.status() == DeliveryStatus.PENDING));
        assertEquals(List.of(), store.findDue(NOW.plusSeconds(60), 10), "a leased post is not due");

        store.recordDelivery(Delivery.pending(post.id(), Platform.MASTODON).published("113", "https://mastodon.example/@desk/113"));
        store.recordDelivery(Delivery.pending(post.id(), Platform.BLUESKY).failed("401 invalid app password", true));
        store.release(claim, PostStatus.PARTIALLY_PUBLISHED, null);

        assertEquals(PostStatus.PARTIALLY_PUBLISHED, store.find(post.id()).orElseThrow().status());
        Map<Platform, DeliveryStatus> outcomes = new EnumMap<>(Platform.class);
        store.deliveries(post.id()).forEach(d -> outcomes.put(d.platform(), d.status()));
        assertEquals(Map.of(Platform.MASTODON, DeliveryStatus.PUBLISHED, Platform.BLUESKY, DeliveryStatus.FAILED), outcomes);
        assertEquals(List.of(), store.findDue(NOW.plus(Duration.ofDays(1)), 10), "a final post leaves the index");
        assertTrue(store.claim(post.id(), NOW.plus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(2)), "late").isEmpty());
    }

    @Test
    public void aClaimThatIsNeverReleasedLeavesItsInFlightMarkForTheNextClaim() {
        Post post = queued(NOW.minusSeconds(5), Platform.FACEBOOK);
        assertTrue(store.create(post));

        Claim first = store.claim(post.id(), NOW, NOW.plus(LEASE), "run-dies").orElseThrow();
        Claim second = store.claim(post.id(), NOW.plus(LEASE), NOW.plus(LEASE).plus(LEASE), "run-2").orElseThrow();

        assertEquals(null, first.abandoned(), "a first claim finds no earlier send in flight");
        assertEquals(new socialdesk.core.post.InFlight(NOW, 1, post.content().fingerprint(), "run-dies"), second.abandoned());
        assertEquals(PostStatus.PUBLISHING, second.post().status());
        assertEquals(post.version() + 2, second.post().version());
    }

    @Test
    public void aReleasedClaimLeavesNoMarkBehind() {
        Post post = queued(NOW.minusSeconds(5), Platform.FACEBOOK);
        assertTrue(store.create(post));
        Claim first = store.claim(post.id(), NOW, NOW.plus(LEASE), "run-1").orElseThrow();
        store.recordDelivery(Delivery.pending(post.id(), Platform.FACEBOOK).retryAt(NOW.plusSeconds(30), "503"));

        store.release(first, PostStatus.PUBLISHING, NOW.plusSeconds(30));
        Claim second = store.claim(post.id(), NOW.plusSeconds(30), NOW.plus(LEASE), "run-2").orElseThrow();

        assertEquals(null, second.abandoned());
    }

    @Test
    public void aPersonConfirmsAnUncertainDeliveryOnceAndThePostSettles() {
        Post post = queued(NOW.minusSeconds(5), Platform.TELEGRAM);
        assertTrue(store.create(post));
        Claim claim = store.claim(post.id(), NOW, NOW.plus(LEASE), "run-1").orElseThrow();
        store.recordDelivery(Delivery.pending(post.id(), Platform.TELEGRAM).inDoubt(NOW).uncertain("cannot look"));
        store.release(claim, PostStatus.UNCERTAIN, null);
        assertEquals(List.of(), store.findDue(NOW.plus(Duration.ofDays(1)), 10), "an uncertain post waits for a person");

        Delivery confirmed = store.confirmUncertain(post.id(), Platform.TELEGRAM, "42", "https://t.me/desk/42", "confirmed by ops");

        assertEquals(DeliveryStatus.PUBLISHED, confirmed.status());
        assertEquals("confirmed by ops", store.deliveries(post.id()).getFirst().decision());
        assertEquals("https://t.me/desk/42", store.deliveries(post.id()).getFirst().remoteUrl());
        assertEquals(PostStatus.PUBLISHED, store.find(post.id()).orElseThrow().status());
        socialdesk.core.post.PostConflictException again = assertThrows(socialdesk.core.post.PostConflictException.class,
                () -> store.resendUncertain(post.id(), Platform.TELEGRAM, NOW, "resend by ops"));
        assertEquals(socialdesk.core.post.PostConflictException.NOT_UNCERTAIN, again.code());
        assertTrue(again.getMessage().contains("confirmed by ops"), again.getMessage());
    }

    @Test
    public void aPersonAsksForAResendAndThePostIsDueAgain() {
        Post post = queued(NOW.minusSeconds(5), Platform.TELEGRAM);
        assertTrue(store.create(post));
        Claim claim = store.claim(post.id(), NOW, NOW.plus(LEASE), "run-1").orElseThrow();
        store.recordDelivery(Delivery.pending(post.id(), Platform.TELEGRAM).inDoubt(NOW).uncertain("cannot look"));
        store.release(claim, PostStatus.UNCERTAIN, null);
        Instant decidedAt = NOW.plus(Duration.ofHours(1));

        Delivery resend = store.resendUncertain(post.id(), Platform.TELEGRAM, decidedAt, "resend by ops");

        assertEquals(DeliveryStatus.PENDING, resend.status());
        assertEquals(List.of(post.id()), store.findDue(decidedAt, 10));
        Claim again = store.claim(post.id(), decidedAt, decidedAt.plus(LEASE), "run-2").orElseThrow();
        assertTrue(again.deliveries().getFirst().dueAt(decidedAt));
        assertEquals("resend by ops", again.deliveries().getFirst().decision());
        assertEquals(null, again.abandoned(), "the uncertain run released its claim");
        assertThrows(socialdesk.core.post.PostNotFoundException.class,
                () -> store.confirmUncertain("no-such-post", Platform.TELEGRAM, null, null, "x"));
    }

    @Test
    public void overlappingRunsClaimEachDuePostExactlyOnce() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Post post = queued(NOW.minusSeconds(i), Platform.MASTODON, Platform.BLUESKY);
            store.create(post);
            ids.add(post.id());
        }

        List<Future<List<String>>> runs;
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            runs = IntStream.range(0, 4).mapToObj(run -> pool.submit(() -> {
                List<String> claimed = new ArrayList<>();
                for (String id : store.findDue(NOW, 50)) {
                    store.claim(id, NOW, NOW.plus(LEASE), "run-" + run).ifPresent(c -> claimed.add(c.post().id()));
                }
                return claimed;
            })).toList();
        }

        List<String> claimed = runs.stream().flatMap(f -> f.resultNow().stream()).toList();
        Set<String> distinct = new HashSet<>(claimed);
        assertEquals(claimed.size(), distinct.size(), "a post was claimed by two runs");
        assertEquals(new HashSet<>(ids), distinct);
    }
}
