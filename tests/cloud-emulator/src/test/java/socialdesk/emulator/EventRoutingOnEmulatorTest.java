package socialdesk.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
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
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Events built by the code and put on the bus with {@link EventBridgePublisher} travel
 * PutEvents -> the template's rule -> the notification topic -> an SQS queue in the emulator
 * container ({@link RoutingStack}), and arrive with what a person needs; events that no rule
 * routes page nobody.
 */
@RequiresDocker
class EventRoutingOnEmulatorTest {
    private static final String POST_FAILED_RULE = "PostFailedRule";
    private static final String NOTIFICATION_TOPIC = "NotificationTopic";
    private static final Pattern PLACEHOLDER = Pattern.compile("<([A-Za-z0-9_.-]+)>");
    private static final Pattern INPUT_PATH_STEP = Pattern.compile("\\.([A-Za-z0-9_-]+)|\\[(\\d+)]");
    private static final Duration ARRIVAL = Duration.ofSeconds(30);
    private static final Duration QUIET = Duration.ofSeconds(3);

    private static Emulator emulator;
    /** Puts the events, as the functions do; {@link #events} sets up the bus and rules they go through. */
    private static EventBridgeClient bus;
    private static EventBridgeClient events;
    private static SnsClient sns;
    private static SqsClient sqs;

    @BeforeAll
    static void clients() {
        emulator = Emulator.shared();
        bus = emulator.clients().eventBridge();
        events = emulator.events();
        sns = emulator.sns();
        sqs = emulator.sqs();
    }

    @AfterAll
    static void closeClients() {
        for (AutoCloseable client : new AutoCloseable[] {events, sns, sqs}) {
            try {
                if (client != null) {
                    client.close();
                }
            } catch (Exception ignored) {
                // the container goes away with the JVM
            }
        }
    }

    /** A post published on Mastodon and failed for good on Bluesky: the publisher emits PostPublished and PostFailed. */
    private static List<DomainEvent> partlyPublishedPost() {
        Post post = new Post(UUID.randomUUID().toString(), new PostContent("Autumn release notes are out", "https://example.com/r"),
                List.of(Platform.MASTODON, Platform.BLUESKY), Instant.parse("2026-11-26T09:30:00Z"),
                PostStatus.PUBLISHING, 4, Instant.parse("2026-11-20T08:00:00Z"));
        List<Delivery> deliveries = List.of(
                Delivery.pending(post.id(), Platform.MASTODON).published("113", "https://mastodon.example/@desk/113"),
                Delivery.pending(post.id(), Platform.BLUESKY).failed("401 invalid app password", true));
        List<DomainEvent> emitted = PublishEvents.forFinalState(post, PostStatus.PARTIALLY_PUBLISHED, deliveries);
        assertEquals(List.of(PublishEvents.POST_PUBLISHED, PublishEvents.POST_FAILED),
                emitted.stream().map(DomainEvent::detailType).toList());
        return emitted;
    }

    @Test
    void aFailedPostIsRoutedToTheTopicAndQueueAndItsPublishedEventPagesNobody() {
        RoutingStack stack = RoutingStack.create(events, sns, sqs, false);
        List<DomainEvent> emitted = partlyPublishedPost();
        DomainEvent failed = emitted.get(1);
        String postId = (String) failed.detail().get("postId");

        new EventBridgePublisher(bus, stack.busName).publish(emitted);

        List<RoutingStack.Notification> arrived = stack.notificationsAbout(postId, ARRIVAL, QUIET);
        assertEquals(1, arrived.size(), () -> "expected the PostFailed event alone, got " + arrived);
        assertEquals(stack.topicArnsByLogicalId.get(NOTIFICATION_TOPIC), arrived.getFirst().topicArn());
        Map<String, Object> delivered = Json.parseObject(arrived.getFirst().message());
        assertEquals(PublishEvents.SOURCE, delivered.get("source"));
        assertEquals(PublishEvents.POST_FAILED, delivered.get("detail-type"));
        assertEquals(postId, resolve(delivered, "$.detail.postId"));
        assertEquals("bluesky", resolve(delivered, "$.detail.failures[0].platform"));
        assertEquals("401 invalid app password", resolve(delivered, "$.detail.failures[0].reason"));
        // Every value the template's message is made of is in the event as the bus delivered it.
        stack.onlyTopicTarget(POST_FAILED_RULE).inputPathsMap().values().forEach(path -> resolve(delivered, path));
    }

