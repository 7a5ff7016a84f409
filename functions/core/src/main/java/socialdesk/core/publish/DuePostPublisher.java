package socialdesk.core.publish;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import socialdesk.core.events.DomainEvent;
import socialdesk.core.events.EventPublisher;
import socialdesk.core.log.JsonLog;
import socialdesk.core.post.Claim;
import socialdesk.core.post.Delivery;
import socialdesk.core.post.DeliveryStatus;
import socialdesk.core.post.LeaseLostException;
import socialdesk.core.post.Platform;
import socialdesk.core.post.Post;
import socialdesk.core.post.PostStatus;
import socialdesk.core.post.PostStore;

/**
 * Publishes every due post to each of its platforms, once.
 *
 * <p>Exactly-once rests on three things: a post is claimed with a conditional write before anything
 * is sent, so overlapping runs never work on the same post at once; each platform's outcome is
 * recorded as soon as it is known, so a later run never resends what already went out; and every
 * send carries a key stable for the post and platform, so a send whose answer was lost (a crash
 * between the platform's reply and our write) is recognised by the platform as the same post.
 */
public final class DuePostPublisher {
    private final PostStore store;
    private final Map<Platform, PlatformPublisher> publishers;
    private final EventPublisher events;
    private final Clock clock;
    private final PublishSettings settings;
    private final RandomGenerator random;

    public DuePostPublisher(PostStore store, Map<Platform, PlatformPublisher> publishers, EventPublisher events,
                            Clock clock, PublishSettings settings, RandomGenerator random) {
        this.store = store;
        this.publishers = Map.copyOf(publishers);
        this.events = events;
        this.clock = clock;
        this.settings = settings;
        this.random = random;
    }

    /** The key that makes a retried send of this post to this platform recognisable as the same send. */
    public static String idempotencyKey(String postId, Platform platform) {
        return "social-desk:" + postId + ":" + platform.id();
    }

