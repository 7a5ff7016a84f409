package socialdesk.publish;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import socialdesk.aws.dynamo.DynamoAccountHealthStore;
import socialdesk.aws.dynamo.DynamoEventOutbox;
import socialdesk.aws.dynamo.DynamoPostStore;
import socialdesk.aws.testing.Dynalite;
import socialdesk.aws.testing.RequestCounter;
import socialdesk.core.events.EventPublisher;
import socialdesk.core.events.OutboxRelay;
import socialdesk.core.post.Platform;
import socialdesk.core.post.Post;
import socialdesk.core.post.PostContent;
import socialdesk.core.post.PostStatus;
import socialdesk.core.publish.DuePostPublisher;
import socialdesk.core.publish.PlatformAccounts;
import socialdesk.core.publish.PublishSettings;
import socialdesk.core.publish.RunReport;
import socialdesk.platforms.PlatformHttp;
import socialdesk.platforms.PublicUrlFetcher;
import socialdesk.platforms.bluesky.BlueskyPublisher;
import socialdesk.platforms.fake.FakeBluesky;
import socialdesk.platforms.fake.FakeMastodon;
import socialdesk.platforms.mastodon.MastodonPublisher;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Queues N posts for Mastodon and Bluesky, due now, against dynalite and loopback platforms that
 * answer after a fixed latency, runs the publisher until the queue is empty, and reports
 * deliveries per second, DynamoDB requests per delivery by operation, and the peak heap.
 */
final class PublishBenchmark {
    /** The benchmark's links (example.com) get no card: names resolve to nothing, so no DNS query leaves the machine. */
    private static final PublicUrlFetcher OFFLINE_LINK_PAGES = new PublicUrlFetcher(
            Duration.ofSeconds(1), PublicUrlFetcher.PUBLIC_ADDRESSES,
            host -> { throw new UnknownHostException(host); });

    private PublishBenchmark() {
    }

    /** Reads every run makes whatever it finds: the outbox sweep, the due index and the blocked accounts. */
    static final int READS_PER_RUN = 3;

    record Result(int posts, Duration platformLatency, int deliveries, Duration elapsed, int runs, Map<String, Long> dynamoRequests, long peakHeapBytes) {
        double deliveriesPerSecond() {
            return deliveries / (elapsed.toNanos() / 1e9);
        }

        /** DynamoDB requests a delivery itself costs: all of them but the reads each run makes once. */
        double requestsPerDeliveryBesidesRuns() {
            long total = dynamoRequests.values().stream().mapToLong(Long::longValue).sum();
            return (total - (long) READS_PER_RUN * runs) / (double) deliveries;
        }

        String describe() {
            StringBuilder out = new StringBuilder();
            out.append(String.format("posts: %d x 2 platforms, platform latency %d ms, %d publisher run(s)%n",
                    posts, platformLatency.toMillis(), runs));
            out.append(String.format("deliveries: %d in %.2f s = %.1f deliveries/s%n", deliveries, elapsed.toNanos() / 1e9, deliveriesPerSecond()));
            out.append("DynamoDB requests per delivery (publishing only, queueing excluded):\n");
            long total = 0;
            for (Map.Entry<String, Long> e : dynamoRequests.entrySet()) {
                out.append(String.format("  %-12s %6d  = %.2f per delivery%n", e.getKey(), e.getValue(), e.getValue() / (double) deliveries));
                total += e.getValue();
            }
            out.append(String.format("  %-12s %6d  = %.2f per delivery%n", "total", total, total / (double) deliveries));
            out.append(String.format("  without the %d reads of each of the %d runs: %.2f per delivery%n",
                    READS_PER_RUN, runs, requestsPerDeliveryBesidesRuns()));
            out.append(String.format("peak heap (this JVM: publisher, AWS client and the loopback platforms): %.1f MiB%n", peakHeapBytes / 1048576.0));
            return out.toString();
        }
    }

    static Result run(int posts, Duration platformLatency) {
        Dynalite dynalite = Dynalite.shared();
        String table = dynalite.createTable();
        RequestCounter counter = new RequestCounter();
        Clock clock = Clock.systemUTC();
        HttpClient http = PlatformHttp.newClient(Duration.ofSeconds(5));
        DynamoDbClient dynamo = dynalite.clients(counter).dynamoDb();
        try (FakeMastodon mastodon = new FakeMastodon(FakeMastodon.DEFAULT_TOKEN, 500, clock);
             FakeBluesky bluesky = new FakeBluesky(clock)) {
            mastodon.latency(platformLatency);
            bluesky.latency(platformLatency);
            DynamoPostStore store = new DynamoPostStore(dynamo, table);
            Instant now = clock.instant();
            for (int i = 0; i < posts; i++) {
                store.create(new Post(UUID.randomUUID().toString(),
                        new PostContent("Benchmark post " + i + " #socialdesk", "https://example.com/p/" + i),
                        List.of(Platform.MASTODON, Platform.BLUESKY), now.minusMillis(i), PostStatus.QUEUED, 1, now));
            }
            EventPublisher discard = events -> { };
            PlatformAccounts accounts = PlatformAccounts.of(Map.of(
                    Platform.MASTODON, new MastodonPublisher(http, mastodon.account(), clock),
                    Platform.BLUESKY, new BlueskyPublisher(http, bluesky.account(), clock,
                            PlatformHttp.DEFAULT_REQUEST_TIMEOUT, OFFLINE_LINK_PAGES)));
            DuePostPublisher publisher = new DuePostPublisher(store, new DynamoAccountHealthStore(dynamo, table),
                    () -> accounts, new OutboxRelay(discard, new DynamoEventOutbox(dynamo, table)), clock, PublishSettings.DEFAULT, new Random());
            counter.reset();
            resetPeakHeap();
            long start = System.nanoTime();
            int published = 0;
            int runs = 0;
            RunReport report;
            do {
                report = publisher.run("bench-" + runs++, () -> 60_000);
                published += report.published();
            } while (report.due() > 0);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            if (mastodon.statusesCreated() != posts || bluesky.records().size() != posts) {
                throw new IllegalStateException("published " + mastodon.statusesCreated() + " + " + bluesky.records().size()
                        + " posts, expected " + posts + " each");
            }
            return new Result(posts, platformLatency, published, elapsed, runs, counter.snapshot(), peakHeap());
        }
    }

    private static void resetPeakHeap() {
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long peakHeap() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed())
                .sum();
    }

    public static void main(String[] args) {
        int posts = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        long latencyMs = args.length > 1 ? Long.parseLong(args[1]) : 50;
        System.out.print(run(posts, Duration.ofMillis(latencyMs)).describe());
    }
}
