package socialdesk.queuerunway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import socialdesk.aws.dynamo.DynamoCadenceStore;
import socialdesk.aws.dynamo.DynamoPostStore;
import socialdesk.aws.testing.Dynalite;
import socialdesk.core.events.DomainEvent;
import socialdesk.core.events.Announcement;
import socialdesk.core.events.EventPublisher;
import socialdesk.core.json.Json;
import socialdesk.core.json.JsonRead;
import socialdesk.core.post.Claim;
import socialdesk.core.post.Platform;
import socialdesk.core.post.Post;
import socialdesk.core.post.PostContent;
import socialdesk.core.post.PostQuery;
import socialdesk.core.post.PostStatus;
import socialdesk.core.schedule.Cadence;
import socialdesk.core.schedule.QueueRunway;
import socialdesk.core.schedule.SlotRule;

/** The daily runway run over the real stores (dynalite on loopback); the bus is a recorder. */
class QueueRunwayHandlerTest {
    /** Monday 30 November 2026, 07:00 in Ho Chi Minh City: the daily run. */
    private static final Instant NOW = Instant.parse("2026-11-30T00:00:00Z");
    private static final ZoneId HCM = ZoneId.of("Asia/Ho_Chi_Minh");

    private final List<DomainEvent> bus = new CopyOnWriteArrayList<>();
    private DynamoPostStore posts;
    private DynamoCadenceStore cadences;
    private QueueRunwayHandler handler;

    @BeforeEach
    void freshTable() {
        Dynalite dynalite = Dynalite.shared();
        String table = dynalite.createTable();
        posts = new DynamoPostStore(dynalite.client(), table);
        cadences = new DynamoCadenceStore(dynalite.client(), table);
        EventPublisher recorder = bus::addAll;
        handler = new QueueRunwayHandler(new QueueRunway(posts, cadences, recorder, Clock.fixed(NOW, ZoneOffset.UTC)));
    }

    private static Cadence weekdays(Platform platform) {
        return new Cadence(platform, HCM, List.of(new SlotRule(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                List.of(LocalTime.of(9, 0), LocalTime.of(13, 30)))), 3, 30);
    }

    @ParameterizedTest
    @Event(value = "events/queue-runway-tick.json", type = ScheduledEvent.class)
    void warnsOnlyForThePlatformWhoseQueueIsShortOfItsTarget(ScheduledEvent tick) {
        cadences.put(weekdays(Platform.MASTODON));
        cadences.put(weekdays(Platform.BLUESKY));
        // Mastodon: Monday 09:00, 13:30 and Tuesday 09:00 filled; Bluesky: every slot through Friday.
        queue("m1", "2026-11-30T02:00:00Z", Platform.MASTODON);
        queue("m2", "2026-11-30T06:30:00Z", Platform.MASTODON);
        queue("m3", "2026-12-01T02:00:00Z", Platform.MASTODON);
        int i = 0;
        for (Instant slot : weekdays(Platform.BLUESKY).slotsBetween(NOW, NOW.plus(Duration.ofDays(5)))) {
            queue("b" + i++, slot.toString(), Platform.BLUESKY);
        }

        Map<String, Object> summary = invoke(tick);

        assertEquals(1, bus.size(), bus.toString());
        DomainEvent event = bus.getFirst();
        assertEquals("social.queue", event.source());
        assertEquals("QueueRunningLow", event.detailType());
        assertEquals("mastodon", event.detail().get("platform"));
        assertEquals(new BigDecimal("1.2"), event.detail().get("runwayDays"));
        assertEquals(3, event.detail().get("targetDays"));
        assertEquals(3, event.detail().get("queuedPosts"));
        assertEquals("2026-12-01T13:30+07:00", event.detail().get("nextFreeSlot"));
        List<Object> platforms = JsonRead.list(summary, "platforms");
        assertEquals(List.of("mastodon", "bluesky"), platforms.stream().map(p -> JsonRead.string(p, "platform")).toList());
        assertEquals(List.of(true, false), platforms.stream().map(p -> JsonRead.bool(p, "alerted")).toList());
    }

    @Test
    void repeatsRestedEvergreenPostsOneADayLeastRecentlyPostedFirstAndOnlyOnce() {
        cadences.put(weekdays(Platform.MASTODON));
        String older = published("evergreen-older", NOW.minus(Duration.ofDays(60)), true);
        String newer = published("evergreen-newer", NOW.minus(Duration.ofDays(40)), true);
        published("evergreen-recent", NOW.minus(Duration.ofDays(10)), true);
        published("not-evergreen", NOW.minus(Duration.ofDays(90)), false);

        invoke();
        invoke();

        List<Post> repeats = posts.list(new PostQuery(Set.of(PostStatus.QUEUED), NOW, NOW.plus(Duration.ofDays(30)), 50, null)).posts();
        assertEquals(List.of(older, newer), repeats.stream().map(Post::evergreenOf).toList());
        // Monday 09:00 and Tuesday 09:00: one a day, not in neighbouring slots.
        assertEquals(List.of(Instant.parse("2026-11-30T02:00:00Z"), Instant.parse("2026-12-01T02:00:00Z")),
                repeats.stream().map(Post::dueAt).toList());
        assertTrue(repeats.stream().allMatch(p -> p.platforms().equals(List.of(Platform.MASTODON))));
        assertEquals("Evergreen text evergreen-older", repeats.getFirst().content().text());
        // Monday 13:30 is still free: the runway stays short, and each run says so.
        assertEquals(2, bus.size());
        assertEquals(2, bus.getFirst().detail().get("evergreenQueued"));
        assertEquals(0, bus.get(1).detail().get("evergreenQueued"));
    }

    @Test
    void noCadenceNoWarning() {
        queue("lonely", "2026-11-30T02:00:00Z", Platform.MASTODON);

        Map<String, Object> summary = invoke();

        assertEquals(List.of(), bus);
        assertEquals(List.of(), JsonRead.list(summary, "platforms"));
    }

    private void queue(String id, String at, Platform platform) {
        assertTrue(posts.create(new Post(id, new PostContent("Queued " + id, null), List.of(platform), Instant.parse(at),
                PostStatus.QUEUED, 1, NOW.minus(Duration.ofDays(1)))));
    }

    /** A post that went out at {@code at}: queued, claimed and released as published, as the publisher does it. */
    private String published(String id, Instant at, boolean evergreen) {
        Post post = new Post(id, new PostContent("Evergreen text " + id, "https://example.com/" + id), List.of(Platform.MASTODON),
                at, PostStatus.QUEUED, 1, at.minus(Duration.ofDays(1)), evergreen, null, null);
        assertTrue(posts.create(post));
        Claim claim = posts.claim(id, at, at.plusSeconds(180), "publisher").orElseThrow();
        posts.release(claim, PostStatus.PUBLISHED, null, new Announcement(List.of(), at));
        return id;
    }

    private Map<String, Object> invoke() {
        return invoke(EventLoader.loadScheduledEvent("events/queue-runway-tick.json"));
    }

    /** The handler's answer as the JSON Lambda writes for it, read back. */
    private Map<String, Object> invoke(ScheduledEvent tick) {
        return Json.parseObject(Json.write(handler.handleRequest(tick, null)));
    }
}
