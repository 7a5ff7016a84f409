package socialdesk.core.schedule;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import socialdesk.core.events.DomainEvent;
import socialdesk.core.events.EventPublisher;
import socialdesk.core.log.JsonLog;
import socialdesk.core.metrics.DeskMetrics;
import socialdesk.core.metrics.Metric;
import socialdesk.core.post.EvergreenEntry;
import socialdesk.core.post.Platform;
import socialdesk.core.post.Post;
import socialdesk.core.post.PostPage;
import socialdesk.core.post.PostQuery;
import socialdesk.core.post.PostStatus;
import socialdesk.core.post.PostStore;

/**
 * The daily look at the queue: for each platform with a cadence, measures the {@link Runway}; when
 * it is short of the target, repeats evergreen posts into free slots ({@link EvergreenPlan}), and
 * when it is still short, puts {@code QueueRunningLow} on the bus so a person fills the queue.
 *
 * <p>Safe to run twice: a repeat's id is derived from its original, platform and slot, and the
 * evergreen entry moves with a conditional write, so a second run queues nothing twice.
 */
public final class QueueRunway {
    public static final String SOURCE = "social.queue";
    public static final String QUEUE_RUNNING_LOW = "QueueRunningLow";
    /** How far ahead the queue is read; a runway this long or longer is reported as this. */
    public static final Duration HORIZON = Duration.ofDays(60);
    /** How far back repeats already posted count for the one-a-day and no-neighbours rules. */
    private static final Duration LOOK_BACK = Duration.ofDays(2);
    private static final int CANDIDATES = 50;

    private final PostStore posts;
    private final CadenceStore cadences;
    private final EventPublisher events;
    private final Clock clock;
    private final DeskMetrics metrics;

    public QueueRunway(PostStore posts, CadenceStore cadences, EventPublisher events, Clock clock) {
        this(posts, cadences, events, clock, DeskMetrics.NONE);
    }

