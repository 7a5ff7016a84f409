package socialdesk.core.publish;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import socialdesk.core.events.DomainEvent;
import socialdesk.core.events.EventPublisher;
import socialdesk.core.log.JsonLog;
import socialdesk.core.metrics.DeskMetrics;
import socialdesk.core.metrics.Metric;
import socialdesk.core.post.Claim;
import socialdesk.core.post.Delivery;
import socialdesk.core.post.InFlight;
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
 *
 * <p>Most platforms have no such key. So the claim also marks the post's sends as in flight (see
 * {@link socialdesk.core.post.InFlight}); a later claim that finds the mark of a run that never
 * released the post knows that each delivery that run left unrecorded may have gone out. Before any
 * resend of such a delivery the platform is asked ({@link SentPostLookup}): found, it is recorded as
 * published and nothing is sent; not found (and the settle delay past), it is sent; where the
 * platform cannot be asked, it becomes UNCERTAIN and a person is told ({@code PostUncertain}).
 *
 * <p>An account whose credentials the platform rejects is blocked: its deliveries are held (not
 * failed, not retried in a loop), a person is told once, and one held delivery per probe interval
 * tries the account again; the first that gets through unblocks it.
 */
public final class DuePostPublisher {
    private final PostStore store;
    private final AccountHealthStore health;
    private final Supplier<PlatformAccounts> accounts;
    private final EventPublisher events;
    private final Clock clock;
    private final PublishSettings settings;
    private final RandomGenerator random;
    private final DeskMetrics metrics;

    public DuePostPublisher(PostStore store, AccountHealthStore health, Supplier<PlatformAccounts> accounts,
                            EventPublisher events, Clock clock, PublishSettings settings, RandomGenerator random) {
        this(store, health, accounts, events, clock, settings, random, DeskMetrics.NONE);
    }

