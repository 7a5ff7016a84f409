package socialdesk.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import socialdesk.core.json.Json;
import socialdesk.template.EventRules;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.InputTransformer;
import software.amazon.awssdk.services.eventbridge.model.RuleState;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The notification path of template.yaml, built afresh in the emulator under unique names: the
 * bus, every rule of the template on it with its EventPattern as written, each rule's topic
 * targets (with the template's input transformers, or without them to see the raw event), the
 * topics with a policy that lets only those rules publish, and one SQS queue subscribed to every
 * topic, allowing only those topics to send: it stands in for e-mail, chat and on-call.
 */
final class RoutingStack {
    final String busName;
    final Map<String, String> topicArnsByLogicalId = new LinkedHashMap<>();
    final Map<String, EventRules.Rule> rules = new LinkedHashMap<>();
    private final SqsClient sqs;
    private final String queueUrl;

    private RoutingStack(String busName, SqsClient sqs, String queueUrl) {
        this.busName = busName;
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    /** Creates the stack; {@code withInputTransformers} false sends each matching event to the topic as it is. */
    static RoutingStack create(EventBridgeClient events, SnsClient sns, SqsClient sqs, boolean withInputTransformers) {
        String stack = "desk-" + UUID.randomUUID().toString().substring(0, 8);
        String busName = stack + "-bus";
        events.createEventBus(b -> b.name(busName));
        String queueUrl = sqs.createQueue(b -> b.queueName(stack + "-inbox")).queueUrl();
        String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        RoutingStack created = new RoutingStack(busName, sqs, queueUrl);

        Map<String, List<String>> rulesByTopicArn = new LinkedHashMap<>();
        for (EventRules.Rule rule : EventRules.onTheBus()) {
            created.rules.put(rule.logicalId(), rule);
            String ruleName = stack + "-" + rule.logicalId();
            String ruleArn = events.putRule(b -> b.name(ruleName).eventBusName(busName)
                    .eventPattern(Json.write(rule.eventPattern())).state(RuleState.ENABLED)).ruleArn();
            List<Target> targets = new ArrayList<>();
            for (EventRules.TopicTarget target : rule.topicTargets()) {
                String topicArn = created.topicArnsByLogicalId.computeIfAbsent(target.topicLogicalId(),
                        logicalId -> sns.createTopic(b -> b.name(stack + "-" + logicalId)).topicArn());
                rulesByTopicArn.computeIfAbsent(topicArn, arn -> new ArrayList<>()).add(ruleArn);
                Target.Builder built = Target.builder().id(target.id()).arn(topicArn);
                if (withInputTransformers && target.inputTemplate() != null) {
                    built.inputTransformer(InputTransformer.builder()
                            .inputPathsMap(target.inputPathsMap()).inputTemplate(target.inputTemplate()).build());
                }
                targets.add(built.build());
            }
            if (!targets.isEmpty()) {
                events.putTargets(b -> b.rule(ruleName).eventBusName(busName).targets(targets));
            }
        }

        rulesByTopicArn.forEach((topicArn, ruleArns) -> sns.setTopicAttributes(b -> b.topicArn(topicArn)
                .attributeName("Policy")
                .attributeValue(policy(topicArn, "events.amazonaws.com", "sns:Publish", ruleArns))));
        sqs.setQueueAttributes(b -> b.queueUrl(queueUrl).attributes(Map.of(QueueAttributeName.POLICY,
                policy(queueArn, "sns.amazonaws.com", "sqs:SendMessage", List.copyOf(created.topicArnsByLogicalId.values())))));
        for (String topicArn : created.topicArnsByLogicalId.values()) {
            sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(queueArn));
        }
        return created;
    }

    EventRules.TopicTarget onlyTopicTarget(String ruleId) {
        EventRules.Rule rule = rules.get(ruleId);
        if (rule == null || rule.topicTargets().size() != 1) {
            throw new AssertionError("template.yaml should have " + ruleId + " on its bus, with one topic target");
        }
        return rule.topicTargets().getFirst();
    }

    /** A message as the queue received it from a topic: the SNS envelope's TopicArn and Message. */
    record Notification(String topicArn, String message) {
        /** The message as text: a quoted InputTemplate makes a message that is a JSON string, read as one. */
        String text() {
            if (message.length() >= 2 && message.startsWith("\"") && message.endsWith("\"")) {
                return (String) Json.parse(message);
            }
            return message;
        }
    }

    /**
     * The messages mentioning {@code marker}: waits up to {@code arrival} for the first, then
     * {@code quiet} longer for any more, so that an event which should have gone nowhere has its
     * chance to show up. Every message read is deleted from the queue.
     */
    List<Notification> notificationsAbout(String marker, Duration arrival, Duration quiet) {
        List<Notification> found = new ArrayList<>();
        Instant giveUp = Instant.now().plus(arrival);
        Instant quietUntil = null;
        while (Instant.now().isBefore(quietUntil == null ? giveUp : quietUntil)) {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(1).maxNumberOfMessages(10)).messages();
            for (Message message : batch) {
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
                Map<String, Object> envelope = Json.parseObject(message.body());
                Notification notification = new Notification(String.valueOf(envelope.get("TopicArn")), String.valueOf(envelope.get("Message")));
                if (notification.message().contains(marker)) {
                    found.add(notification);
                    if (quietUntil == null) {
                        quietUntil = Instant.now().plus(quiet);
                    }
                }
            }
        }
        return found;
    }

    /** A resource policy letting one service principal take one action on {@code resource}, for the given sources only. */
    private static String policy(String resource, String service, String action, List<String> sourceArns) {
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("Effect", "Allow");
        statement.put("Principal", Map.of("Service", service));
        statement.put("Action", action);
        statement.put("Resource", resource);
        statement.put("Condition", Map.of("ArnEquals", Map.of("aws:SourceArn", sourceArns)));
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("Version", "2012-10-17");
        document.put("Statement", List.of(statement));
        return Json.write(document);
    }
}
