package socialdesk.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import org.junit.jupiter.api.Test;

class MetricTest {

    @Test
    void everyRollUpUsesOnlyDimensionsTheMetricIsRecordedWith() {
        for (Metric metric : Metric.values()) {
            for (var set : metric.dimensionSets()) {
                assertTrue(metric.dimensions().containsAll(set), () -> metric + ": " + set + " is not a subset of " + metric.dimensions());
                assertEquals(set.size(), new HashSet<>(set).size(), metric + " repeats a dimension");
            }
            assertEquals(metric.dimensionSets().size(), new HashSet<>(metric.dimensionSets()).size(), metric + " repeats a set");
        }
    }

    @Test
    void namesAreUniqueAndDistinctFromDimensionKeys() {
        var names = Arrays.stream(Metric.values()).map(Metric::metricName).toList();
        assertEquals(names.size(), new HashSet<>(names).size());
        // A metric's value and a dimension's value share the root of an EMF line.
        Arrays.stream(Dimension.values()).forEach(d -> assertFalse(names.contains(d.key()), d.key()));
    }
}
