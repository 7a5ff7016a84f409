package socialdesk.aws.metrics;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import socialdesk.core.json.Json;
import socialdesk.core.metrics.DeskMetrics;
import socialdesk.core.metrics.Dimension;
import socialdesk.core.metrics.Metric;

/**
 * Business metrics as CloudWatch Embedded Metric Format: JSON lines on standard output, which
 * CloudWatch Logs turns into metrics, with no API call and no permission beyond writing logs.
 * Values are held in memory and written by {@link #flush()} once per invocation: one line for each
 * combination of dimension values recorded (EMF carries one value per dimension per line), counts
 * summed, other values listed. Written by hand rather than with Powertools Metrics: see
 * docs/decisions/2026-12-06-metrics-emf.md.
 */
public final class EmfMetrics implements DeskMetrics {
    /** EMF accepts at most 100 values for one metric in one line; more go on further lines. */
    static final int MAX_VALUES_PER_LINE = 100;
    /** Written for a dimension value the caller did not have. */
    static final String UNKNOWN = "unknown";

    private final String namespace;
    private final PrintStream out;
    private final Clock clock;
    /** Guarded by this. */
    private Map<Series, List<Double>> pending = new LinkedHashMap<>();

    private record Series(Metric metric, List<String> dimensionValues) {
    }

    public EmfMetrics(String namespace, PrintStream out, Clock clock) {
        this.namespace = namespace;
        this.out = out;
        this.clock = clock;
    }

    /** What a Lambda function uses: the desk's namespace, standard output, the system clock. */
    public static EmfMetrics toStandardOutput() {
        return new EmfMetrics(Metric.NAMESPACE, System.out, Clock.systemUTC());
    }

    /**
     * A SnapStart priming step: every metric recorded once and flushed to nowhere, so the classes a
     * flush uses (the EMF document, its JSON) are loaded before the snapshot and no line is written.
     */
    public static void primeWithoutWriting() {
        EmfMetrics metrics = new EmfMetrics(Metric.NAMESPACE,
                new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8), Clock.systemUTC());
        for (Metric metric : Metric.values()) {
            metrics.add(metric, 1, metric.dimensions().stream().map(d -> "priming").toArray(String[]::new));
        }
        metrics.flush();
    }

    @Override
    public void add(Metric metric, double value, String... dimensionValues) {
        if (dimensionValues.length != metric.dimensions().size()) {
            throw new IllegalArgumentException(metric.metricName() + " takes values for " + metric.dimensions()
                    + ", got " + dimensionValues.length);
        }
        List<String> dimensions = new ArrayList<>(dimensionValues.length);
        for (String given : dimensionValues) {
            // A metric must never fail the work it describes: a missing value is written, not thrown.
            dimensions.add(given == null || given.isBlank() ? UNKNOWN : given);
        }
        Series series = new Series(metric, List.copyOf(dimensions));
        synchronized (this) {
            List<Double> recorded = pending.computeIfAbsent(series, s -> new ArrayList<>());
            if (metric.summed() && !recorded.isEmpty()) {
                recorded.set(0, recorded.getFirst() + value);
            } else {
                recorded.add(value);
            }
        }
    }

    @Override
    public void flush() {
        Map<Series, List<Double>> taken;
        synchronized (this) {
            if (pending.isEmpty()) {
                return;
            }
            taken = pending;
            pending = new LinkedHashMap<>();
        }
        long timestamp = clock.millis();
        Map<Map<String, String>, Map<Metric, List<Double>>> lines = new LinkedHashMap<>();
        taken.forEach((series, values) -> lines
                .computeIfAbsent(dimensionMap(series), d -> new LinkedHashMap<>())
                .put(series.metric(), values));
        lines.forEach((dimensions, metrics) -> {
            for (int from = 0; ; from += MAX_VALUES_PER_LINE) {
                Map<Metric, List<Double>> slice = slice(metrics, from);
                if (slice.isEmpty()) {
                    break;
                }
                out.println(Json.write(document(timestamp, dimensions, slice)));
            }
        });
    }

    private static Map<String, String> dimensionMap(Series series) {
        Map<String, String> dimensions = new LinkedHashMap<>();
        List<Dimension> keys = series.metric().dimensions();
        for (int i = 0; i < keys.size(); i++) {
            dimensions.put(keys.get(i).key(), series.dimensionValues().get(i));
        }
        return dimensions;
    }

    /** Each metric's values from index {@code from}, at most {@link #MAX_VALUES_PER_LINE} of them. */
    private static Map<Metric, List<Double>> slice(Map<Metric, List<Double>> metrics, int from) {
        Map<Metric, List<Double>> slice = new LinkedHashMap<>();
        metrics.forEach((metric, values) -> {
            if (from < values.size()) {
                slice.put(metric, values.subList(from, Math.min(values.size(), from + MAX_VALUES_PER_LINE)));
            }
        });
        return slice;
    }

    /** One EMF document: the {@code _aws} directives, then the dimension values, then the metric values. */
    private Map<String, Object> document(long timestamp, Map<String, String> dimensions, Map<Metric, List<Double>> metrics) {
        Map<List<List<Dimension>>, List<Map<String, Object>>> byDimensionSets = new LinkedHashMap<>();
        metrics.keySet().forEach(metric -> byDimensionSets
                .computeIfAbsent(metric.dimensionSets(), d -> new ArrayList<>())
                .add(Map.of("Name", metric.metricName(), "Unit", metric.unit().cloudWatchName())));
        List<Map<String, Object>> directives = new ArrayList<>();
        byDimensionSets.forEach((sets, definitions) -> {
            Map<String, Object> directive = new LinkedHashMap<>();
            directive.put("Namespace", namespace);
            directive.put("Dimensions", sets.stream().map(set -> set.stream().map(Dimension::key).toList()).toList());
            directive.put("Metrics", definitions);
            directives.add(directive);
        });
        Map<String, Object> aws = new LinkedHashMap<>();
        aws.put("Timestamp", timestamp);
        aws.put("CloudWatchMetrics", directives);
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("_aws", aws);
        document.putAll(dimensions);
        metrics.forEach((metric, values) -> document.put(metric.metricName(), values.size() == 1 ? values.getFirst() : values));
        return document;
    }
}