    /** @param metrics where each delivery's outcome is counted per platform, and a publish's delay behind schedule */
    public DuePostPublisher(PostStore store, AccountHealthStore health, Supplier<PlatformAccounts> accounts,
                            EventPublisher events, Clock clock, PublishSettings settings, RandomGenerator random,
                            DeskMetrics metrics) {
        this.store = store;
        this.health = health;
        this.accounts = accounts;
        this.events = events;
        this.clock = clock;
        this.settings = settings;
        this.random = random;
        this.metrics = metrics;
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
        Run run = new Run(runId, accounts.get(), new ConcurrentHashMap<>(health.blocked()));
        warnOfExpiringCredentials(run);
        List<String> due = store.findDue(clock.instant(), settings.batchSize());
        Semaphore slots = new Semaphore(settings.concurrency());
        List<Future<?>> inFlight = new ArrayList<>(due.size());
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String postId : due) {
                slots.acquireUninterruptibly();
                if (remainingMillis.getAsLong() < settings.reserve().toMillis()) {
                    slots.release();
                    run.deferred.set(due.size() - inFlight.size());
                    break;
                }
                inFlight.add(executor.submit(() -> {
                    try {
                        publishPost(postId, run);
                    } finally {
                        slots.release();
                    }
                }));
            }
            for (Future<?> f : inFlight) {
                awaitLoggingFailure(f);
            }
        }
        emit(run.events);
        RunReport report = run.report(due.size());
        JsonLog.info("publish run finished", "runId", runId, "due", report.due(), "claimed", report.claimed(),
                "published", report.published(), "retrying", report.retrying(), "blocked", report.blocked(),
                "failed", report.failed(), "uncertain", run.uncertain.get(), "deferred", report.deferred());
        return report;
    }

    private void warnOfExpiringCredentials(Run run) {
        Instant now = clock.instant();
        run.accounts.credentialsExpireAt().forEach((platform, expiresAt) -> {
            if (expiresAt.isBefore(now.plus(settings.expiryWarning())) && health.markExpiryNotified(platform, expiresAt)) {
                run.events.add(AccountEvents.expiring(platform, expiresAt, now));
            }
        });
    }

    private void publishPost(String postId, Run run) {
        Instant now = clock.instant();
        Optional<Claim> claimed = store.claim(postId, now, now.plus(settings.lease()), run.id);
        if (claimed.isEmpty()) {
            return;
        }
        run.claimed.incrementAndGet();
        Claim claim = claimed.get();
        if (claim.abandoned() != null) {
            JsonLog.warn("a run died with sends in flight; their outcome is checked before any resend", "postId", postId,
                    "inFlightSince", claim.abandoned().at().toString(), "claimNumber", claim.abandoned().attempt());
        }
        settle(claim, sendDueDeliveries(claim, now, run), run);
    }

    /** Sends to every platform whose delivery is due, in parallel; each outcome is stored as soon as it is known. */
    private List<Delivery> sendDueDeliveries(Claim claim, Instant now, Run run) {
        List<Future<Delivery>> sends = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Delivery d : withDoubtsMarked(claim)) {
                sends.add(d.dueAt(now)
                        ? executor.submit(() -> sendAndRecord(claim.post(), d, run))
                        : CompletableFuture.completedFuture(d));
            }
        }
        return sends.stream().map(Future::resultNow).toList();
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

    /**
     * Every delivery the abandoned run was due to send but left unrecorded is in doubt since its mark:
     * a delivery that run recorded (published, failed, or put back for later) is no longer due as of
     * the mark's time, one it never reached is.
     */
    private static List<Delivery> withDoubtsMarked(Claim claim) {
        List<Delivery> all = withMissingDeliveries(claim);
        InFlight abandoned = claim.abandoned();
        if (abandoned == null) {
            return all;
        }
        if (!abandoned.fingerprint().isEmpty() && !abandoned.fingerprint().equals(claim.post().content().fingerprint())) {
            JsonLog.warn("the content in flight differs from the post's content; the lookup matches the post's",
                    "postId", claim.post().id());
        }
        return all.stream().map(d -> d.dueAt(abandoned.at()) ? d.inDoubt(abandoned.at()) : d).toList();
    }

    private Delivery sendAndRecord(Post post, Delivery delivery, Run run) {
        Delivery next = delivery.inDoubtSince() != null ? reconcile(post, delivery, run) : send(post, delivery, run);
        store.recordDelivery(next);
        String platform = next.platform().id();
        switch (next.status()) {
            case PUBLISHED -> {
                run.published.incrementAndGet();
                metrics.count(Metric.POSTS_PUBLISHED, platform);
                metrics.add(Metric.PUBLISH_DELAY, Math.max(0, clock.millis() - post.dueAt().toEpochMilli()), platform);
            }
            case FAILED -> {
                run.failed.incrementAndGet();
                metrics.count(Metric.POSTS_FAILED, platform);
            }
            case PENDING -> run.retrying.incrementAndGet();
            case UNCERTAIN -> {
                run.uncertain.incrementAndGet();
                run.events.add(PublishEvents.uncertain(post, next));
            }
            case BLOCKED -> {
                run.blockedDeliveries.incrementAndGet();
                metrics.count(Metric.POSTS_BLOCKED, platform);
            }
        }
        return next;
    }

    private Delivery send(Post post, Delivery delivery, Run run) {
        Platform platform = delivery.platform();
        PlatformPublisher publisher = run.accounts.publishers().get(platform);
        if (publisher == null) {
            return delivery.failed(platform.id() + ": no account is configured for this platform", false);
        }
        List<String> problems = publisher.rules().problems(post.content());
        if (!problems.isEmpty()) {
            return delivery.failed(String.join("; ", problems), false);
        }
        AccountHealth blocked = run.blocked.get(platform);
        Instant now = clock.instant();
        if (blocked != null && !health.claimProbe(platform, now, now.plus(settings.probeInterval()))) {
            return delivery.blocked(later(blocked.nextProbeAt(), now), blocked.reason());
        }
        PublishOutcome outcome = publishClassifyingBugs(publisher, post, platform);
        now = clock.instant();
        return switch (outcome) {
            case PublishOutcome.Published p -> {
                if (blocked != null) {
                    run.blocked.remove(platform);
                    if (health.markHealthy(platform)) {
                        run.events.add(AccountEvents.restored(platform));
                    }
                }
                yield delivery.published(p.remoteId(), p.url());
            }
            case PublishOutcome.Transient t -> retryOrFail(delivery, t, t.reason(), t.notBefore(), now);
            case PublishOutcome.Permanent p -> retryOrFail(delivery, p, p.reason(), null, now);
            case PublishOutcome.CredentialsRejected c -> {
                Instant nextProbe = now.plus(settings.probeInterval());
                if (health.markBlocked(platform, c.reason(), now, nextProbe)) {
                    run.events.add(AccountEvents.rejected(platform, c.reason(), now, nextProbe));
                }
                yield delivery.blocked(later(nextProbe, now), c.reason());
            }
        };
    }

    /**
     * A delivery whose last send may have gone out: asks the platform before sending again. Found, it
     * is published; not found once the settle delay is past, it is sent; a failed lookup is asked
     * again later, and handed to a person if it keeps failing; a platform that cannot be asked hands
     * it to a person at once.
     */
    private Delivery reconcile(Post post, Delivery delivery, Run run) {
        Platform platform = delivery.platform();
        PlatformPublisher publisher = run.accounts.publishers().get(platform);
        if (publisher == null) {
            return delivery.uncertain(platform.id() + ": a send may have gone out and no account is configured to look for it");
        }
        Instant since = delivery.inDoubtSince();
        SentPostLookup.Reconciliation answer = lookupClassifyingBugs(publisher, post, platform);
        Instant now = clock.instant();
        JsonLog.info("reconciled a send in doubt", "postId", post.id(), "platform", platform.id(),
                "inDoubtSince", since.toString(), "answer", answer.getClass().getSimpleName());
        return switch (answer) {
            case SentPostLookup.Reconciliation.Found f -> delivery.foundPublished(f.remoteId(), f.url());
            case SentPostLookup.Reconciliation.ResendIsSafe r -> send(post, delivery, run);
            case SentPostLookup.Reconciliation.CannotLook c -> delivery.uncertain(
                    "a send at " + since + " may have gone out and " + c.reason());
            case SentPostLookup.Reconciliation.NotFound n -> {
                Instant settled = since.plus(settings.settleDelay());
                yield now.isBefore(settled)
                        ? delivery.askAgainAt(settled, "not on " + platform.id() + " yet; asking again once the platform has settled")
                        : send(post, delivery, run);
            }
            case SentPostLookup.Reconciliation.LookupFailed f -> now.isAfter(since.plus(settings.doubtLimit()))
                    ? delivery.uncertain("a send at " + since + " may have gone out and looking for it kept failing: " + f.reason())
                    : delivery.askAgainAt(settings.retry().nextAttempt(1, now, f.notBefore(), random), f.reason());
        };
    }

    private static SentPostLookup.Reconciliation lookupClassifyingBugs(PlatformPublisher publisher, Post post, Platform platform) {
        try {
            return publisher.sentPosts().find(new PublishRequest(post.id(), post.content(),
                    idempotencyKey(post.id(), platform), post.dueAt()), post.dueAt());
        } catch (RuntimeException e) {
            JsonLog.error("a lookup threw instead of classifying a failure", "postId", post.id(),
                    "platform", platform.id(), "error", e.getClass().getName());
            return new SentPostLookup.Reconciliation.LookupFailed(platform.id() + ": unexpected error in the lookup", null);
        }
    }

    /** A held delivery is looked at again a little after the probe time, so the probe goes first. */
    private Instant later(Instant probeAt, Instant now) {
        Instant base = probeAt.isAfter(now) ? probeAt : now.plus(settings.probeInterval());
        return base.plusSeconds(60 + random.nextInt(120));
    }

    private static PublishOutcome publishClassifyingBugs(PlatformPublisher publisher, Post post, Platform platform) {
        try {
            return publisher.publish(new PublishRequest(post.id(), post.content(),
                    idempotencyKey(post.id(), platform), post.dueAt()));
        } catch (RuntimeException e) {
            JsonLog.error("publisher threw instead of classifying a failure", "postId", post.id(),
                    "platform", platform.id(), "error", e.getClass().getName());
            return new PublishOutcome.Transient(platform.id() + ": unexpected error in the adapter", null);
        }
    }

    private Delivery retryOrFail(Delivery delivery, PublishOutcome failure, String reason, Instant notBefore, Instant now) {
        int attemptsMade = delivery.attempts() + 1;
        if (settings.retry().mayRetry(failure, attemptsMade)) {
            return delivery.retryAt(settings.retry().nextAttempt(attemptsMade, now, notBefore, random), reason);
        }
        return delivery.failed(reason + " (gave up after " + attemptsMade + " attempts)", true);
    }

    /** Releases the claim with the post's new state; a final state yields its events. */
    private void settle(Claim claim, List<Delivery> deliveries, Run run) {
        Post post = claim.post();
        Optional<Instant> nextAttempt = deliveries.stream()
                .filter(d -> !d.status().isFinal())
                .map(d -> Objects.requireNonNullElse(d.nextAttemptAt(), clock.instant()))
                .min(Comparator.naturalOrder());
        PostStatus status = nextAttempt.isPresent() ? PostStatus.PUBLISHING : finalStatus(deliveries);
        try {
            store.release(claim, status, nextAttempt.orElse(null));
        } catch (LeaseLostException e) {
            JsonLog.warn("lease lost before release; the run that holds the post settles it", "postId", post.id());
            return;
        }
        if (status.isFinal()) {
            JsonLog.info("post settled", "postId", post.id(), "status", status.name());
            run.events.addAll(PublishEvents.forFinalState(post, status, deliveries));
        }
    }

    private static PostStatus finalStatus(List<Delivery> deliveries) {
        if (deliveries.stream().anyMatch(d -> d.status() == DeliveryStatus.UNCERTAIN)) {
            return PostStatus.UNCERTAIN;
        }
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
            events.publish(List.copyOf(pending));
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

    /** What one run knows and has done so far; shared by the run's virtual threads. */
    private static final class Run {
        final String id;
        final PlatformAccounts accounts;
        final Map<Platform, AccountHealth> blocked;
        final List<DomainEvent> events = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger claimed = new AtomicInteger();
        final AtomicInteger published = new AtomicInteger();
        final AtomicInteger retrying = new AtomicInteger();
        final AtomicInteger blockedDeliveries = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicInteger uncertain = new AtomicInteger();
        final AtomicInteger deferred = new AtomicInteger();

        Run(String id, PlatformAccounts accounts, Map<Platform, AccountHealth> blocked) {
            this.id = id;
            this.accounts = accounts;
            this.blocked = blocked;
        }

        RunReport report(int due) {
            return new RunReport(due, claimed.get(), published.get(), retrying.get(), blockedDeliveries.get(),
                    failed.get(), deferred.get());
        }
    }
}