    /** @param metrics where each platform's runway is recorded, and how many platforms are still short */
    public QueueRunway(PostStore posts, CadenceStore cadences, EventPublisher events, Clock clock, DeskMetrics metrics) {
        this.posts = posts;
        this.cadences = cadences;
        this.events = events;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** What the run found and did for one platform. */
    public record Report(Runway before, int evergreenQueued, Runway after, boolean alerted) {
    }

    public List<Report> run() {
        Instant now = clock.instant();
        List<Post> window = allDueBetween(now.minus(LOOK_BACK), now.plus(HORIZON));
        List<Report> reports = new ArrayList<>();
        List<DomainEvent> alerts = new ArrayList<>();
        for (Cadence cadence : cadences.all()) {
            if (!cadence.hasSlots()) {
                continue;
            }
            Report report = runFor(cadence, now, window);
            reports.add(report);
            if (report.alerted()) {
                alerts.add(queueRunningLow(cadence, report, now));
            }
            JsonLog.info("queue runway", "platform", cadence.platform().id(), "runwayDays", report.after().days(),
                    "targetDays", cadence.runwayTargetDays(), "queuedPosts", report.after().queuedPosts(),
                    "evergreenQueued", report.evergreenQueued(), "alerted", report.alerted());
            metrics.add(Metric.QUEUE_RUNWAY_DAYS, report.after().days().doubleValue(), cadence.platform().id());
        }
        metrics.add(Metric.QUEUES_RUNNING_LOW, alerts.size());
        if (!alerts.isEmpty()) {
            events.publish(alerts);
        }
        return reports;
    }

    private Report runFor(Cadence cadence, Instant now, List<Post> window) {
        Platform platform = cadence.platform();
        List<Post> mine = window.stream().filter(p -> p.platforms().contains(platform)).toList();
        List<Instant> taken = new ArrayList<>(mine.stream().filter(QueueRunway::pending)
                .filter(p -> p.dueAt().isAfter(now)).map(Post::dueAt).toList());
        Runway before = Runway.measure(cadence, now, taken, HORIZON);
        if (!before.belowTarget()) {
            return new Report(before, 0, before, false);
        }
        Set<Instant> takenSet = Set.copyOf(taken);
        List<Instant> free = cadence.slotsBetween(now, now.plus(Duration.ofDays(cadence.runwayTargetDays()))).stream()
                .filter(s -> !takenSet.contains(s)).toList();
        List<Instant> evergreenDue = mine.stream()
                .filter(p -> p.evergreenOf() != null && p.status() != PostStatus.CANCELLED && p.status() != PostStatus.FAILED)
                .map(Post::dueAt).toList();
        int queued = 0;
        for (EvergreenPlan.Repeat repeat : EvergreenPlan.plan(cadence, free, evergreenDue, candidates(platform))) {
            Post original = posts.find(repeat.entry().originalId()).orElseThrow();
            Post copy = new Post(repeatId(original.id(), platform, repeat.slot()), original.content(), List.of(platform),
                    repeat.slot(), PostStatus.QUEUED, 1, now, false, original.id(), null);
            if (posts.requeueEvergreen(repeat.entry(), copy)) {
                queued++;
                taken.add(repeat.slot());
                JsonLog.info("evergreen post queued again", "platform", platform.id(), "originalId", original.id(),
                        "postId", copy.id(), "dueAt", copy.dueAt().toString());
            }
        }
        Runway after = queued == 0 ? before : Runway.measure(cadence, now, taken, HORIZON);
        return new Report(before, queued, after, after.belowTarget());
    }

    /** Entries whose original went out and whose latest post is no longer waiting, least recently posted first. */
    private List<EvergreenEntry> candidates(Platform platform) {
        List<EvergreenEntry> eligible = new ArrayList<>();
        for (EvergreenEntry entry : posts.evergreen(platform, CANDIDATES)) {
            Optional<Post> original = posts.find(entry.originalId());
            if (original.isEmpty() || !wentOut(original.get().status())) {
                continue;
            }
            Optional<Post> latest = entry.latestPostId().equals(entry.originalId()) ? original : posts.find(entry.latestPostId());
            if (latest.isPresent() && latest.get().status().isFinal()) {
                eligible.add(entry);
            }
        }
        return eligible;
    }

    private List<Post> allDueBetween(Instant from, Instant to) {
        List<Post> out = new ArrayList<>();
        String cursor = null;
        do {
            PostPage page = posts.list(new PostQuery(Set.of(), from, to, 100, cursor));
            out.addAll(page.posts());
            cursor = page.next();
        } while (cursor != null);
        return out;
    }

    private static boolean pending(Post post) {
        return post.status() == PostStatus.QUEUED || post.status() == PostStatus.PUBLISHING;
    }

    private static boolean wentOut(PostStatus status) {
        return status == PostStatus.PUBLISHED || status == PostStatus.PARTIALLY_PUBLISHED;
    }

    /** The event for a platform still short of its target after the run measured at {@code now}: one a day per platform. */
    public static DomainEvent queueRunningLow(Cadence cadence, Report report, Instant now) {
        Runway runway = report.after();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("platform", cadence.platform().id());
        detail.put("runwayDays", runway.days());
        detail.put("targetDays", runway.targetDays());
        detail.put("queuedPosts", runway.queuedPosts());
        detail.put("nextFreeSlot", runway.nextFreeSlot() == null ? "none within " + HORIZON.toDays() + " days"
                : runway.nextFreeSlot().atZone(cadence.zone()).toOffsetDateTime().toString());
        detail.put("timezone", cadence.zone().getId());
        detail.put("evergreenQueued", report.evergreenQueued());
        return DomainEvent.of(SOURCE, QUEUE_RUNNING_LOW,
                cadence.platform().id() + "/" + now.atZone(cadence.zone()).toLocalDate(), detail);
    }

    /** The id of the repeat of {@code originalId} on {@code platform} at {@code slot}: the same in every run. */
    static String repeatId(String originalId, Platform platform, Instant slot) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((originalId + "\n" + platform.id() + "\n" + slot.toEpochMilli()).getBytes(StandardCharsets.UTF_8));
            return "eg-" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
