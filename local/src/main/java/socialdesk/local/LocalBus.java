package socialdesk.local;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import socialdesk.core.json.Json;
import socialdesk.core.log.JsonLog;
import software.amazon.event.ruler.Machine;

/**
 * The event bus on this machine: rules with the event patterns of template.yaml, matched by AWS's
 * Event Ruler (the library behind EventBridge's own matching), and their targets, each receiving
 * the event or what its Input / InputPath / InputTransformer makes of it. Delivery is asynchronous,
 * as EventBridge's is: {@link #put} answers once the event is accepted.
 */
public final class LocalBus implements AutoCloseable {
    /** How a target's input is made from the event: exactly one of these, or none for the whole event. */
    public record TargetInput(String constant, String inputPath, InputTransformer transformer) {
        public static final TargetInput WHOLE_EVENT = new TargetInput(null, null, null);

        String render(Map<String, Object> event, String rule, String ruleArn, String ingestion) {
            if (constant != null) {
                return constant;
            }
            if (inputPath != null) {
                return Json.write(InputTransformer.select(event, inputPath));
            }
            if (transformer != null) {
                return transformer.apply(event, rule, ruleArn, ingestion);
            }
            return Json.write(event);
        }
    }

    /** One target of a rule: a name for logs, the input it wants and where it goes. */
    public record Target(String id, TargetInput input, Consumer<String> delivery) {
    }

    private final String name;
    private final String region;
    private final Clock clock;
    private final Machine machine = new Machine();
    private final Map<String, List<Target>> targets = new ConcurrentHashMap<>();
    private final ExecutorService delivery = Executors.newVirtualThreadPerTaskExecutor();

    public LocalBus(String name, String region, Clock clock) {
        this.name = name;
        this.region = region;
        this.clock = clock;
    }

    public String name() {
        return name;
    }

    public String arn() {
        return "arn:aws:events:" + region + ":000000000000:event-bus/" + name;
    }

    /** Adds a rule; {@code pattern} is the rule's EventPattern as JSON. */
    public void addRule(String rule, String pattern, List<Target> ruleTargets) {
        try {
            machine.addRule(rule, pattern);
        } catch (Exception e) {
            throw new IllegalArgumentException("rule " + rule + " has an invalid pattern: " + e.getMessage(), e);
        }
        targets.put(rule, List.copyOf(ruleTargets));
    }

    public List<String> rules() {
        return List.copyOf(targets.keySet());
    }

    /**
     * Accepts one PutEvents entry and answers its event id.
     *
     * @param time the entry's Time, or null for now
     */
    public String put(String source, String detailType, String detailJson, List<String> resources, Instant time) {
        String id = UUID.randomUUID().toString();
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "0");
        event.put("id", id);
        event.put("detail-type", detailType);
        event.put("source", source);
        event.put("account", "000000000000");
        event.put("time", (time == null ? clock.instant() : time).truncatedTo(ChronoUnit.SECONDS).toString());
        event.put("region", region);
        event.put("resources", resources == null ? List.of() : resources);
        event.put("detail", detailJson == null || detailJson.isBlank() ? Map.of() : Json.parse(detailJson));
        route(event);
        return id;
    }

    /** Matches an envelope against every rule and hands it to the matched rules' targets. */
    public List<String> route(Map<String, Object> event) {
        String json = Json.write(event);
        List<String> matched;
        try {
            matched = new ArrayList<>(machine.rulesForJSONEvent(json));
        } catch (Exception e) {
            JsonLog.warn("event not routable", "bus", name, "error", e.getMessage());
            return List.of();
        }
        String ingestion = clock.instant().toString();
        for (String rule : matched) {
            String ruleArn = "arn:aws:events:" + region + ":000000000000:rule/" + name + "/" + rule;
            for (Target target : targets.getOrDefault(rule, List.of())) {
                String input = target.input().render(event, rule, ruleArn, ingestion);
                delivery.submit(() -> {
                    try {
                        target.delivery().accept(input);
                    } catch (RuntimeException e) {
                        JsonLog.warn("delivery to target failed", "rule", rule, "target", target.id(),
                                "error", String.valueOf(e.getMessage()));
                    }
                });
            }
        }
        return matched;
    }

    @Override
    public void close() {
        delivery.shutdownNow();
    }
}