    /**
     * One run: reads the due posts, claims and publishes them while enough invocation time remains.
     *
     * @param runId           identifies this run's claims (the Lambda request id)
     * @param remainingMillis how much invocation time is left, asked before each claim
     */
    public RunReport run(String runId, LongSupplier remainingMillis) {
        List<String> due = store.findDue(clock.instant(), settings.batchSize());
        Tally tally = new Tally();
        List<DomainEvent> pendingEvents = new ArrayList<>();
        Semaphore slots = new Semaphore(settings.concurrency());
        List<Future<?>> inFlight = new ArrayList<>(due.size());
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String postId : due) {
                slots.acquireUninterruptibly();
                if (remainingMillis.getAsLong() < settings.reserve().toMillis()) {
                    slots.release();
                    tally.deferred.set(due.size() - inFlight.size());
                    break;
                }
                inFlight.add(executor.submit(() -> {
                    try {
                        List<DomainEvent> produced = publishPost(postId, runId, tally);
                        synchronized (pendingEvents) {
                            pendingEvents.addAll(produced);
                        }
                    } finally {
                        slots.release();
                    }
                }));
            }
            for (Future<?> f : inFlight) {
                awaitLoggingFailure(f);
            }
        }
        emit(pendingEvents);
        RunReport report = tally.report(due.size());
        JsonLog.info("publish run finished", "runId", runId, "due", report.due(), "claimed", report.claimed(),
                "published", report.published(), "retrying", report.retrying(), "failed", report.failed(),
                "deferred", report.deferred());
        return report;
    }

    private List<DomainEvent> publishPost(String postId, String runId, Tally tally) {
        Instant now = clock.instant();
        Optional<Claim> claimed = store.claim(postId, now, now.plus(settings.lease()), runId);
        if (claimed.isEmpty()) {
            return List.of();
        }
        tally.claimed.incrementAndGet();
        Claim claim = claimed.get();
        List<Delivery> deliveries = sendDueDeliveries(claim, now, tally);
        return settle(claim, deliveries);
    }

    /** Sends to every platform whose delivery is due, in parallel; each outcome is stored as soon as it is known. */
    private List<Delivery> sendDueDeliveries(Claim claim, Instant now, Tally tally) {
        List<Delivery> current = withMissingDeliveries(claim);
        List<Future<Delivery>> sends = new ArrayList<>(current.size());
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Delivery d : current) {
                if (d.dueAt(now)) {
                    sends.add(executor.submit(() -> sendAndRecord(claim.post(), d, tally)));
                } else {
                    sends.add(CompletableFuture.completedFuture(d));
                }
            }
        }
        List<Delivery> results = new ArrayList<>(sends.size());
        for (Future<Delivery> f : sends) {
            results.add(f.resultNow());
        }
        return results;
    }

    /** Deliveries for every platform of the post; one missing (a queue write cut short) starts as pending. */
    private static List<Delivery> withMissingDeliveries(Claim claim) {
        List<Delivery> all = new ArrayList<>();
        for (Platform platform : claim.post().platforms()) {
            all.add(claim.deliveries().stream()
                    .filter(d -> d.platform() == platform)
                    .findFirst()
                    .orElseGet(() -> Delivery.pending(claim.post().id(), platform)));
        }
        return all;
    }

    private Delivery sendAndRecord(Post post, Delivery delivery, Tally tally) {
        Delivery next = send(post, delivery);
        store.recordDelivery(next);
        switch (next.status()) {
            case PUBLISHED -> tally.published.incrementAndGet();
            case FAILED -> tally.failed.incrementAndGet();
            case PENDING -> tally.retrying.incrementAndGet();
        }
        return next;
    }

    private Delivery send(Post post, Delivery delivery) {
        Platform platform = delivery.platform();
        PlatformPublisher publisher = publishers.get(platform);
        if (publisher == null) {
            return delivery.failed(platform.id() + ": no account is configured for this platform", false);
        }
        List<String> problems = publisher.rules().problems(post.content());
        if (!problems.isEmpty()) {
            return delivery.failed(String.join("; ", problems), false);
        }
        PublishOutcome outcome;
        try {
            outcome = publisher.publish(new PublishRequest(post.id(), post.content(),
                    idempotencyKey(post.id(), platform), post.dueAt()));
        } catch (RuntimeException e) {
            JsonLog.error("publisher threw instead of classifying a failure", "postId", post.id(),
                    "platform", platform.id(), "error", e.getClass().getName());
            outcome = new PublishOutcome.Transient(platform.id() + ": unexpected error in the adapter", null);
        }
        Instant now = clock.instant();
        return switch (outcome) {
            case PublishOutcome.Published p -> delivery.published(p.remoteId(), p.url());
            case PublishOutcome.Transient t -> retryOrFail(delivery, t, t.reason(), t.notBefore(), now);
            case PublishOutcome.Permanent p -> retryOrFail(delivery, p, p.reason(), null, now);
            // Treated as a permanent refusal for now; marking the account's deliveries blocked comes next.
            case PublishOutcome.CredentialsRejected c -> {
                PublishOutcome.Permanent asPermanent = new PublishOutcome.Permanent(c.reason());
                yield retryOrFail(delivery, asPermanent, c.reason(), null, now);
            }
        };
    }

    private Delivery retryOrFail(Delivery delivery, PublishOutcome failure, String reason, Instant notBefore, Instant now) {
        int attemptsMade = delivery.attempts() + 1;
        if (settings.retry().mayRetry(failure, attemptsMade)) {
            return delivery.retryAt(settings.retry().nextAttempt(attemptsMade, now, notBefore, random), reason);
        }
        return delivery.failed(reason + " (gave up after " + attemptsMade + " attempts)", true);
    }

    /** Releases the claim with the post's new state; a final state yields its events. */
    private List<DomainEvent> settle(Claim claim, List<Delivery> deliveries) {
        Post post = claim.post();
        Optional<Instant> nextAttempt = deliveries.stream()
                .filter(d -> d.status() == DeliveryStatus.PENDING)
                .map(d -> Objects.requireNonNullElse(d.nextAttemptAt(), clock.instant()))
                .min(Comparator.naturalOrder());
        PostStatus status = nextAttempt.isPresent() ? PostStatus.PUBLISHING : finalStatus(deliveries);
        try {
            store.release(claim, status, nextAttempt.orElse(null));
        } catch (LeaseLostException e) {
            JsonLog.warn("lease lost before release; the run that holds the post settles it", "postId", post.id());
            return List.of();
        }
        if (!status.isFinal()) {
            return List.of();
        }
        JsonLog.info("post settled", "postId", post.id(), "status", status.name());
        return PublishEvents.forFinalState(post, status, deliveries);
    }

    private static PostStatus finalStatus(List<Delivery> deliveries) {
        long published = deliveries.stream().filter(d -> d.status() == DeliveryStatus.PUBLISHED).count();
        if (published == deliveries.size()) {
            return PostStatus.PUBLISHED;
        }
        return published == 0 ? PostStatus.FAILED : PostStatus.PARTIALLY_PUBLISHED;
    }

    private void emit(List<DomainEvent> pending) {
        if (pending.isEmpty()) {
            return;
        }
        try {
            events.publish(pending);
        } catch (RuntimeException e) {
            JsonLog.error("could not put events on the bus", "count", pending.size(), "error", e.getMessage());
        }
    }

    private static void awaitLoggingFailure(Future<?> f) {
        try {
            f.get();
        } catch (ExecutionException e) {
            JsonLog.error("a post could not be processed; its lease expires and a later run retries it",
                    "error", String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class Tally {
        final AtomicInteger claimed = new AtomicInteger();
        final AtomicInteger published = new AtomicInteger();
        final AtomicInteger retrying = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicInteger deferred = new AtomicInteger();

        RunReport report(int due) {
            return new RunReport(due, claimed.get(), published.get(), retrying.get(), failed.get(), deferred.get());
        }
    }
}
