package socialdesk.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.tests.EventLoader;
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
import socialdesk.aws.dynamo.DynamoEventOutbox;
import socialdesk.aws.dynamo.DynamoPostStore;
import socialdesk.aws.testing.Dynalite;
import socialdesk.aws.testing.EmfCapture;
import socialdesk.aws.testing.TestContext;
import socialdesk.core.metrics.Metric;
import socialdesk.core.events.OutboxRelay;
import socialdesk.core.post.Platform;
import socialdesk.core.post.Post;
import socialdesk.core.post.PostContent;
import socialdesk.core.post.PostStatus;
import socialdesk.core.publish.DuePostPublisher;
import socialdesk.core.publish.PlatformAccounts;
import socialdesk.core.publish.PlatformPublisher;
import socialdesk.core.publish.PublishSettings;
import socialdesk.platforms.PlatformHttp;
import socialdesk.platforms.bluesky.BlueskyPublisher;
import socialdesk.platforms.fake.FakeBluesky;
import socialdesk.platforms.fake.FakeMastodon;
import socialdesk.platforms.fake.TestClock;
import socialdesk.platforms.mastodon.MastodonPublisher;

/**
 * The publisher's business metrics as CloudWatch would read them: the handler's EMF lines parsed
 * back, over DynamoDB (dynalite on loopback) and the Mastodon and Bluesky fakes.
 */
class PublishMetricsTest {
    private static final Instant START = Instant.parse("2026-12-06T09:00:00Z");

    private final TestClock clock = new TestClock(START);
    private final HttpClient http = PlatformHttp.newClient(Duration.ofSeconds(2));
    private final EmfCapture emf = new EmfCapture(clock);
    private FakeMastodon mastodon;
    private FakeBluesky bluesky;
    private DynamoPostStore store;
    private PublishDuePostsHandler handler;

    @BeforeEach
    void start() {
        Dynalite dynalite = Dynalite.shared();
        String table = dynalite.createTable();
        store = new DynamoPostStore(dynalite.client(), table);
        mastodon = new FakeMastodon(FakeMastodon.DEFAULT_TOKEN, 500, clock);
        bluesky = new FakeBluesky(clock);
        Map<Platform, PlatformPublisher> publishers = Map.of(
                Platform.MASTODON, new MastodonPublisher(http, mastodon.account(), clock, Duration.ofSeconds(10)),
                Platform.BLUESKY, new BlueskyPublisher(http, bluesky.account(), clock, Duration.ofSeconds(10)));
        PlatformAccounts accounts = PlatformAccounts.of(publishers);
        DuePostPublisher publisher = new DuePostPublisher(store, new DynamoAccountHealthStore(dynalite.client(), table),
                () -> accounts, new OutboxRelay(new RecordingEvents(), new DynamoEventOutbox(dynalite.client(), table)), clock, PublishSettings.DEFAULT, new Random(7), emf.metrics());
        handler = new PublishDuePostsHandler(publisher, emf.metrics());
    }

    @AfterEach
    void stop() {
        mastodon.close();
        bluesky.close();
    }

    private void queue(String text, Platform... platforms) {
        assertTrue(store.create(new Post(UUID.randomUUID().toString(), new PostContent(text, null), List.of(platforms),
                START, PostStatus.QUEUED, 1, START.minus(Duration.ofDays(1)))));
    }

    private void tick() {
        handler.handleRequest(EventLoader.loadScheduledEvent("events/scheduled-tick.json"),
                TestContext.of("publish-due-posts", "req-" + UUID.randomUUID()));
    }

    private List<Double> values(Metric metric, Map<String, String> dimensions) {
        return emf.valuesOf(metric.metricName(), dimensions);
    }

    @Test
    void aTickReportsPublishedAndFailedDeliveriesPerPlatformAndTheirDelayBehindSchedule() {
        queue("Out on both", Platform.MASTODON, Platform.BLUESKY);
        queue("Out on Mastodon, nowhere on X", Platform.MASTODON, Platform.X);
        clock.advance(Duration.ofSeconds(90));

        tick();

        assertEquals(List.of(2.0), values(Metric.POSTS_PUBLISHED, Map.of("platform", "mastodon")));
        assertEquals(List.of(1.0), values(Metric.POSTS_PUBLISHED, Map.of("platform", "bluesky")));
        assertEquals(List.of(1.0), values(Metric.POSTS_FAILED, Map.of("platform", "x")));
        assertEquals(List.of(90_000.0, 90_000.0), values(Metric.PUBLISH_DELAY, Map.of("platform", "mastodon")));
        EmfCapture.Value failed = emf.values().stream()
                .filter(v -> v.name().equals(Metric.POSTS_FAILED.metricName())).findFirst().orElseThrow();
        assertEquals(List.of(List.of("platform"), List.of()), failed.dimensionSets(), "the roll-up the alarm reads");
        assertEquals("Count", failed.unit());
        assertEquals("Milliseconds", emf.values().stream()
                .filter(v -> v.name().equals(Metric.PUBLISH_DELAY.metricName())).findFirst().orElseThrow().unit());
    }

    @Test
    void deliveriesHeldForRejectedCredentialsAreCountedAsBlocked() {
        queue("Held 1", Platform.MASTODON);
        queue("Held 2", Platform.MASTODON);
        mastodon.failNext(FakeMastodon.STATUSES, 100, 401, Map.of(), "{\"error\":\"The access token is invalid\"}");

        tick();

        assertEquals(List.of(2.0), values(Metric.POSTS_BLOCKED, Map.of("platform", "mastodon")));
        assertEquals(List.of(), values(Metric.POSTS_PUBLISHED, Map.of("platform", "mastodon")));
    }

    @Test
    void eachInvocationFlushesOnlyItsOwnMetrics() {
        queue("First", Platform.BLUESKY);
        tick();
        tick();

        assertEquals(List.of(1.0), values(Metric.POSTS_PUBLISHED, Map.of("platform", "bluesky")));
        assertEquals(1, emf.documents().size(), "an invocation with nothing to report writes nothing");
    }
}
