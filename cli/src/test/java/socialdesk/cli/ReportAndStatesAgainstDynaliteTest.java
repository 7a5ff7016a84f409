package socialdesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import socialdesk.aws.dynamo.DynamoEngagementStore;
import socialdesk.aws.dynamo.DynamoReplyStore;
import socialdesk.aws.testing.Dynalite;
import socialdesk.core.engagement.Author;
import socialdesk.core.engagement.Comment;
import socialdesk.core.engagement.CommentKind;
import socialdesk.core.engagement.CommentVerdict;
import socialdesk.core.engagement.Owners;
import socialdesk.core.engagement.StoredComment;
import socialdesk.core.json.Json;
import socialdesk.core.post.Platform;
import socialdesk.core.reply.Reply;
import socialdesk.core.reply.ReplyStatus;

/**
 * {@code social report} and {@code social flagged --state/--severity} on a scripted timeline: the
 * comments (on posts that are not the desk's, so {@code flagged} finds them without posts) and what
 * people did about them are written to a fresh dynalite table as the desk writes them, and the
 * commands read them back.
 */
class ReportAndStatesAgainstDynaliteTest {
    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

    @TempDir
    Path dir;
    private Path data;
    private DynamoEngagementStore engagement;
    private DynamoReplyStore replies;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void table() throws IOException {
        Dynalite dynalite = Dynalite.shared();
        String table = dynalite.createTable();
        engagement = new DynamoEngagementStore(dynalite.client(), table);
        replies = new DynamoReplyStore(dynalite.client(), table);
        data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(data.resolve("endpoints.json"), Json.write(Map.of("pid", ProcessHandle.current().pid(),
                "dynamodb", dynalite.endpoint().toString(), "tableName", table)));
        // Answered after 10, 20, 30, 40 and 90 minutes (high, facebook and mastodon); one medium after 5 minutes.
        answer(Platform.FACEBOOK, "f1", "high", NOW.minusSeconds(86_400), Duration.ofMinutes(10));
        answer(Platform.FACEBOOK, "f2", "high", NOW.minusSeconds(80_000), Duration.ofMinutes(20));
        answer(Platform.MASTODON, "m1", "high", NOW.minusSeconds(70_000), Duration.ofMinutes(30));
        answer(Platform.MASTODON, "m2", "high", NOW.minusSeconds(60_000), Duration.ofMinutes(40));
        answer(Platform.FACEBOOK, "f3", "high", NOW.minusSeconds(50_000), Duration.ofMinutes(90));
        answer(Platform.FACEBOOK, "f4", "medium", NOW.minusSeconds(40_000), Duration.ofMinutes(5));
        // Answered long before the period: not counted.
        answer(Platform.FACEBOOK, "old", "high", NOW.minus(Duration.ofDays(60)), Duration.ofDays(2));
        // Waiting: two high (2 h and 30 min), one low.
        comment(Platform.FACEBOOK, "w1", "high", NOW.minus(Duration.ofHours(2)));
        comment(Platform.MASTODON, "w2", "high", NOW.minus(Duration.ofMinutes(30)));
        comment(Platform.FACEBOOK, "w3", "low", NOW.minus(Duration.ofMinutes(3)));
    }

    private StoredComment comment(Platform platform, String id, String severity, Instant at) {
        StoredComment c = new StoredComment(Owners.unmatched(platform), platform, "r1", new Comment(id, CommentKind.COMMENT,
                new Author("a-" + id, "@" + id), "comment " + id, null, at),
                new CommentVerdict("CONCERN", severity, true, "en", List.of("cue"), "REPLY", "We're sorry; please message us."), false);
        assertTrue(engagement.putCommentOnce(c, new socialdesk.core.events.Announcement(java.util.List.of(), java.time.Instant.EPOCH)).isPresent());
        return c;
    }

    private void answer(Platform platform, String id, String severity, Instant at, Duration after) {
        comment(platform, id, severity, at);
        Instant sent = at.plus(after);
        replies.answered(replies.findComment(platform, id).orElseThrow(), new Reply(Owners.unmatched(platform), platform, id, "We're sorry; please message us.",
                "ana", ReplyStatus.SENT, 1, sent, null, "reply-" + id, "https://example/" + id, sent, null, false));
    }

    /** {@code social report} at the timeline's now. */
    private int report(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--data", data.toString()));
        return new ReportCommand(Clock.fixed(NOW, ZoneOffset.UTC)).run(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    private int social(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--data", data.toString()));
        return SocialCli.run(all.toArray(String[]::new), new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void reportGivesMedianAndNinetiethPercentilePerSeverityAndPlatformAndWhatIsWaiting() {
        assertEquals(0, report("--days", "30", "--json"));

        List<Map<String, Object>> rows = out.toString(StandardCharsets.UTF_8).lines().map(Json::parseObject).toList();
        Map<String, Object> highAll = rows.stream().filter(r -> r.get("severity").equals("high") && r.get("platform").equals("all"))
                .findFirst().orElseThrow();
        assertEquals(5L, ((Number) highAll.get("answered")).longValue());
        assertEquals(30 * 60L, ((Number) highAll.get("medianSeconds")).longValue(), "10, 20, 30, 40, 90 minutes: median 30");
        assertEquals(90 * 60L, ((Number) highAll.get("p90Seconds")).longValue(), "nearest rank: the 5th of 5");
        assertEquals(2L, ((Number) highAll.get("waiting")).longValue());
        assertEquals(2 * 3600L, ((Number) highAll.get("oldestWaitingSeconds")).longValue());
        Map<String, Object> highMastodon = rows.stream().filter(r -> r.get("severity").equals("high") && r.get("platform").equals("mastodon"))
                .findFirst().orElseThrow();
        assertEquals(30 * 60L, ((Number) highMastodon.get("medianSeconds")).longValue(), "30 and 40 minutes: the lower middle");
        assertEquals(List.of("high", "high", "high", "medium", "medium", "low", "low"), rows.stream().map(r -> r.get("severity")).toList());
    }

    @Test
    void reportPrintsATable() {
        assertEquals(0, report());

        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("severity  platform  answered  median  90th pct  waiting  oldest waiting"), text);
        assertTrue(text.lines().anyMatch(l -> l.matches("high\\s+all\\s+5\\s+30m\\s+1h 30m\\s+2\\s+2h 00m")), text);
    }

    @Test
    void flaggedListsByStateAndSeverityWithTheAnswerCommandForWaitingOnes() {
        assertEquals(0, social("flagged", "--state", "new", "--severity", "high"), err.toString(StandardCharsets.UTF_8));

        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("answer: ./social reply facebook 'w1' --accept"), text);
        assertTrue(text.contains("2 flagged comments"), text);
        assertFalse(text.contains("from @w3"), text);
        assertFalse(text.contains("from @f1"), text);

        out.reset();
        assertEquals(0, social("flagged", "--state", "ANSWERED", "--limit", "100"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("[ANSWERED by ana]"), out.toString(StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("answered: https://example/f1"), out.toString(StandardCharsets.UTF_8));
        assertEquals(2, social("flagged", "--state", "LOST"));
    }
}
