package socialdesk.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import socialdesk.aws.dynamo.DynamoPostStore;
import socialdesk.core.platform.PlatformRules;
import socialdesk.core.post.Delivery;
import socialdesk.core.post.DeliveryStatus;
import socialdesk.core.post.Platform;
import socialdesk.core.post.PostDraft;
import socialdesk.core.post.PostQueue;
import socialdesk.template.Template;

/**
 * The crash benchmark: the whole local stack (real function JVMs on the Lambda runtime client,
 * dynalite, the sandbox platform), {@code posts} posts queued for the sandbox's Mastodon (idempotency
 * key), Facebook Page (no key, a feed the desk can ask) and Telegram bot (no key, nothing to ask),
 * due a little apart; while they go out, the publish-due-posts JVM is killed with SIGKILL
 * {@code kills} times, each at a random moment shortly after the sandbox has received a post (so
 * the kill lands between a claim and its sends, between a send and its answer, or between an answer
 * and its record); the stack's supervisor gives the function a fresh JVM on its next tick. Then it
 * waits for every delivery to settle and counts, per platform, what the sandbox holds against what
 * the desk recorded: published exactly once, twice or more, lost, or UNCERTAIN (handed to a person).
 *
 * <p>The lease is shortened to {@value #LEASE_SECONDS} s and the settle delay to
 * {@value #SETTLE_SECONDS} s through the functions' environment, and the sandbox holds each answer
 * {@value #ANSWER_LATENCY_MS} ms after recording the post, so a kill often falls in the window
 * where a post is out and the desk has not heard.
 */
final class CrashBenchmark {
    static final int LEASE_SECONDS = 6;
    static final int SETTLE_SECONDS = 2;
    static final int ANSWER_LATENCY_MS = 250;
    static final List<Platform> PLATFORMS = List.of(Platform.MASTODON, Platform.FACEBOOK, Platform.TELEGRAM);
    private static final String PUBLISHER = "PublishDuePostsFunction";

    /**
     * One platform's count. {@code uncertainOnPlatform}: of the UNCERTAIN ones, how many the sandbox
     * does hold; {@code foundByLookup} and {@code notFoundByLookup}: the publisher's lookups of sends in
     * doubt, from its log.
     */
    record Count(int once, int twice, int lost, int uncertain, int uncertainOnPlatform, int foundByLookup, int notFoundByLookup) {
    }

    record Result(int posts, int kills, long seed, Map<Platform, Count> counts, Duration took, List<String> problems) {
        int twice() {
            return counts.values().stream().mapToInt(Count::twice).sum();
        }

        int lost() {
            return counts.values().stream().mapToInt(Count::lost).sum();
        }

        String describe() {
            StringBuilder b = new StringBuilder();
            b.append(String.format("Crash benchmark: %d posts x %d platforms, publisher JVM killed %d times (SIGKILL), seed %d, %.0f s%n",
                    posts, counts.size(), kills, seed, took.toMillis() / 1000.0));
            b.append(String.format("%-10s %6s %6s %6s %14s %16s%n", "platform", "once", "twice", "lost", "UNCERTAIN", "in doubt: found/not"));
            counts.forEach((platform, c) -> b.append(String.format("%-10s %6d %6d %6d %14s %16s%n", platform.id(), c.once(), c.twice(),
                    c.lost(), c.uncertain() + (c.uncertain() == 0 ? "" : " (" + c.uncertainOnPlatform() + " posted)"),
                    c.foundByLookup() + "/" + c.notFoundByLookup())));
            problems.forEach(p -> b.append("  ").append(p).append('\n'));
            return b.toString();
        }
    }

    private CrashBenchmark() {
    }

