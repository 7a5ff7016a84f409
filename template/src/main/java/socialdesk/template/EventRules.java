package socialdesk.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The EventBridge rules of template.yaml, read with the build's one template reader
 * ({@link Template} in the template module). Patterns and input transformers are exactly as written.
 */
public final class EventRules {
    private EventRules() {
    }

    /**
     * A rule: its logical id, its EventPattern (plain maps and lists, ready to be written as JSON),
     * and the targets that are topics of the template.
     */
    public record Rule(String logicalId, Map<String, Object> eventPattern, List<TopicTarget> topicTargets) {
    }

    /** A rule's target that is an SNS topic of the template, with its input transformer (empty maps for none). */
    public record TopicTarget(String id, String topicLogicalId, Map<String, String> inputPathsMap, String inputTemplate) {
    }

    /** Every AWS::Events::Rule of template.yaml on the template's own bus, in template order. */
    public static List<Rule> onTheBus() {
        Template template = Template.load();
        Map<String, Map<String, Object>> topics = template.resourcesOfType("AWS::SNS::Topic");
        Map<String, Map<String, Object>> buses = template.resourcesOfType("AWS::Events::EventBus");
        List<Rule> rules = new ArrayList<>();
        template.resourcesOfType("AWS::Events::Rule").forEach((id, resource) -> {
            Map<String, Object> properties = Template.map(resource.get("Properties"));
            if (!buses.containsKey(referenced(properties.get("EventBusName")))) {
                return;
            }
            List<TopicTarget> targets = new ArrayList<>();
            for (Object value : Template.list(properties.get("Targets"))) {
                Map<String, Object> target = Template.map(value);
                String topic = referenced(target.get("Arn"));
                if (topics.containsKey(topic)) {
                    Map<String, Object> transformer = Template.map(target.get("InputTransformer"));
                    Map<String, String> paths = new LinkedHashMap<>();
                    Template.map(transformer.get("InputPathsMap")).forEach((name, path) -> paths.put(name, String.valueOf(path)));
                    Object inputTemplate = transformer.get("InputTemplate");
                    targets.add(new TopicTarget(String.valueOf(target.get("Id")), topic, paths,
                            inputTemplate == null ? null : String.valueOf(inputTemplate)));
                }
            }
            rules.add(new Rule(id, Template.map(properties.get("EventPattern")), targets));
        });
        return rules;
    }

    /** The logical id in {@code !Ref Id}, or null for anything else. */
    private static String referenced(Object value) {
        Object ref = Template.map(value).get("Ref");
        return ref instanceof String id ? id : null;
    }
}
