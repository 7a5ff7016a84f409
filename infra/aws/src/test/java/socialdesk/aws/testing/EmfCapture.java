package socialdesk.aws.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import socialdesk.aws.metrics.EmfMetrics;
import socialdesk.core.json.Json;
import socialdesk.core.json.JsonRead;
import socialdesk.core.metrics.Metric;

/**
 * An {@link EmfMetrics} writing to memory, and the lines it wrote parsed back as JSON, so a test
 * checks the metrics as CloudWatch would read them: names, units, dimensions and values.
 */
public final class EmfCapture {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final EmfMetrics metrics;

    public EmfCapture(Clock clock) {
        metrics = new EmfMetrics(Metric.NAMESPACE, new PrintStream(bytes, true, StandardCharsets.UTF_8), clock);
    }

    public EmfMetrics metrics() {
        return metrics;
    }

    /** Every line written so far, each parsed as a JSON object. */
    public List<Map<String, Object>> documents() {
        return bytes.toString(StandardCharsets.UTF_8).lines().map(Json::parseObject).toList();
    }

    /** One metric value as a dashboard would see it. */
    public record Value(String name, String unit, Map<String, String> dimensions, List<List<String>> dimensionSets,
                        Object value) {
    }

    /** Every metric value of every line, with the dimension values of its line. */
    public List<Value> values() {
        List<Value> out = new ArrayList<>();
        for (Map<String, Object> doc : documents()) {
            for (Object directive : JsonRead.list(doc, "_aws", "CloudWatchMetrics")) {
                if (!Metric.NAMESPACE.equals(JsonRead.string(directive, "Namespace"))) {
                    throw new AssertionError("unexpected namespace in " + doc);
                }
                @SuppressWarnings("unchecked")
                List<List<String>> sets = (List<List<String>>) JsonRead.at(directive, "Dimensions");
                for (Object definition : JsonRead.list(directive, "Metrics")) {
                    String name = JsonRead.string(definition, "Name");
                    // The values the metric was recorded with: in the line for Logs Insights, published under the sets only.
                    Map<String, String> dimensions = new java.util.LinkedHashMap<>();
                    Stream.concat(sets.stream().flatMap(List::stream), recordedDimensions(name)).distinct()
                            .forEach(key -> dimensions.put(key, Objects.requireNonNull((String) doc.get(key), key)));
                    out.add(new Value(name, JsonRead.string(definition, "Unit"), dimensions, sets, doc.get(name)));
                }
            }
        }
        return out;
    }

    private static Stream<String> recordedDimensions(String metricName) {
        return java.util.Arrays.stream(Metric.values()).filter(m -> m.metricName().equals(metricName))
                .flatMap(m -> m.dimensions().stream()).map(socialdesk.core.metrics.Dimension::key);
    }

    /**
     * The CloudWatch metrics the lines so far would make: one per metric name and published
     * dimension set and value of that set, as CloudWatch bills them.
     */
    public java.util.Set<String> cloudWatchMetrics() {
        java.util.Set<String> metrics = new java.util.TreeSet<>();
        for (Value value : values()) {
            for (List<String> set : value.dimensionSets()) {
                StringBuilder id = new StringBuilder(value.name());
                set.forEach(key -> id.append(' ').append(key).append('=').append(value.dimensions().get(key)));
                metrics.add(id.toString());
            }
        }
        return metrics;
    }

    /**
     * The values of the metric with that name and exactly those dimension values, line after line
     * (a line's list of values spread out).
     */
    public List<Double> valuesOf(String name, Map<String, String> dimensions) {
        return values().stream()
                .filter(v -> v.name().equals(name) && v.dimensions().equals(dimensions))
                .flatMap(v -> v.value() instanceof List<?> list ? list.stream() : java.util.stream.Stream.of(v.value()))
                .map(n -> ((Number) n).doubleValue())
                .toList();
    }
}