    static Result run(int posts, int kills, long seed, Duration spread, Duration settleWithin) {
        long started = System.nanoTime();
        Random random = new Random(seed);
        Path data = tempDir();
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(System.getProperty("bench.verbose") == null ? console
                : new java.io.FilterOutputStream(console) {
                    @Override
                    public void write(int b) {
                        console.write(b);
                        System.out.write(b);
                    }
                }, true, StandardCharsets.UTF_8);
        LocalDesk.Options options = new LocalDesk.Options(Template.ROOT, data, true, false, 0, Duration.ofSeconds(1),
                Duration.ofDays(1), null, out, LocalDesk.Options.DEFAULT_JVM_OPTIONS,
                Map.of("PUBLISH_LEASE_SECONDS", Integer.toString(LEASE_SECONDS), "PUBLISH_SETTLE_SECONDS", Integer.toString(SETTLE_SECONDS)));
        try (LocalDesk stack = LocalDesk.start(options)) {
            stack.sandbox().latency(Duration.ofMillis(ANSWER_LATENCY_MS));
            AtomicLong lastPostNanos = new AtomicLong();
            stack.sandbox().onPost(p -> lastPostNanos.set(System.nanoTime()));
            DynamoPostStore store = new DynamoPostStore(stack.dynamo(), stack.tableName());
            Map<String, String> texts = queue(stack, store, posts, seed, spread);
            int killed = 0;
            long deadline = System.nanoTime() + spread.plus(settleWithin).toNanos();
            while (killed < kills && System.nanoTime() < deadline) {
                long seen = lastPostNanos.get();
                while (lastPostNanos.get() == seen && System.nanoTime() < deadline) {
                    sleep(Duration.ofMillis(20));
                }
                sleep(Duration.ofMillis(random.nextInt(ANSWER_LATENCY_MS * 2)));
                LocalFunction publisher = stack.functions().get(PUBLISHER).function();
                if (publisher.isAlive()) {
                    ProcessHandle.of(publisher.pid()).ifPresent(ProcessHandle::destroyForcibly);
                    killed++;
                }
            }
            List<String> problems = new ArrayList<>();
            if (killed < kills) {
                problems.add("only " + killed + " of " + kills + " kills landed before the posts settled");
            }
            awaitSettled(store, texts.keySet(), deadline, problems);
            List<String> lookups = console.toString(StandardCharsets.UTF_8).lines()
                    .filter(l -> l.contains("reconciled a send in doubt")).toList();
            return new Result(posts, killed, seed, count(stack, store, texts, lookups), Duration.ofNanos(System.nanoTime() - started), problems);
        } finally {
            deleteQuietly(data);
        }
    }

    /** Queues the posts as the posts API does, due {@code spread} apart in all, from a few seconds ahead. */
    private static Map<String, String> queue(LocalDesk stack, DynamoPostStore store, int posts, long seed, Duration spread) {
        PostQueue queue = new PostQueue(store, PlatformRules.standard(), stack.clock());
        Instant first = stack.clock().instant().plusSeconds(3).truncatedTo(ChronoUnit.SECONDS);
        Map<String, String> texts = new LinkedHashMap<>();
        for (int i = 0; i < posts; i++) {
            String id = "crash-" + seed + "-" + i;
            String text = "Crash benchmark " + seed + ", post " + (i + 1) + " of " + posts + ": published once, or a person is told.";
            Instant due = first.plusMillis(spread.toMillis() * i / Math.max(1, posts - 1));
            queue.enqueue(new PostDraft(id, text, null, PLATFORMS.stream().map(Platform::id).toList(), due.toString()));
            texts.put(id, text);
        }
        return texts;
    }

    private static void awaitSettled(DynamoPostStore store, Iterable<String> ids, long deadline, List<String> problems) {
        while (true) {
            int open = 0;
            for (String id : ids) {
                List<Delivery> deliveries = store.deliveries(id);
                open += (int) deliveries.stream().filter(d -> !d.status().isFinal()).count() + (PLATFORMS.size() - deliveries.size());
            }
            if (open == 0) {
                return;
            }
            if (System.nanoTime() > deadline) {
                problems.add(open + " deliveries had not settled by the deadline (counted as they stood)");
                return;
            }
            sleep(Duration.ofMillis(250));
        }
    }

    /** Per platform: how many copies of each post the sandbox holds, against the delivery the desk recorded. */
    private static Map<Platform, Count> count(LocalDesk stack, DynamoPostStore store, Map<String, String> texts, List<String> lookups) {
        Map<Platform, Count> counts = new EnumMap<>(Platform.class);
        for (Platform platform : PLATFORMS) {
            List<SandboxPlatform.SandboxPost> received = stack.sandbox().posts(platform.id());
            int once = 0;
            int twice = 0;
            int lost = 0;
            int uncertain = 0;
            int uncertainPosted = 0;
            for (Map.Entry<String, String> post : texts.entrySet()) {
                long copies = received.stream().filter(p -> p.text().equals(post.getValue())).count();
                DeliveryStatus status = store.deliveries(post.getKey()).stream().filter(d -> d.platform() == platform)
                        .map(Delivery::status).findFirst().orElse(DeliveryStatus.PENDING);
                if (copies >= 2) {
                    twice++;
                } else if (status == DeliveryStatus.UNCERTAIN) {
                    uncertain++;
                    uncertainPosted += (int) copies;
                } else if (copies == 1 && status == DeliveryStatus.PUBLISHED) {
                    once++;
                } else {
                    lost++;
                }
            }
            String ofPlatform = "\"platform\":\"" + platform.id() + "\"";
            int found = (int) lookups.stream().filter(l -> l.contains(ofPlatform) && l.contains("\"answer\":\"Found\"")).count();
            int notFound = (int) lookups.stream().filter(l -> l.contains(ofPlatform) && l.contains("\"answer\":\"NotFound\"")).count();
            counts.put(platform, new Count(once, twice, lost, uncertain, uncertainPosted, found, notFound));
        }
        return counts;
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("socialdesk-crash-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temporary directory; the system cleans it eventually.
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
