package socialdesk.core.reply;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import socialdesk.core.metrics.DeskMetrics;
import socialdesk.core.metrics.Metric;

/**
 * How fast flagged comments are answered: from a comment's arrival to the reply in its thread, by
 * severity and platform, as the median and the 90th percentile (nearest rank) of a period, with the
 * comments still waiting (how many, and how long the oldest has waited).
 */
public final class ResponseTimes {
    /** The severity whose waiting comments wake someone (HighSeverityCommentWaitingAlarm). */
    static final String ALARMED_SEVERITY = "high";
    /** The severities reported, most urgent first. */
    public static final List<String> SEVERITIES = List.of("high", "medium", "low", "none");

    private ResponseTimes() {
    }

    /** One group's figures; {@code median} and {@code p90} are null when nothing was answered. */
    public record Figures(String severity, String platform, int answered, Duration median, Duration p90,
                          int waiting, Duration oldestWaiting) {
    }

    /**
     * The figures per severity and platform, and per severity over every platform ({@code platform}
     * "all"), for the answered comments and the ones waiting now.
     */
    public static List<Figures> summarise(List<TrackedComment> answered, List<TrackedComment> waiting, Instant now) {
        Map<String, List<Duration>> times = new TreeMap<>();
        Map<String, List<Duration>> ages = new TreeMap<>();
        for (TrackedComment c : answered) {
            if (c.stateAt() == null) {
                continue;
            }
            Duration took = nonNegative(Duration.between(c.stored().comment().at(), c.stateAt()));
            for (String key : keys(c)) {
                times.computeIfAbsent(key, k -> new ArrayList<>()).add(took);
            }
        }
        for (TrackedComment c : waiting) {
            Duration age = nonNegative(Duration.between(c.stored().comment().at(), now));
            for (String key : keys(c)) {
                ages.computeIfAbsent(key, k -> new ArrayList<>()).add(age);
            }
        }
        TreeMap<String, Boolean> groups = new TreeMap<>(Comparator.comparing(ResponseTimes::order));
        times.keySet().forEach(k -> groups.put(k, true));
        ages.keySet().forEach(k -> groups.put(k, true));
        List<Figures> out = new ArrayList<>();
        for (String key : groups.keySet()) {
            String[] parts = key.split("\\|", 2);
            List<Duration> t = times.getOrDefault(key, List.of()).stream().sorted().toList();
            List<Duration> a = ages.getOrDefault(key, List.of());
            out.add(new Figures(parts[0], parts[1], t.size(), percentile(t, 50), percentile(t, 90), a.size(),
                    a.stream().max(Comparator.naturalOrder()).orElse(null)));
        }
        return out;
    }

    /**
     * Records how long the oldest waiting high-severity comment has waited (zero when none waits, so
     * the alarm on it clears): the figure the template's response-time alarm watches. Only the
     * alarm's severity is recorded: each severity would be a custom metric billed every hour, and
     * {@code ./social report} gives the others from the table.
     */
    public static void recordOldestWaiting(List<TrackedComment> waiting, Instant now, DeskMetrics metrics) {
        Duration oldest = waiting.stream().filter(c -> ALARMED_SEVERITY.equals(c.stored().verdict().severity()))
                .map(c -> nonNegative(Duration.between(c.stored().comment().at(), now)))
                .max(Comparator.naturalOrder()).orElse(Duration.ZERO);
        metrics.add(Metric.OLDEST_WAITING_COMMENT, oldest.toSeconds(), ALARMED_SEVERITY);
    }

    /** The nearest-rank percentile of sorted values; null for none. */
    static Duration percentile(List<Duration> sorted, int p) {
        if (sorted.isEmpty()) {
            return null;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(rank, 1) - 1);
    }

    private static List<String> keys(TrackedComment c) {
        String severity = c.stored().verdict().severity();
        return List.of(severity + "|" + c.stored().platform().id(), severity + "|all");
    }

    /** Severity in urgency order, then "all" before the platforms. */
    private static String order(String key) {
        String[] parts = key.split("\\|", 2);
        int s = SEVERITIES.indexOf(parts[0]);
        return (s < 0 ? 9 : s) + (parts[1].equals("all") ? " " : "~" + parts[1]);
    }

    private static Duration nonNegative(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }
}
