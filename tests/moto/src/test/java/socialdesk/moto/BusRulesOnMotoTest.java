package socialdesk.moto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import socialdesk.aws.events.EventBridgePublisher;
import socialdesk.aws.testing.MotoServer;
import socialdesk.aws.testing.RequiresMoto;
import socialdesk.core.events.DomainEvent;
import socialdesk.core.json.Json;
import socialdesk.template.EventRules;
import socialdesk.template.Template;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.RuleState;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.event.ruler.Machine;

/**
 * The bus on moto: the sample events of events/ put by the publisher the functions use
 * ({@link EventBridgePublisher}) reach exactly the rules of template.yaml that AWS's Event Ruler
 * says they match, through moto's own, independent pattern matcher. Each rule targets an SQS queue
 * here, since moto's EventBridge cannot target an SNS topic; the topics' delivery is
 * {@link NotificationTopicsOnMotoTest}'s.
 */
@RequiresMoto
class BusRulesOnMotoTest {
    /** The events that travel on the bus, as events/ holds them for the routing contract tests. */
    private static final List<String> BUS_SAMPLES = List.of("post-failed.json", "comment-flagged-high.json",
            "comment-flagged-medium.json", "platform-credentials-rejected.json", "queue-running-low.json");

    private static EventBridgeClient events;
    private static SqsClient sqs;

    @BeforeAll
    static void clients() {
        MotoServer moto = MotoServer.shared();
        events = moto.clients().eventBridge();
        sqs = MotoSdk.sqs(moto);
    }

    @AfterAll
    static void closeClients() {
        sqs.close();
    }

    /**
     * One bus with every rule of the template on it, each rule's events, as they are, in a queue of
     * its own. Without the template's input transformers: moto's differ from EventBridge's (the
     * decision record lists how); the local stack's and the emulator tier's are checked against them.
     */
    private record Bus(String name, Map<String, String> queueUrlByRule) {
        static Bus create() {
            String name = "desk-" + UUID.randomUUID().toString().substring(0, 8) + "-bus";
            events.createEventBus(b -> b.name(name));
            Map<String, String> queues = new LinkedHashMap<>();
            for (EventRules.Rule rule : EventRules.onTheBus()) {
                String ruleName = name + "-" + rule.logicalId();
                events.putRule(b -> b.name(ruleName).eventBusName(name).eventPattern(Json.write(rule.eventPattern())).state(RuleState.ENABLED));
                String queueUrl = sqs.createQueue(b -> b.queueName(ruleName)).queueUrl();
                String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                        .attributes().get(QueueAttributeName.QUEUE_ARN);
                events.putTargets(b -> b.rule(ruleName).eventBusName(name).targets(Target.builder().id(rule.logicalId()).arn(queueArn).build()));
                queues.put(rule.logicalId(), queueUrl);
            }
            return new Bus(name, queues);
        }

        /** The rules whose queue received something, and what; every queue is read to empty. */
        Map<String, List<String>> delivered() {
            Map<String, List<String>> byRule = new LinkedHashMap<>();
            queueUrlByRule.forEach((rule, url) -> {
                List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
                messages.forEach(m -> sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle())));
                if (!messages.isEmpty()) {
                    byRule.put(rule, messages.stream().map(Message::body).toList());
                }
            });
            return byRule;
        }
    }

    private static DomainEvent sample(String file) {
        Map<String, Object> envelope = Json.parseObject(Template.read(Template.event(file)));
        @SuppressWarnings("unchecked")
        Map<String, Object> detail = (Map<String, Object>) envelope.get("detail");
        return new DomainEvent((String) detail.get(DomainEvent.ID_FIELD), (String) envelope.get("source"), (String) envelope.get("detail-type"), detail);
    }

    private static Set<String> rulesEventRulerMatches(String file) throws Exception {
        Machine machine = new Machine();
        for (EventRules.Rule rule : EventRules.onTheBus()) {
            machine.addRule(rule.logicalId(), Json.write(rule.eventPattern()));
        }
        return new TreeSet<>(machine.rulesForEvent(Template.read(Template.event(file))));
    }

    @Test
    void eachSampleEventReachesTheRulesEventRulerMatchesItToAndNoOther() throws Exception {
        Bus bus = Bus.create();
        EventBridgePublisher publisher = new EventBridgePublisher(events, bus.name());
        for (String file : BUS_SAMPLES) {
            Set<String> expected = rulesEventRulerMatches(file);
            assertFalse(expected.isEmpty(), () -> file + " matches no rule of the template");

            publisher.publish(List.of(sample(file)));

            Map<String, List<String>> delivered = bus.delivered();
            assertEquals(expected, new TreeSet<>(delivered.keySet()), file);
            delivered.forEach((rule, bodies) -> {
                assertEquals(1, bodies.size(), () -> file + " reached " + rule + " " + bodies.size() + " times: " + bodies);
                Map<String, Object> event = Json.parseObject(bodies.getFirst());
                assertEquals(sample(file).detailType(), event.get("detail-type"), file);
                assertEquals(sample(file).detail(), event.get("detail"), file);
            });
        }
    }
}
