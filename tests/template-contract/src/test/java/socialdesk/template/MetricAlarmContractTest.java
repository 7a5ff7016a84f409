package socialdesk.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import socialdesk.core.metrics.Dimension;
import socialdesk.core.metrics.Metric;
import socialdesk.core.post.Platform;
import socialdesk.core.triage.Category;
import socialdesk.core.triage.Severity;

/**
 * The alarms on business metrics watch what the code writes: the namespace, a metric name from
 * {@link Metric}, a dimension combination the metric is published under, and dimension values the
 * code can produce. A renamed metric or a dropped roll-up fails here, not silently in CloudWatch.
 */
class MetricAlarmContractTest {
    private final Template template = Template.load();

    private Map<String, Map<String, Object>> metricAlarms() {
        Map<String, Map<String, Object>> alarms = new LinkedHashMap<>();
        template.resourcesOfType("AWS::CloudWatch::Alarm").forEach((id, alarm) -> {
            Map<String, Object> properties = Template.map(alarm.get("Properties"));
            if (Metric.NAMESPACE.equals(properties.get("Namespace"))) {
                alarms.put(id, properties);
            }
        });
        return alarms;
    }

    private static Metric metricNamed(Object name) {
        return Arrays.stream(Metric.values()).filter(m -> m.metricName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no metric named " + name + " in socialdesk.core.metrics.Metric"));
    }

    private static Map<String, Object> dimensions(Map<String, Object> alarm) {
        Map<String, Object> dimensions = new LinkedHashMap<>();
        Template.list(alarm.get("Dimensions")).forEach(d -> dimensions.put(
                (String) Template.map(d).get("Name"), Template.map(d).get("Value")));
        return dimensions;
    }

    @Test
    void everyAlarmInTheDesksNamespaceWatchesAMetricTheCodeWritesAsItWritesIt() {
        Map<String, Map<String, Object>> alarms = metricAlarms();
        assertEquals(4, alarms.size(), alarms.keySet().toString());

        alarms.forEach((id, alarm) -> {
            Metric metric = metricNamed(alarm.get("MetricName"));
            Set<String> names = dimensions(alarm).keySet();
            Set<Set<String>> published = metric.dimensionSets().stream()
                    .map(set -> set.stream().map(Dimension::key).collect(Collectors.toSet()))
                    .collect(Collectors.toSet());
            assertTrue(published.contains(names), () -> id + " reads " + metric.metricName() + " by " + names
                    + ", but it is written only by " + published);
            dimensions(alarm).forEach((name, value) -> assertTrue(producible(name, value),
                    () -> id + ": the code never writes " + name + "=" + value));
            Object unit = alarm.get("Unit");
            assertTrue(unit == null || metric.unit().cloudWatchName().equals(unit), () -> id + " unit " + unit);
        });
    }

    /** Whether the code can write this value for the dimension (each comes from an enum's wire form). */
    private static boolean producible(String dimension, Object value) {
        Optional<Dimension> known = Arrays.stream(Dimension.values()).filter(d -> d.key().equals(dimension)).findFirst();
        if (known.isEmpty() || !(value instanceof String s)) {
            return false;
        }
        return switch (known.get()) {
            case PLATFORM -> Arrays.stream(Platform.values()).map(Platform::id).anyMatch(s::equals);
            case CATEGORY -> Arrays.stream(Category.values()).map(c -> c.name().toLowerCase(Locale.ROOT)).anyMatch(s::equals);
            case SEVERITY -> Arrays.stream(Severity.values()).map(Severity::wire).anyMatch(s::equals);
            case REASON -> !s.isBlank();
        };
    }

    @Test
    void publishFailuresReadTheRollUpSoOneAlarmCoversEveryPlatform() {
        Map<String, Object> alarm = alarmOn(Metric.POSTS_FAILED);

        assertEquals(Map.of(), dimensions(alarm));
        assertEquals("Sum", alarm.get("Statistic"));
        assertEquals(List.of(Map.of("Ref", "NotificationTopic")), Template.list(alarm.get("AlarmActions")));
    }

    @Test
    void aSurgeOfHighSeverityCommentsWakesTheUrgentTopic() {
        Map<String, Object> alarm = alarmOn(Metric.COMMENTS_FLAGGED);

        assertEquals(Map.of("severity", Severity.HIGH.wire()), dimensions(alarm));
        assertEquals("Sum", alarm.get("Statistic"));
        assertEquals(List.of(Map.of("Ref", "UrgentTopic")), Template.list(alarm.get("AlarmActions")));
    }

    @Test
    void aQueueStillShortAfterEvergreenRepeatsIsAnAlarmStateUntilFilled() {
        Map<String, Object> alarm = alarmOn(Metric.QUEUES_RUNNING_LOW);

        assertEquals(Map.of(), dimensions(alarm));
        assertEquals(List.of(Map.of("Ref", "NotificationTopic")), Template.list(alarm.get("AlarmActions")));
        assertEquals(List.of(Map.of("Ref", "NotificationTopic")), Template.list(alarm.get("OKActions")));
    }

    @Test
    void aHighSeverityCommentWaitingLongerThanTheSetTimeWakesTheUrgentTopicUntilItIsDealtWith() {
        Map<String, Object> alarm = alarmOn(Metric.OLDEST_WAITING_COMMENT);
        Map<String, Object> parameter = Template.map(Template.map(template.document.get("Parameters")).get("HighSeverityAnswerWithinSeconds"));

        assertEquals(Map.of("severity", Severity.HIGH.wire()), dimensions(alarm));
        assertEquals("Maximum", alarm.get("Statistic"));
        assertEquals(Map.of("Ref", "HighSeverityAnswerWithinSeconds"), alarm.get("Threshold"));
        assertEquals(3600, ((Number) parameter.get("Default")).intValue(), "one hour unless set otherwise");
        assertEquals(List.of(Map.of("Ref", "UrgentTopic")), Template.list(alarm.get("AlarmActions")));
        assertEquals(List.of(Map.of("Ref", "UrgentTopic")), Template.list(alarm.get("OKActions")));
    }

    @Test
    void noAlarmCanFireOnAMissingDatapoint() {
        metricAlarms().forEach((id, alarm) -> assertEquals("notBreaching", alarm.get("TreatMissingData"), id));
    }

    private Map<String, Object> alarmOn(Metric metric) {
        List<Map<String, Object>> found = metricAlarms().values().stream()
                .filter(a -> metric.metricName().equals(a.get("MetricName")))
                .toList();
        assertEquals(1, found.size(), () -> "alarms on " + metric.metricName());
        assertNotNull(found.getFirst().get("Threshold"));
        return found.getFirst();
    }
}
