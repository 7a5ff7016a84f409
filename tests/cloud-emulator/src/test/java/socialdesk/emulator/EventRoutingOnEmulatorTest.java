package socialdesk.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import socialdesk.aws.events.EventBridgePublisher;
import socialdesk.core.events.DomainEvent;
import socialdesk.core.json.Json;
import socialdesk.core.post.Delivery;
import socialdesk.core.post.Platform;
import socialdesk.core.post.Post;
import socialdesk.core.post.PostContent;
import socialdesk.core.post.PostStatus;
import socialdesk.core.publish.PublishEvents;
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
 * The notification path of template.yaml, built in the emulator container: the bus, every rule on
 * it with its pattern and input transformer exactly as the template writes them, the topic with a
 * policy that lets those rules publish, and an SQS queue subscribed to the topic (standing in for
 * e-mail and chat). Events built by the code and put with {@link EventBridgePublisher} must arrive
 * on the queue as the readable message the rule's InputTemplate makes; events no rule routes must not.
 */
@RequiresDocker
class EventRoutingOnEmulatorTest {
    private static final String POST_FAILED_RULE = "PostFailedRule";
    private static final Pattern PLACEHOLDER = Pattern.compile("<([A-Za-z0-9_-]+)>");
    private static final Pattern INPUT_PATH_STEP = Pattern.compile("\\.([A-Za-z0-9_-]+)|\\[(\\d+)]");
    private static final Duration ARRIVAL = Duration.ofSeconds(30);
    private static final Duration QUIET = Duration.ofSeconds(3);

    private static EventBridgeClient events;
    private static SnsClient sns;
    private static SqsClient sqs;
    private static String busName;
    private static String queueUrl;
    private static final Map<String, String> topicArns = new LinkedHashMap<>();
    private static final Map<String, EventRules.Rule> rules = new LinkedHashMap<>();

    @BeforeAll
    static void createTheTemplatesRoutingInTheContainer() {
        Emulator emulator = Emulator.shared();
        events = emulator.clients().eventBridge();
        sns = emulator.sns();
        sqs = emulator.sqs();
        String stack = "desk-" + UUID.randomUUID().toString().substring(0, 8);

        busName = stack + "-bus";
        events.createEventBus(b -> b.name(busName));
        queueUrl = sqs.createQueue(b -> b.queueName(stack + "-inbox")).queueUrl();
        String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);

        Map<String, List<String>> publishingRules = new LinkedHashMap<>();
        for (EventRules.Rule rule : EventRules.onTheBus()) {
            rules.put(rule.logicalId(), rule);
            String ruleArn = events.putRule(b -> b.name(stack + "-" + rule.logicalId())
                    .eventBusName(busName)
                    .eventPattern(Json.write(rule.eventPattern()))
                    .state(RuleState.ENABLED)).ruleArn();
            List<Target> targets = new ArrayList<>();
            for (EventRules.TopicTarget target : rule.topicTargets()) {
                String topicArn = topicArns.computeIfAbsent(target.topicLogicalId(),
                        logicalId -> sns.createTopic(b -> b.name(stack + "-" + logicalId)).topicArn());
                publishingRules.computeIfAbsent(topicArn, arn -> new ArrayList<>()).add(ruleArn);
                Target.Builder built = Target.builder().id(target.id()).arn(topicArn);
                if (target.inputTemplate() != null) {
                    built.inputTransformer(InputTransformer.builder()
                            .inputPathsMap(target.inputPathsMap())
                            .inputTemplate(target.inputTemplate())
                            .build());
                }
                targets.add(built.build());
            }
            if (!targets.isEmpty()) {
                events.putTargets(b -> b.rule(stack + "-" + rule.logicalId()).eventBusName(busName).targets(targets));
            }
        }
        assertTrue(rules.containsKey(POST_FAILED_RULE), "template.yaml has no " + POST_FAILED_RULE + " on its bus");

