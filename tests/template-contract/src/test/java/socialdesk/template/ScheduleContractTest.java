package socialdesk.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import socialdesk.core.json.Json;
import socialdesk.template.Template;

/**
 * The payload EventBridge Scheduler sends (the {@code Input} of the ScheduleV2 event) and the sample
 * in events/scheduled-tick.json that handler tests and {@code sam local invoke} use are the same
 * shape: same keys everywhere, same literal values, and a concrete value where the schedule has a
 * {@code <aws.scheduler.*>} placeholder.
 */
class ScheduleContractTest {
    private static final Pattern PLACEHOLDER = Pattern.compile("<aws\\.scheduler\\.[a-z-]+>");

    /** Each schedule of the template, its expression, whether a failed tick is retried, and its sample in events/. */
    static Stream<Arguments> schedules() {
        return Stream.of(
                Arguments.of("PublishDuePostsFunction", "EveryMinute", "rate(1 minute)", false, "scheduled-tick.json"),
                Arguments.of("QueueRunwayFunction", "Daily", "cron(0 7 * * ? *)", true, "queue-runway-tick.json"),
                Arguments.of("CollectEngagementFunction", "Every15Minutes", "rate(15 minutes)", false,
                        "collect-engagement-tick.json"));
    }

    @ParameterizedTest(name = "{0}.{1}")
    @MethodSource("schedules")
    void scheduleRunsOnItsExpressionAndRetriesOnlyWhereARetryHelps(String function, String event, String expression,
                                                                  boolean retried, String sample) {
        Map<String, Object> schedule = schedule(function, event);

        assertEquals("ScheduleV2", schedule.get("Type"));
        Map<String, Object> properties = Template.map(schedule.get("Properties"));
        assertEquals(expression, properties.get("ScheduleExpression"));
        assertEquals("OFF", Template.map(properties.get("FlexibleTimeWindow")).get("Mode"));
        Object attempts = Template.map(properties.get("RetryPolicy")).get("MaximumRetryAttempts");
        assertEquals(retried, attempts instanceof Integer n && n > 0, () -> function + " MaximumRetryAttempts " + attempts);
    }

    @ParameterizedTest(name = "{4}")
    @MethodSource("schedules")
    void sampleIsWhatTheScheduleSends(String function, String event, String expression, boolean retried, String sample) {
        Object input = Json.parse((String) Template.map(schedule(function, event).get("Properties")).get("Input"));
        Object expected = Json.parse(Template.read(Template.event(sample)));

        List<String> differences = new ArrayList<>();
        compare("$", input, expected, differences);

        assertTrue(differences.isEmpty(), () -> "events/" + sample + " differs from the schedule's Input: " + differences);
    }

    @Test
    void aSampleWithAnotherSourceIsCaught() {
        List<String> differences = new ArrayList<>();

        compare("$", Json.parse("{\"source\":\"social.scheduler\",\"time\":\"<aws.scheduler.scheduled-time>\"}"),
                Json.parse("{\"source\":\"social.schedule\",\"time\":\"2025-11-26T09:30:00Z\"}"), differences);

        assertEquals(List.of("$.source: 'social.scheduler' in the template, 'social.schedule' in the sample"), differences);
    }

    private static Map<String, Object> schedule(String function, String event) {
        Map<String, Object> properties = Template.map(Template.load().resource(function).get("Properties"));
        Map<String, Object> schedule = Template.map(Template.map(properties.get("Events")).get(event));
        assertFalse(schedule.isEmpty(), () -> function + " has no event " + event);
        return schedule;
    }

    private static void compare(String at, Object template, Object sample, List<String> differences) {
        if (template instanceof Map<?, ?> t && sample instanceof Map<?, ?> s) {
            if (!t.keySet().equals(s.keySet())) {
                differences.add(at + ": keys " + t.keySet() + " in the template, " + s.keySet() + " in the sample");
                return;
            }
            t.forEach((key, value) -> compare(at + "." + key, value, s.get(key), differences));
        } else if (template instanceof List<?> t && sample instanceof List<?> s) {
            if (t.size() != s.size()) {
                differences.add(at + ": " + t.size() + " items in the template, " + s.size() + " in the sample");
                return;
            }
            for (int i = 0; i < t.size(); i++) {
                compare(at + "[" + i + "]", t.get(i), s.get(i), differences);
            }
        } else if (template instanceof String t && PLACEHOLDER.matcher(t).matches()) {
            if (!(sample instanceof String s) || s.isBlank() || s.contains("<")) {
                differences.add(at + ": the sample needs a concrete value for " + t);
            }
        } else if (!String.valueOf(template).equals(String.valueOf(sample))) {
            differences.add(at + ": '" + template + "' in the template, '" + sample + "' in the sample");
        }
    }
}