    @Test
    void aFailedPostArrivesAsTheReadableMessageOfTheRulesInputTransformer() {
        RoutingStack stack = RoutingStack.create(events, sns, sqs, true);
        DomainEvent failed = partlyPublishedPost().get(1);
        String postId = (String) failed.detail().get("postId");
        EventRules.TopicTarget target = stack.onlyTopicTarget(POST_FAILED_RULE);

        List<RoutingStack.Notification> arrived;
        try {
            new EventBridgePublisher(bus, stack.busName).publish(List.of(failed));
            arrived = stack.notificationsAbout(postId, ARRIVAL, QUIET);
        } catch (IllegalStateException refused) {
            abortIfLocalStackCannotWriteANumberIntoText(target, failed, refused.getMessage());
            throw refused;
        }
        if (arrived.isEmpty()) {
            abortIfLocalStackCannotWriteANumberIntoText(target, failed, "no message within " + ARRIVAL.toSeconds() + " s");
        }

        assertEquals(1, arrived.size(), () -> "expected one notification, got " + arrived);
        String message = arrived.getFirst().text();
        assertEquals(expectedMessage(target, failed), message);
        assertTrue(message.contains(postId), message);
        assertTrue(message.contains("bluesky failed after 1 attempt(s): 401 invalid app password"), message);
        assertFalse(PLACEHOLDER.matcher(message).find(), () -> "a placeholder was left unfilled: " + message);
    }

    /**
     * LocalStack's input transformer (services/events/target.py, up to 4.14 at least) puts a value
     * into a text template as it is, and Python will not join a number into a string: a template
     * that writes a number into its text (the attempts count here) gives the target nothing, where
     * EventBridge writes the number's digits. That one known gap is reported as an aborted test
     * (the routing itself is checked without the transformer above); anything else fails.
     */
    private static void abortIfLocalStackCannotWriteANumberIntoText(EventRules.TopicTarget target, DomainEvent event, String symptom) {
        Map<String, Object> envelope = envelope(event);
        boolean textTemplate = !target.inputTemplate().strip().startsWith("{");
        List<String> numbers = target.inputPathsMap().entrySet().stream()
                .filter(e -> resolve(envelope, e.getValue()) instanceof Number)
                .map(Map.Entry::getKey)
                .toList();
        Assumptions.assumeFalse(emulator.isLocalStack() && textTemplate && !numbers.isEmpty(),
                () -> "LocalStack (" + emulator.image() + ") cannot write the number(s) " + numbers
                        + " into a text InputTemplate (" + symptom + "); to run this test, set SOCIAL_DESK_EMULATOR_IMAGE"
                        + " to an emulator that can (see docs/testing.md)");
    }

    /** The rule's InputTemplate filled in from the event the way EventBridge fills a text template: strings as they are, numbers as digits. */
    private static String expectedMessage(EventRules.TopicTarget target, DomainEvent event) {
        Map<String, Object> envelope = envelope(event);
        String template = target.inputTemplate().strip();
        if (template.length() >= 2 && template.startsWith("\"") && template.endsWith("\"")) {
            template = template.substring(1, template.length() - 1);
        }
        Matcher placeholder = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (placeholder.find()) {
            String path = target.inputPathsMap().get(placeholder.group(1));
            assertTrue(path != null, "<" + placeholder.group(1) + "> has no input path");
            Object value = resolve(envelope, path);
            placeholder.appendReplacement(out, Matcher.quoteReplacement(value instanceof String s ? s : Json.write(value)));
        }
        placeholder.appendTail(out);
        return out.toString();
    }

    /** The parts of the event envelope the rules read. */
    private static Map<String, Object> envelope(DomainEvent event) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("source", event.source());
        envelope.put("detail-type", event.detailType());
        envelope.put("detail", event.detail());
        return envelope;
    }

    /** The JSONPath subset EventBridge input paths use ($.a.b[0].c); a path that is not there fails the test. */
    private static Object resolve(Object root, String path) {
        assertTrue(path.startsWith("$"), () -> "an input path starts with $: " + path);
        Object node = root;
        Matcher step = INPUT_PATH_STEP.matcher(path);
        int position = 1;
        while (position < path.length()) {
            assertTrue(step.find(position) && step.start() == position, "unsupported input path " + path);
            if (step.group(1) != null) {
                node = node instanceof Map<?, ?> map ? map.get(step.group(1)) : null;
            } else {
                int index = Integer.parseInt(step.group(2));
                node = node instanceof List<?> list && index < list.size() ? list.get(index) : null;
            }
            position = step.end();
        }
        Object found = node;
        assertTrue(found != null, () -> path + " is not in the event " + root);
        return found;
    }
}
