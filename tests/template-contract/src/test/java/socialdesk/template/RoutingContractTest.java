package socialdesk.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import socialdesk.core.events.DomainEvent;
import socialdesk.core.json.Json;
import socialdesk.core.post.Delivery;
import socialdesk.core.post.Platform;
import socialdesk.core.post.Post;
import socialdesk.core.post.PostContent;
import socialdesk.core.post.PostStatus;
import socialdesk.core.publish.PublishEvents;
import socialdesk.local.template.Template;
import software.amazon.event.ruler.Machine;

/**
 * The EventBridge rules of template.yaml, run through AWS's Event Ruler (the matching library
 * behind EventBridge) against the sample events of events/ and against the events the code emits,
 * so that a typo in a pattern or a renamed field fails here rather than silently in the cloud.
 */
class RoutingContractTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String POST_FAILED_RULE = "PostFailedRule";
    private static final Pattern INPUT_PATH_STEP = Pattern.compile("\\.([A-Za-z0-9_-]+)|\\[(\\d+)]");

    @Test
    void postFailedSampleMatchesThePostFailedRule() throws Exception {
        Machine machine = machineFor(POST_FAILED_RULE);

        assertEquals(List.of(POST_FAILED_RULE), machine.rulesForEvent(Template.read(Template.event("post-failed.json"))));
    }

    @Test
    void postPublishedDoesNotMatchThePostFailedRule() throws Exception {
        Machine machine = machineFor(POST_FAILED_RULE);
        Map<String, Object> published = new LinkedHashMap<>(Json.parseObject(Template.read(Template.event("post-failed.json"))));
        published.put("detail-type", PublishEvents.POST_PUBLISHED);

        assertTrue(machine.rulesForEvent(Json.write(published)).isEmpty());
    }

    @Test
    void eventsEmittedForAPartlyPublishedPostAreRoutedByDetailType() throws Exception {
        Machine machine = machineFor(POST_FAILED_RULE);
        Post post = new Post("01JAF3Q2V8K6M4W9T7R5N1X0ZC", new PostContent("Autumn release notes", "https://example.com/r"),
                List.of(Platform.MASTODON, Platform.BLUESKY), Instant.parse("2025-11-26T09:30:00Z"),
                PostStatus.PUBLISHING, 4, Instant.parse("2025-11-20T08:00:00Z"));
        List<Delivery> deliveries = List.of(
                Delivery.pending(post.id(), Platform.MASTODON).published("113", "https://mastodon.social/@desk/113"),
                Delivery.pending(post.id(), Platform.BLUESKY).failed("401 invalid app password", true));

        List<DomainEvent> events = PublishEvents.forFinalState(post, PostStatus.PARTIALLY_PUBLISHED, deliveries);

        assertEquals(List.of(PublishEvents.POST_PUBLISHED, PublishEvents.POST_FAILED), events.stream().map(DomainEvent::detailType).toList());
        assertTrue(machine.rulesForEvent(envelope(events.get(0))).isEmpty(), "PostPublished must not page anyone");
        String failed = envelope(events.get(1));
        assertEquals(List.of(POST_FAILED_RULE), machine.rulesForEvent(failed));
        assertInputPathsResolve(POST_FAILED_RULE, JSON.readTree(failed));
    }

    @Test
    void inputTransformerPathsExistInThePostFailedSample() throws IOException {
        assertInputPathsResolve(POST_FAILED_RULE, JSON.readTree(Template.event("post-failed.json").toFile()));
    }

    @Test
    void everyRuleMatchesAtLeastOneSampleEvent() throws Exception {
        List<Path> samples;
        try (Stream<Path> files = Files.list(Template.ROOT.resolve("events"))) {
            samples = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        for (String rule : Template.load().resourcesOfType("AWS::Events::Rule").keySet()) {
            Machine machine = machineFor(rule);
            boolean matched = false;
            for (Path sample : samples) {
                matched |= !machine.rulesForEvent(Template.read(sample)).isEmpty();
            }
            assertTrue(matched, () -> rule + " matches none of the sample events in events/: add one, or fix the pattern");
        }
    }

    @Test
    void aMisspeltPatternMatchesNothing() throws Exception {
        Machine machine = new Machine();
        machine.addRule("typo", "{\"source\":[\"social.publishing\"],\"detail-type\":[\"PostFailure\"]}");

        assertTrue(machine.rulesForEvent(Template.read(Template.event("post-failed.json"))).isEmpty());
    }

    /** The rule's EventPattern exactly as written in template.yaml. */
    private static Machine machineFor(String ruleId) throws IOException {
        Map<String, Object> properties = Template.map(Template.load().resource(ruleId).get("Properties"));
        Object pattern = properties.get("EventPattern");
        assertTrue(pattern instanceof Map<?, ?>, () -> ruleId + " has no EventPattern object");
        Machine machine = new Machine();
        machine.addRule(ruleId, JSON.writeValueAsString(pattern));
        return machine;
    }

    private static void assertInputPathsResolve(String ruleId, JsonNode event) {
        Map<String, Object> properties = Template.map(Template.load().resource(ruleId).get("Properties"));
        boolean anyTransformer = false;
        for (Object target : Template.list(properties.get("Targets"))) {
            Map<String, Object> transformer = Template.map(Template.map(target).get("InputTransformer"));
            Map<String, Object> paths = Template.map(transformer.get("InputPathsMap"));
            String template = String.valueOf(transformer.get("InputTemplate"));
            for (Map.Entry<String, Object> entry : paths.entrySet()) {
                anyTransformer = true;
                JsonNode value = resolve(event, String.valueOf(entry.getValue()));
                assertFalse(value.isMissingNode() || value.isNull(), () -> ruleId + ": " + entry.getValue() + " is not in the event " + event);
                assertTrue(template.contains("<" + entry.getKey() + ">"), () -> ruleId + ": <" + entry.getKey() + "> is never used");
            }
            Matcher placeholders = Pattern.compile("<([A-Za-z0-9_-]+)>").matcher(template);
            while (placeholders.find()) {
                String name = placeholders.group(1);
                assertTrue(paths.containsKey(name), () -> ruleId + ": <" + name + "> has no entry in InputPathsMap");
            }
        }
        assertTrue(anyTransformer, () -> ruleId + " has no InputTransformer");
    }

    /** The JSONPath subset EventBridge input paths use: $.a.b[0].c */
    static JsonNode resolve(JsonNode event, String path) {
        assertTrue(path.startsWith("$"), () -> "an input path starts with $: " + path);
        JsonNode node = event;
        Matcher step = INPUT_PATH_STEP.matcher(path);
        int position = 1;
        while (position < path.length()) {
            assertTrue(step.find(position) && step.start() == position, "unsupported input path " + path);
            node = step.group(1) != null ? node.path(step.group(1)) : node.path(Integer.parseInt(step.group(2)));
            position = step.end();
        }
        return node;
    }

    /** A domain event as EventBridge delivers it to rules: the envelope around the detail. */
    private static String envelope(DomainEvent event) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("version", "0");
        envelope.put("id", "6a7e8feb-b491-4cf7-a9f1-bf3703467718");
        envelope.put("detail-type", event.detailType());
        envelope.put("source", event.source());
        envelope.put("account", "123456789012");
        envelope.put("time", "2025-11-26T09:31:04Z");
        envelope.put("region", "eu-west-1");
        envelope.put("resources", List.of());
        envelope.put("detail", event.detail());
        return Json.write(envelope);
    }
}