        // As in template.yaml: the topic takes sns:Publish from events.amazonaws.com for these rules
        // only, and the queue takes sqs:SendMessage from sns.amazonaws.com for this topic only.
        publishingRules.forEach((topicArn, ruleArns) ->
                sns.setTopicAttributes(b -> b.topicArn(topicArn).attributeName("Policy")
                        .attributeValue(policy(topicArn, "events.amazonaws.com", "sns:Publish", ruleArns))));
        sqs.setQueueAttributes(b -> b.queueUrl(queueUrl).attributes(Map.of(QueueAttributeName.POLICY,
                policy(queueArn, "sns.amazonaws.com", "sqs:SendMessage", List.copyOf(topicArns.values())))));
        for (String topicArn : topicArns.values()) {
            sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(queueArn));
        }
    }

    @AfterAll
    static void closeClients() {
        for (AutoCloseable client : new AutoCloseable[] {events, sns, sqs}) {
            if (client != null) {
                try {
                    client.close();
                } catch (Exception ignored) {
                    // the container goes away with the JVM anyway
                }
            }
        }
    }

    @Test
    void aFailedPostArrivesOnTheQueueAsTheRulesReadableMessageAndItsPublishedEventPagesNobody() {
        Post post = new Post(UUID.randomUUID().toString(), new PostContent("Autumn release notes are out", "https://example.com/r"),
                List.of(Platform.MASTODON, Platform.BLUESKY), Instant.parse("2026-11-26T09:30:00Z"),
                PostStatus.PUBLISHING, 4, Instant.parse("2026-11-20T08:00:00Z"));
        List<Delivery> deliveries = List.of(
                Delivery.pending(post.id(), Platform.MASTODON).published("113", "https://mastodon.example/@desk/113"),
                Delivery.pending(post.id(), Platform.BLUESKY).failed("401 invalid app password", true));
        List<DomainEvent> emitted = PublishEvents.forFinalState(post, PostStatus.PARTIALLY_PUBLISHED, deliveries);
        assertEquals(List.of(PublishEvents.POST_PUBLISHED, PublishEvents.POST_FAILED),
                emitted.stream().map(DomainEvent::detailType).toList());

        new EventBridgePublisher(events, busName).publish(emitted);

        List<Notification> arrived = notificationsAbout(post.id());
        assertEquals(1, arrived.size(), () -> "expected only the PostFailed notification, got " + arrived);
        Notification notification = arrived.getFirst();
        assertEquals(topicArns.get(onlyTopicTarget(POST_FAILED_RULE).topicLogicalId()), notification.topicArn());
        assertEquals(expectedMessage(POST_FAILED_RULE, emitted.get(1)), notification.message());
        assertTrue(notification.message().contains("bluesky failed after 1 attempt(s): 401 invalid app password"), notification.message());
        assertFalse(PLACEHOLDER.matcher(notification.message()).find(), "a placeholder was left unfilled");
    }

    /** A message as the queue received it from the topic: the SNS envelope's topic and its Message, unquoted. */
    record Notification(String topicArn, String message) {
    }

    /**
     * Waits up to {@link #ARRIVAL} for a message mentioning {@code marker}, then a further
     * {@link #QUIET} for any more, so an event that should have been routed nowhere gets its chance
     * to show up. Every message read is deleted from the queue.
     */
    private static List<Notification> notificationsAbout(String marker) {
        Predicate<Notification> about = n -> n.message().contains(marker);
        List<Notification> found = new ArrayList<>();
        Instant giveUp = Instant.now().plus(ARRIVAL);
        Instant quietUntil = null;
        while (quietUntil == null ? Instant.now().isBefore(giveUp) : Instant.now().isBefore(quietUntil)) {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(1).maxNumberOfMessages(10)).messages();
            for (Message message : batch) {
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
                Notification notification = notification(message.body());
                if (about.test(notification)) {
                    found.add(notification);
                    if (quietUntil == null) {
                        quietUntil = Instant.now().plus(QUIET);
                    }
                }
            }
        }
        return found;
    }

    private static Notification notification(String body) {
        Map<String, Object> envelope = Json.parseObject(body);
        String message = String.valueOf(envelope.get("Message"));
        // An InputTemplate that is a quoted string makes a message that is a JSON string; read it as one.
        if (message.length() >= 2 && message.startsWith("\"") && message.endsWith("\"")) {
            message = (String) Json.parse(message);
        }
        return new Notification(String.valueOf(envelope.get("TopicArn")), message);
    }

    private static EventRules.TopicTarget onlyTopicTarget(String ruleId) {
        List<EventRules.TopicTarget> targets = rules.get(ruleId).topicTargets();
        assertEquals(1, targets.size(), ruleId + " should have one topic target");
        return targets.getFirst();
    }

    /** The rule's InputTemplate filled in from the event the way EventBridge fills it: strings as they are, numbers as written. */
    private static String expectedMessage(String ruleId, DomainEvent event) {
        EventRules.TopicTarget target = onlyTopicTarget(ruleId);
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("source", event.source());
        envelope.put("detail-type", event.detailType());
        envelope.put("detail", event.detail());
        String template = target.inputTemplate().strip();
        if (template.startsWith("\"") && template.endsWith("\"")) {
            template = template.substring(1, template.length() - 1);
        }
        Matcher placeholder = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (placeholder.find()) {
            String path = target.inputPathsMap().get(placeholder.group(1));
            assertTrue(path != null, () -> ruleId + ": <" + placeholder.group(1) + "> has no input path");
            Object value = resolve(envelope, path);
            String text = value instanceof String s ? s : Json.write(value);
            placeholder.appendReplacement(out, Matcher.quoteReplacement(text));
        }
        placeholder.appendTail(out);
        return out.toString();
    }

    /** The JSONPath subset EventBridge input paths use: $.a.b[0].c */
    private static Object resolve(Object root, String path) {
        assertTrue(path.startsWith("$"), () -> "an input path starts with $: " + path);
        Object node = root;
        Matcher step = INPUT_PATH_STEP.matcher(path);
        int position = 1;
        while (position < path.length()) {
            assertTrue(step.find(position) && step.start() == position, "unsupported input path " + path);
            node = step.group(1) != null
                    ? ((Map<?, ?>) node).get(step.group(1))
                    : ((List<?>) node).get(Integer.parseInt(step.group(2)));
            position = step.end();
        }
        assertTrue(node != null, () -> path + " is not in the event");
        return node;
    }

    /** A resource policy letting one service principal take one action on {@code resource}, from the given sources only. */
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
