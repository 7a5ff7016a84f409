package socialdesk.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import socialdesk.core.json.Json;
import socialdesk.template.Template;

/**
 * The bus rules of template.yaml: every {@code AWS::Events::Rule} with an EventPattern, and every
 * function event of type {@code EventBridgeRule} / {@code CloudWatchEvent}, with their targets
 * (an SNS topic of the template, or a function) and how each target's input is made.
 */
final class BusRules {
    /** A rule as the template states it, with its targets resolved. */
    record Rule(String name, String busName, String patternJson, List<RuleTarget> targets) {
    }

    /** A target: a topic ({@code topicArn} set) or a function ({@code function} set). */
    record RuleTarget(String id, String topicArn, LocalDesk.RunningFunction function, String input, String inputPath,
                      Map<String, String> inputPathsMap, String inputTemplate) {
        LocalBus.TargetInput targetInput() {
            if (inputTemplate != null) {
                return new LocalBus.TargetInput(null, null, new InputTransformer(inputPathsMap, inputTemplate));
            }
            return new LocalBus.TargetInput(input, inputPath, null);
        }
    }

    private final List<Rule> rules = new ArrayList<>();
    private final Map<String, LocalTopic> topics;
    private final Console console;

    BusRules(Template template, TemplateValues values, Map<String, LocalDesk.RunningFunction> functions,
             Map<String, LocalTopic> topicsByArn, Console console) {
        this.topics = Map.copyOf(topicsByArn);
        this.console = console;
        template.resourcesOfType("AWS::Events::Rule").forEach((id, resource) -> {
            Map<String, Object> properties = Template.map(resource.get("Properties"));
            if (properties.get("EventPattern") == null || "DISABLED".equals(properties.get("State"))) {
                return;
            }
            List<RuleTarget> targets = new ArrayList<>();
            for (Object raw : Template.list(properties.get("Targets"))) {
                Map<String, Object> target = Template.map(raw);
                String arn = values.string(target.get("Arn"));
                LocalDesk.RunningFunction function = functionOf(target.get("Arn"), functions);
                Map<String, Object> transformer = Template.map(values.resolve(target.get("InputTransformer")));
                targets.add(new RuleTarget(String.valueOf(target.get("Id")), function == null ? arn : null, function,
                        values.string(target.get("Input")), values.string(target.get("InputPath")),
                        stringMap(transformer.get("InputPathsMap")), (String) transformer.get("InputTemplate")));
            }
            rules.add(new Rule(id, busName(values, properties.get("EventBusName")),
                    Json.write(values.resolve(properties.get("EventPattern"))), targets));
        });
        for (Template.Function function : template.functions()) {
            function.events().forEach((eventName, event) -> {
                String type = String.valueOf(event.get("Type"));
                if (!type.equals("EventBridgeRule") && !type.equals("CloudWatchEvent")) {
                    return;
                }
                Map<String, Object> p = Template.map(event.get("Properties"));
                Map<String, Object> transformer = Template.map(values.resolve(p.get("InputTransformer")));
                RuleTarget target = new RuleTarget(function.logicalId(), null, functions.get(function.logicalId()),
                        values.string(p.get("Input")), values.string(p.get("InputPath")),
                        stringMap(transformer.get("InputPathsMap")), (String) transformer.get("InputTemplate"));
                rules.add(new Rule(function.logicalId() + eventName, busName(values, p.get("EventBusName")),
                        Json.write(values.resolve(p.get("Pattern"))), List.of(target)));
            });
        }
    }

    List<Rule> remoteRules() {
        return List.copyOf(rules);
    }

    /** Adds the rules of this bus, with deliveries to the local topics and functions. */
    void addTo(LocalBus bus) {
        for (Rule rule : rules) {
            if (!rule.busName().equals(bus.name())) {
                continue;
            }
            List<LocalBus.Target> targets = new ArrayList<>();
            for (RuleTarget t : rule.targets()) {
                if (t.function() != null) {
                    targets.add(new LocalBus.Target(t.id(), t.targetInput(), input -> {
                        try {
                            t.function().function().invoke(input.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                        } catch (RuntimeException e) {
                            console.line(t.function().function().name(), "invocation failed: " + e.getMessage());
                        }
                    }));
                } else if (topics.containsKey(t.topicArn())) {
                    LocalTopic topic = topics.get(t.topicArn());
                    targets.add(new LocalBus.Target(t.id(), t.targetInput(), input -> topic.publish(null, input)));
                } else {
                    console.line("bus", "rule " + rule.name() + ": target " + t.id() + " (" + t.topicArn() + ") is not run locally");
                }
            }
            bus.addRule(rule.name(), rule.patternJson(), targets);
        }
    }

    private static String busName(TemplateValues values, Object eventBusName) {
        return eventBusName == null ? "default" : values.string(eventBusName);
    }

    /** The function a target Arn names ({@code !GetAtt Fn.Arn} or {@code !Ref Fn.Alias}), or null. */
    private static LocalDesk.RunningFunction functionOf(Object arn, Map<String, LocalDesk.RunningFunction> functions) {
        Map<String, Object> intrinsic = Template.map(arn);
        if (intrinsic.get("Fn::GetAtt") != null) {
            return functions.get(String.valueOf(Template.list(intrinsic.get("Fn::GetAtt")).get(0)));
        }
        if (intrinsic.get("Ref") instanceof String ref) {
            return functions.get(ref.endsWith(".Alias") ? ref.substring(0, ref.length() - 6) : ref);
        }
        return null;
    }

    private static Map<String, String> stringMap(Object value) {
        Map<String, String> out = new LinkedHashMap<>();
        Template.map(value).forEach((k, v) -> out.put(k, String.valueOf(v)));
        return out;
    }
}
