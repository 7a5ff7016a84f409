package socialdesk.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import socialdesk.core.json.Json;
import socialdesk.local.template.Template;

/**
 * The payload EventBridge Scheduler sends (the {@code Input} of the ScheduleV2 event) and the sample
 * in events/scheduled-tick.json that handler tests and {@code sam local invoke} use are the same
 * shape: same keys everywhere, same literal values, and a concrete value where the schedule has a
 * {@code <aws.scheduler.*>} placeholder.
 */
class ScheduleContractTest {
    private static final Pattern PLACEHOLDER = Pattern.compile("<aws\\.scheduler\\.[a-z-]+>");

    @Test
    void publisherTicksEveryMinuteWithoutRetries() {
        Map<String, Object> schedule = schedule("PublishDuePostsFunction", "EveryMinute");

        assertEquals("ScheduleV2", schedule.get("Type"));
        Map<String, Object> properties = Template.map(schedule.get("Properties"));
        assertEquals("rate(1 minute)", properties.get("ScheduleExpression"));
        assertEquals("OFF", Template.map(properties.get("FlexibleTimeWindow")).get("Mode"));
        assertEquals(0, Template.map(properties.get("RetryPolicy")).get("MaximumRetryAttempts"));
    }

    @Test
    void scheduledTickSampleIsWhatTheScheduleSends() {
        Object input = Json.parse((String) Template.map(schedule("PublishDuePostsFunction", "EveryMinute").get("Properties")).get("Input"));
        Object sample = Json.parse(Template.read(Template.event("scheduled-tick.json")));

        List<String> differences = new ArrayList<>();
        compare("$", input, sample, differences);

        assertTrue(differences.isEmpty(), () -> "events/scheduled-tick.json differs from the schedule's Input: " + differences);
    }

    @Test
    void queueRunwayRunsDailyWithRetries() {
        Map<String, Object> schedule = schedule("QueueRunwayFunction", "Daily");

        assertEquals("ScheduleV2", schedule.get("Type"));
        Map<String, Object> properties = Template.map(schedule.get("Properties"));
        assertEquals("cron(0 7 * * ? *)", properties.get("ScheduleExpression"));
        assertEquals("OFF", Template.map(properties.get("FlexibleTimeWindow")).get("Mode"));
    }

    @Test
    void queueRunwayTickSampleIsWhatTheDailyScheduleSends() {
        Object input = Json.parse((String) Template.map(schedule("QueueRunwayFunction", "Daily").get("Properties")).get("Input"));
        Object sample = Json.parse(Template.read(Template.event("queue-runway-tick.json")));

        List<String> differences = new ArrayList<>();
        compare("$", input, sample, differences);

        assertTrue(differences.isEmpty(), () -> "events/queue-runway-tick.json differs from the schedule's Input: " + differences);
    }

    @Test
    void collectEngagementPollsEveryFifteenMinutesWithoutRetries() {
        Map<String, Object> schedule = schedule("CollectEngagementFunction", "Every15Minutes");

        assertEquals("ScheduleV2", schedule.get("Type"));
        Map<String, Object> properties = Template.map(schedule.get("Properties"));
        assertEquals("rate(15 minutes)", properties.get("ScheduleExpression"));
        assertEquals("OFF", Template.map(properties.get("FlexibleTimeWindow")).get("Mode"));
        assertEquals(0, Template.map(properties.get("RetryPolicy")).get("MaximumRetryAttempts"));
    }

    @Test
    void collectEngagementTickSampleIsWhatTheScheduleSends() {
        Object input = Json.parse((String) Template.map(schedule("CollectEngagementFunction", "Every15Minutes").get("Properties")).get("Input"));
        Object sample = Json.parse(Template.read(Template.event("collect-engagement-tick.json")));

        List<String> differences = new ArrayList<>();
        compare("$", input, sample, differences);

        assertTrue(differences.isEmpty(), () -> "events/collect-engagement-tick.json differs from the schedule's Input: " + differences);
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
