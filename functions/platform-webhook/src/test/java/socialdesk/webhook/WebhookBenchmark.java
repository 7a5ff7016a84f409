package socialdesk.webhook;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import socialdesk.core.engagement.CommentTriager;
import socialdesk.core.engagement.Triage;

/**
 * Webhook throughput through the real handler against dynalite, DynamoDB requests per comment,
 * and triage cost per comment. Prints figures; asserts nothing about speed.
 */
final class WebhookBenchmark {
    private static final String[] TEXTS = {
            "I was charged twice for my order and support has not answered in a week. Please fix this.",
            "Love the new release, the export is so much faster!",
            "Đơn hàng của mình giao trễ 2 tuần rồi mà chưa ai trả lời 😡",
            "Is the new export available on the free plan as well?",
            "app ko dang nhap dc tu sang toi gio, lam an kieu gi vay",
            "you people are clowns, worst company ever",
            "Great job team 👏👏",
            "Check my profile for free followers!!! link in bio",
    };

    record Result(int deliveries, int threads, double deliveriesPerSecond, Map<String, Long> requests,
                  double requestsPerComment, double triageMicrosPerComment) {
        String describe() {
            return String.format(Locale.ROOT, """
                    platform-webhook benchmark (handler + dynalite on loopback, desk triage)
                      deliveries (one new comment each): %d over %d threads
                      deliveries per second:             %.0f
                      DynamoDB requests per comment:     %.2f  %s
                      triage per comment:                %.1f µs
                    """, deliveries, threads, deliveriesPerSecond, requestsPerComment, requests, triageMicrosPerComment);
        }
    }

    static Result run(int deliveries, int threads) throws Exception {
        CommentTriager triage = Triage.standard();
        WebhookTestKit kit = new WebhookTestKit(triage, s -> s).withOurPosts();
        Map<String, Object> template = WebhookTestKit.sampleEvent("meta-feed-comment.json");
        List<Map<String, Object>> events = new ArrayList<>(deliveries);
        for (int i = 0; i < deliveries; i++) {
            String body = "{\"object\":\"page\",\"entry\":[{\"id\":\"104857283947\",\"time\":1764150310,\"changes\":[{\"field\":\"feed\","
                    + "\"value\":{\"from\":{\"id\":\"555" + i + "\",\"name\":\"Reader " + i + "\"},\"post_id\":\"104857283947_912837465\","
                    + "\"comment_id\":\"912837465_" + (1_000_000 + i) + "\",\"created_time\":1764150301,\"item\":\"comment\","
                    + "\"parent_id\":\"104857283947_912837465\",\"verb\":\"add\",\"message\":" + socialdesk.core.json.Json.write(TEXTS[i % TEXTS.length])
                    + "}}]}]}";
            events.add(WebhookTestKit.withSignedBody(template, body.getBytes(StandardCharsets.UTF_8)));
        }
        // Warm-up: class loading, JIT, connections.
        for (int i = 0; i < Math.min(50, deliveries); i++) {
            kit.invoke(events.get(i));
        }
        kit.requests.reset();
        List<Callable<Integer>> calls = new ArrayList<>();
        for (Map<String, Object> e : events.subList(Math.min(50, deliveries), deliveries)) {
            calls.add(() -> WebhookTestKit.status(kit.invoke(e)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        try {
            for (Future<Integer> f : pool.invokeAll(calls)) {
                if (f.get() != 200) {
                    throw new IllegalStateException("a delivery was answered " + f.get());
                }
            }
        } finally {
            pool.shutdown();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Long> requests = kit.requests.snapshot();
        double perComment = (double) kit.requests.total() / calls.size();

        int rounds = 20_000;
        for (int i = 0; i < rounds; i++) {
            triage.triage(TEXTS[i % TEXTS.length], null);
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            triage.triage(TEXTS[i % TEXTS.length], null);
        }
        double triageMicros = (System.nanoTime() - t0) / 1e3 / rounds;
        return new Result(calls.size(), threads, calls.size() / seconds, requests, perComment, triageMicros);
    }
}
