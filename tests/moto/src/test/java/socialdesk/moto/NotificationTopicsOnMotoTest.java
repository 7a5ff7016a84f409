package socialdesk.moto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import socialdesk.aws.testing.MotoServer;
import socialdesk.aws.testing.RequiresMoto;
import socialdesk.template.Template;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The template's SNS topics deliver to a subscribed SQS queue on moto: each topic of template.yaml
 * is created with a policy that lets EventBridge publish, a queue (standing in for e-mail, chat and
 * on-call) gets a policy that lets only that topic send and is subscribed with the delivery the
 * template's own subscriptions of the topic configure (raw or the SNS envelope), and a message of
 * the shape the bus rules' input transformers produce arrives once, unchanged. What puts it on the
 * topic in production, an EventBridge rule, is not here: moto's EventBridge cannot target SNS
 * (docs/decisions/2026-12-06-moto-tier.md).
 */
@RequiresMoto
class NotificationTopicsOnMotoTest {
    private static final Duration ARRIVAL = Duration.ofSeconds(10);
    /** What a rule with a text InputTemplate publishes: a JSON string, here with non-ASCII text and a quote in it. */
    private static final String MESSAGE = "\"[high] CONCERN on facebook from Ana: T\u00f4i b\u1ecb tr\u1eeb ti\u1ec1n hai l\u1ea7n \\\"h\u00f4m qua\\\""
            + " | Suggested calm reply (never sent automatically): Sorry, please DM us.\"";

    private static SnsClient sns;
    private static SqsClient sqs;

    @BeforeAll
    static void clients() {
        MotoServer moto = MotoServer.shared();
        sns = MotoSdk.sns(moto);
        sqs = MotoSdk.sqs(moto);
    }

    @AfterAll
    static void closeClients() {
        sns.close();
        sqs.close();
    }

    /** A topic of the template, and whether the template's subscriptions to it ask for raw delivery. */
    private record TemplateTopic(String logicalId, boolean rawDelivery) {
    }

    private static List<TemplateTopic> templateTopics() {
        Template template = Template.load();
        Map<String, Map<String, Object>> subscriptions = template.resourcesOfType("AWS::SNS::Subscription");
        List<TemplateTopic> topics = new ArrayList<>();
        for (String topic : template.resourcesOfType("AWS::SNS::Topic").keySet()) {
            List<Boolean> raw = subscriptions.values().stream()
                    .map(s -> Template.map(s.get("Properties")))
                    .filter(p -> topic.equals(Template.map(p.get("TopicArn")).get("Ref")))
                    .map(p -> Boolean.parseBoolean(String.valueOf(p.getOrDefault("RawMessageDelivery", "false"))))
                    .distinct()
                    .toList();
            assertTrue(raw.size() <= 1, () -> "the subscriptions of " + topic + " disagree on RawMessageDelivery");
            topics.add(new TemplateTopic(topic, !raw.isEmpty() && raw.getFirst()));
        }
        assertFalse(topics.isEmpty(), "template.yaml has no SNS topic");
        return topics;
    }

    @Test
    void eachTopicOfTheTemplateDeliversAPublishedMessageToItsSubscribedQueueOnce() {
        for (TemplateTopic topic : templateTopics()) {
            String name = "desk-" + UUID.randomUUID().toString().substring(0, 8) + "-" + topic.logicalId();
            String topicArn = sns.createTopic(b -> b.name(name)).topicArn();
            sns.setTopicAttributes(b -> b.topicArn(topicArn).attributeName("Policy")
                    .attributeValue(allow("events.amazonaws.com", "sns:Publish", topicArn,
                            "arn:aws:events:" + MotoServer.REGION + ":" + MotoServer.ACCOUNT_ID + ":rule/" + name + "-bus/*")));
            String queueUrl = sqs.createQueue(b -> b.queueName(name + "-inbox")).queueUrl();
            String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            sqs.setQueueAttributes(b -> b.queueUrl(queueUrl)
                    .attributes(Map.of(QueueAttributeName.POLICY, allow("sns.amazonaws.com", "sqs:SendMessage", queueArn, topicArn))));
            sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(queueArn)
                    .attributes(Map.of("RawMessageDelivery", Boolean.toString(topic.rawDelivery()))));

            String messageId = sns.publish(b -> b.topicArn(topicArn).message(MESSAGE)).messageId();

            List<Message> received = receiveAll(queueUrl, ARRIVAL);
            assertEquals(1, received.size(), () -> topic.logicalId() + ": expected the message once, got " + received);
            String body = received.getFirst().body();
            if (topic.rawDelivery()) {
                assertEquals(MESSAGE, body, topic.logicalId());
            } else {
                Map<String, JsonNode> envelope = JsonNode.parser().parse(body).asObject();
                assertEquals("Notification", envelope.get("Type").asString(), topic.logicalId());
                assertEquals(messageId, envelope.get("MessageId").asString(), topic.logicalId());
                assertEquals(topicArn, envelope.get("TopicArn").asString(), topic.logicalId());
                assertEquals(MESSAGE, envelope.get("Message").asString(), topic.logicalId());
            }
        }
    }

    @Test
    void aMessageOnOneTopicReachesNoQueueOfAnother() {
        String prefix = "desk-" + UUID.randomUUID().toString().substring(0, 8);
        String notification = sns.createTopic(b -> b.name(prefix + "-NotificationTopic")).topicArn();
        String urgent = sns.createTopic(b -> b.name(prefix + "-UrgentTopic")).topicArn();
        String urgentQueue = sqs.createQueue(b -> b.queueName(prefix + "-oncall")).queueUrl();
        String urgentQueueArn = sqs.getQueueAttributes(b -> b.queueUrl(urgentQueue).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        sqs.setQueueAttributes(b -> b.queueUrl(urgentQueue)
                .attributes(Map.of(QueueAttributeName.POLICY, allow("sns.amazonaws.com", "sqs:SendMessage", urgentQueueArn, urgent))));
        sns.subscribe(b -> b.topicArn(urgent).protocol("sqs").endpoint(urgentQueueArn));

        sns.publish(b -> b.topicArn(notification).message(MESSAGE));

        assertEquals(List.of(), receiveAll(urgentQueue, Duration.ofSeconds(2)));
    }

    /**
     * Every message on the queue, each deleted once read: waits up to {@code arrival} for the first,
     * then reads until a receive of up to a second comes back empty.
     */
    private static List<Message> receiveAll(String queueUrl, Duration arrival) {
        List<Message> all = new ArrayList<>();
        long deadline = System.nanoTime() + arrival.toNanos();
        while (System.nanoTime() < deadline) {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(1).maxNumberOfMessages(10)).messages();
            if (batch.isEmpty() && !all.isEmpty()) {
                break;
            }
            for (Message message : batch) {
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
                all.add(message);
            }
        }
        return all;
    }

    /** A resource policy letting one service principal take one action on {@code resource}, from {@code sourceArn} only. */
    private static String allow(String service, String action, String resource, String sourceArn) {
        return """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"%s"},"Action":"%s",\
                "Resource":"%s","Condition":{"ArnLike":{"aws:SourceArn":"%s"}}}]}""".formatted(service, action, resource, sourceArn);
    }
}
