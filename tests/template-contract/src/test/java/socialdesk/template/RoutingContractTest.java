package socialdesk.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import socialdesk.core.engagement.Author;
import socialdesk.core.engagement.Comment;
import socialdesk.core.engagement.CommentFlaggedEvent;
import socialdesk.core.engagement.CommentKind;
import socialdesk.core.engagement.CommentVerdict;
import socialdesk.core.engagement.Owners;
import socialdesk.core.engagement.StoredComment;
import socialdesk.core.events.DomainEvent;
import socialdesk.core.json.Json;
import socialdesk.core.post.Delivery;
import socialdesk.core.post.Platform;
import socialdesk.core.post.Post;
import socialdesk.core.post.PostContent;
import socialdesk.core.post.PostStatus;
import socialdesk.core.publish.AccountEvents;
import socialdesk.core.publish.PublishEvents;
import socialdesk.core.schedule.Cadence;
import socialdesk.core.schedule.QueueRunway;
import socialdesk.core.schedule.Runway;
import socialdesk.core.schedule.SlotRule;
import socialdesk.template.Template;
import software.amazon.event.ruler.Machine;

/**
 * The EventBridge rules of template.yaml, run through AWS's Event Ruler (the matching library
 * behind EventBridge) against the sample events of events/ and against the events the code emits,
 * so that a typo in a pattern or a renamed field fails here rather than silently in the cloud.
 */
class RoutingContractTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String POST_FAILED_RULE = "PostFailedRule";
    private static final String QUEUE_RUNNING_LOW_RULE = "QueueRunningLowRule";
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
    void thePostUncertainEventTheCodeEmitsIsRoutedAndMatchesItsSample() throws Exception {
        Post post = new Post("01JAF3Q2V8K6M4W9T7R5N1X0ZC", new PostContent("Autumn release notes", null),
                List.of(Platform.TELEGRAM), Instant.parse("2026-11-26T09:30:00Z"), PostStatus.PUBLISHING, 4,
                Instant.parse("2026-11-20T08:00:00Z"));
        Delivery uncertain = Delivery.pending(post.id(), Platform.TELEGRAM).inDoubt(Instant.parse("2026-11-26T09:30:02Z"))
                .uncertain("telegram: cannot look");

        String envelope = envelope(PublishEvents.uncertain(post, uncertain));

        assertEquals(List.of("PostUncertainRule"), machineFor("PostUncertainRule").rulesForEvent(envelope));
        assertTrue(machineFor(POST_FAILED_RULE).rulesForEvent(envelope).isEmpty());
        assertInputPathsResolve("PostUncertainRule", JSON.readTree(envelope));
        assertInputPathsResolve("PostUncertainRule", JSON.readTree(Template.event("post-uncertain.json").toFile()));
        assertEquals(((Map<?, ?>) Json.parseObject(Template.read(Template.event("post-uncertain.json"))).get("detail")).keySet(),
                PublishEvents.uncertain(post, uncertain).detail().keySet(), "events/post-uncertain.json has the fields the code emits");
    }

    @Test
    void inputTransformerPathsExistInThePostFailedSample() throws IOException {
        assertInputPathsResolve(POST_FAILED_RULE, JSON.readTree(Template.event("post-failed.json").toFile()));
    }

    @Test
    void queueRunningLowSampleMatchesOnlyTheQueueRunningLowRule() throws Exception {
        String sample = Template.read(Template.event("queue-running-low.json"));

        assertEquals(List.of(QUEUE_RUNNING_LOW_RULE), machineFor(QUEUE_RUNNING_LOW_RULE).rulesForEvent(sample));
        assertTrue(machineFor(POST_FAILED_RULE).rulesForEvent(sample).isEmpty());
        assertTrue(machineFor(QUEUE_RUNNING_LOW_RULE).rulesForEvent(Template.read(Template.event("post-failed.json"))).isEmpty());
        assertInputPathsResolve(QUEUE_RUNNING_LOW_RULE, JSON.readTree(sample));
    }

    @Test
    void theQueueRunningLowEventTheCodeEmitsIsRouted() throws Exception {
        Cadence cadence = new Cadence(Platform.MASTODON, ZoneId.of("Asia/Ho_Chi_Minh"), List.of(new SlotRule(
                EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), List.of(LocalTime.of(9, 0), LocalTime.of(13, 30)))), 3, 30);
        Instant now = Instant.parse("2026-11-30T00:00:00Z");
        Runway runway = Runway.measure(cadence, now, List.of(Instant.parse("2026-11-30T02:00:00Z")), Duration.ofDays(60));

        DomainEvent event = QueueRunway.queueRunningLow(cadence, new QueueRunway.Report(runway, 0, runway, true));

        String envelope = envelope(event);
        assertEquals(List.of(QUEUE_RUNNING_LOW_RULE), machineFor(QUEUE_RUNNING_LOW_RULE).rulesForEvent(envelope));
        assertInputPathsResolve(QUEUE_RUNNING_LOW_RULE, JSON.readTree(envelope));
        assertEquals(Json.parseObject(Template.read(Template.event("queue-running-low.json"))).get("detail") instanceof Map<?, ?> sample
                ? sample.keySet() : null, event.detail().keySet(), "events/queue-running-low.json has the fields the code emits");
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

    // ---------------------------------------------------------------- account events

    private static final String ACCOUNT_ALERTS_RULE = "AccountAlertsRule";
    private static final String CREDENTIALS_REJECTED_URGENT_RULE = "CredentialsRejectedUrgentRule";

    @Test
    void accountEventsTheCodeEmitsReachTheTopicAndOnlyRejectionsAreUrgent() throws Exception {
        Machine machine = machineFor(ACCOUNT_ALERTS_RULE, CREDENTIALS_REJECTED_URGENT_RULE, POST_FAILED_RULE);
        Instant now = Instant.parse("2025-11-26T09:31:02Z");

        assertEquals(List.of(ACCOUNT_ALERTS_RULE, CREDENTIALS_REJECTED_URGENT_RULE), machine.rulesForEvent(envelope(
                AccountEvents.rejected(Platform.MASTODON, "401", now, now.plusSeconds(900)))).stream().sorted().toList());
        assertEquals(List.of(ACCOUNT_ALERTS_RULE), machine.rulesForEvent(envelope(
                AccountEvents.expiring(Platform.LINKEDIN, now.plus(java.time.Duration.ofDays(5)), now))));
        assertEquals(List.of(ACCOUNT_ALERTS_RULE), machine.rulesForEvent(envelope(AccountEvents.restored(Platform.X))));
    }

    @Test
    void inputTransformerPathsExistInTheAccountEvents() throws IOException {
        JsonNode sample = JSON.readTree(Template.event("platform-credentials-rejected.json").toFile());
        assertInputPathsResolve(ACCOUNT_ALERTS_RULE, sample);
        assertInputPathsResolve(CREDENTIALS_REJECTED_URGENT_RULE, sample);
        Instant now = Instant.parse("2025-11-26T09:31:02Z");
        for (DomainEvent event : List.of(AccountEvents.restored(Platform.SLACK),
                AccountEvents.expiring(Platform.THREADS, now.plusSeconds(86_400), now))) {
            assertInputPathsResolve(ACCOUNT_ALERTS_RULE, JSON.readTree(envelope(event)));
        }
    }

    // ---------------------------------------------------------------- CommentFlagged

    private static final String COMMENT_FLAGGED_RULE = "CommentFlaggedRule";
    private static final String COMMENT_FLAGGED_URGENT_RULE = "CommentFlaggedUrgentRule";

    @Test
    void aMediumSeverityFlaggedCommentReachesTheNotificationTopicOnly() throws Exception {
        Machine machine = machineFor(COMMENT_FLAGGED_RULE, COMMENT_FLAGGED_URGENT_RULE);

        assertEquals(List.of(COMMENT_FLAGGED_RULE),
                machine.rulesForEvent(Template.read(Template.event("comment-flagged-medium.json"))));
    }

    @Test
    void aHighSeverityFlaggedCommentAlsoReachesTheUrgentTopic() throws Exception {
        Machine machine = machineFor(COMMENT_FLAGGED_RULE, COMMENT_FLAGGED_URGENT_RULE);

        assertEquals(List.of(COMMENT_FLAGGED_RULE, COMMENT_FLAGGED_URGENT_RULE),
                machine.rulesForEvent(Template.read(Template.event("comment-flagged-high.json"))).stream().sorted().toList());
    }

    @Test
    void commentFlaggedEventsTheCodeEmitsAreRoutedBySeverity() throws Exception {
        Machine machine = machineFor(COMMENT_FLAGGED_RULE, COMMENT_FLAGGED_URGENT_RULE, POST_FAILED_RULE);
        Map<String, List<String>> expected = Map.of(
                "high", List.of(COMMENT_FLAGGED_RULE, COMMENT_FLAGGED_URGENT_RULE),
                "medium", List.of(COMMENT_FLAGGED_RULE),
                "low", List.of(COMMENT_FLAGGED_RULE));
        for (Map.Entry<String, List<String>> e : expected.entrySet()) {
            String event = envelope(CommentFlaggedEvent.of(flagged(e.getKey())));

            assertEquals(e.getValue(), machine.rulesForEvent(event).stream().sorted().toList(), e.getKey());
            assertInputPathsResolve(COMMENT_FLAGGED_RULE, JSON.readTree(event));
            assertInputPathsResolve(COMMENT_FLAGGED_URGENT_RULE, JSON.readTree(event));
        }
    }

    @Test
    void aFlaggedCommentOnAPostThatIsNotOursStillHasEveryTransformerPath() throws Exception {
        StoredComment stored = flagged("high");
        StoredComment unmatched = new StoredComment(Owners.unmatched(Platform.X), Platform.X, null,
                new Comment("1861", CommentKind.MENTION, Author.UNKNOWN, "you will pay for this", null, stored.comment().at()),
                stored.verdict(), false);

        String event = envelope(CommentFlaggedEvent.of(unmatched));

        assertInputPathsResolve(COMMENT_FLAGGED_RULE, JSON.readTree(event));
        assertInputPathsResolve(COMMENT_FLAGGED_URGENT_RULE, JSON.readTree(event));
    }

    @Test
    void inputTransformerPathsExistInTheCommentFlaggedSamples() throws IOException {
        for (String sample : List.of("comment-flagged-high.json", "comment-flagged-medium.json")) {
            assertInputPathsResolve(COMMENT_FLAGGED_RULE, JSON.readTree(Template.event(sample).toFile()));
            assertInputPathsResolve(COMMENT_FLAGGED_URGENT_RULE, JSON.readTree(Template.event(sample).toFile()));
        }
    }

    private static StoredComment flagged(String severity) {
        CommentVerdict verdict = new CommentVerdict("CONCERN", severity, true, "en", List.of("money lost (charged twice)"),
                "ESCALATE", "Sorry about the payment problem. Please send us a DM so our billing team can put it right.");
        Comment comment = new Comment("912837465_3318004412", CommentKind.COMMENT, new Author("555", "Minh Tran"),
                "I was charged twice for my order", "https://www.facebook.com/912837465_3318004412",
                Instant.parse("2025-11-26T09:45:01Z"));
        return new StoredComment("01JAF3Q2V8K6M4W9T7R5N1X0ZC", Platform.FACEBOOK, "104857283947_912837465", comment, verdict, false);
    }

    /** The rules' EventPatterns exactly as written in template.yaml, in one machine. */
    private static Machine machineFor(String... ruleIds) throws IOException {
        Machine machine = new Machine();
        for (String ruleId : ruleIds) {
            Map<String, Object> properties = Template.map(Template.load().resource(ruleId).get("Properties"));
            Object pattern = properties.get("EventPattern");
            assertTrue(pattern instanceof Map<?, ?>, () -> ruleId + " has no EventPattern object");
            machine.addRule(ruleId, JSON.writeValueAsString(pattern));
        }
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
