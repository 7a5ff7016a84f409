package socialdesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import socialdesk.aws.dynamo.DynamoEngagementStore;
import socialdesk.aws.dynamo.DynamoPostStore;
import socialdesk.aws.testing.Dynalite;
import socialdesk.core.engagement.Author;
import socialdesk.core.engagement.Comment;
import socialdesk.core.engagement.CommentKind;
import socialdesk.core.engagement.CommentVerdict;
import socialdesk.core.engagement.StoredComment;
import socialdesk.core.json.Json;
import socialdesk.core.json.JsonRead;
import socialdesk.core.post.Platform;
import socialdesk.local.FunctionUrlServer;
import socialdesk.postsapi.PostsApiForTests;

/**
 * The commands against the REAL posts API: its handler behind a loopback function URL (the local
 * stack's own FunctionUrlServer), its table in dynalite (a fresh table per test).
 */
class PostsCommandsAgainstPostsApiServerTest {
    private static final String FUTURE = Instant.now().plus(Duration.ofDays(10)).truncatedTo(ChronoUnit.SECONDS)
            .atOffset(ZoneOffset.ofHours(7)).toString();

    @TempDir
    Path dir;
    private String table;
    private FunctionUrlServer server;
    private ByteArrayOutputStream out;
    private ByteArrayOutputStream err;

    @BeforeEach
    void startPostsApi() {
        Dynalite dynalite = Dynalite.shared();
        table = dynalite.createTable();
        PostsApiForTests api = new PostsApiForTests(dynalite.client(), table, Clock.systemUTC());
        server = new FunctionUrlServer("posts-api", 0, api::invoke);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private int social(String... args) {
        out = new ByteArrayOutputStream();
        err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of(args));
        if (!all.get(0).equals("flagged")) {
            all.add("--url");
            all.add(server.url());
        }
        return SocialCli.run(all.toArray(String[]::new), new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private List<Map<String, Object>> listedPosts() {
        assertEquals(0, social("list", "--json"), stderr());
        List<Map<String, Object>> posts = new ArrayList<>();
        stdout().lines().filter(l -> !l.isBlank()).forEach(l -> posts.add(Json.parseObject(l)));
        return posts;
    }

    private String calendar() {
        return "\uFEFFtext,platforms,at,link,evergreen\r\n"
                + "\"Winter release, out now\",mastodon;bluesky," + FUTURE + ",https://example.com/winter,true\r\n"
                + ",mastodon," + FUTURE + ",,\r\n"
                + "Bad date,mastodon,next tuesday,,\r\n"
                + "\"Two lines,\nand \"\"quotes\"\"\",mastodon|bluesky," + FUTURE + ",,\r\n"
                + "An unknown platform,myspace," + FUTURE + ",,\r\n"
                + "Too long for Bluesky " + "x".repeat(400) + ",bluesky," + FUTURE + ",,\r\n";
    }

    @Test
    void importQueuesTheGoodRowsAndNamesEveryRejectedRowByLineAndReason() throws IOException {
        Path file = write("calendar.csv", calendar());

        int status = social("import", file.toString());

        assertEquals(1, status, stderr());
        String summary = stdout();
        assertTrue(summary.contains("6 rows — 2 queued, 0 already queued, 4 rejected"), summary);
        assertTrue(summary.contains("line 3: text is empty"), summary);
        assertTrue(summary.contains("line 4: at 'next tuesday' is not an ISO-8601 time"), summary);
        assertTrue(summary.matches("(?s).*line 7: .*myspace.*"), summary);
        assertTrue(summary.matches("(?s).*line 8: .*bluesky.*"), summary);
        assertFalse(summary.contains("line 2: text"), summary);
        assertTrue(stderr().contains("import 6/6 line 8: rejected"), "plain progress lines when stderr is not a terminal");
        List<Map<String, Object>> posts = listedPosts();
        assertEquals(2, posts.size());
        assertTrue(posts.stream().anyMatch(p -> "Two lines,\nand \"quotes\"".equals(p.get("text"))), posts.toString());
        assertTrue(posts.stream().anyMatch(p -> Boolean.TRUE.equals(p.get("evergreen"))
                && "https://example.com/winter".equals(p.get("link"))));
    }

    @Test
    void importingAgainQueuesNothingTwice() throws IOException {
        Path file = write("calendar.csv", "text,platforms,at\nHello,mastodon," + FUTURE + "\nAgain,bluesky," + FUTURE + "\n");

        int first = social("import", file.toString());
        String firstSummary = stdout();
        int second = social("import", file.toString());

        assertEquals(0, first, firstSummary + stderr());
        assertTrue(firstSummary.contains("2 queued, 0 already queued, 0 rejected"), firstSummary);
        assertEquals(0, second);
        assertTrue(stdout().contains("0 queued, 2 already queued, 0 rejected"), stdout());
        assertEquals(2, listedPosts().size());
    }

    @Test
    void importsAYamlCalendarWithLineNumbers() throws IOException {
        Path file = write("calendar.yaml", """
                - text: From YAML, with a list of platforms
                  platforms: [mastodon, bluesky]
                  at: %s
                - text: ""
                  platforms: mastodon
                  at: %s
                - text: Next slot without any slots
                  platforms: mastodon
                  next_slot: true
                """.formatted(FUTURE, FUTURE));

        int status = social("import", file.toString());

        assertEquals(1, status, stderr());
        assertTrue(stdout().contains("1 queued, 0 already queued, 2 rejected"), stdout());
        assertTrue(stdout().contains("line 4: text is empty"), stdout());
        assertTrue(stdout().matches("(?s).*line 7: .*slot.*"), stdout());
        assertEquals(List.of("mastodon", "bluesky"), listedPosts().get(0).get("platforms"));
    }

    @Test
    void aFileThatIsNotACalendarIsAUsageError() throws IOException {
        assertEquals(2, social("import", dir.resolve("missing.csv").toString()));
        assertTrue(stderr().contains("no such file"), stderr());
        assertEquals(2, social("import", write("c.csv", "text,platforms,when\n").toString()));
        assertTrue(stderr().contains("unknown column 'when'"), stderr());
        assertFalse(stderr().contains("Exception"), stderr());
    }

    @Test
    void listFollowsTheCursorsAcrossPagesAndPrintsATable() throws IOException {
        StringBuilder csv = new StringBuilder("text,platforms,at\n");
        for (int i = 0; i < 7; i++) {
            String at = Instant.now().plus(Duration.ofDays(10)).truncatedTo(ChronoUnit.MINUTES).plusSeconds(i)
                    .atOffset(ZoneOffset.ofHours(7)).toString();
            csv.append("Post ").append(i).append(",mastodon,").append(at).append('\n');
        }
        assertEquals(0, social("import", write("seven.csv", csv.toString()).toString()), stdout());

        assertEquals(0, social("list", "--json", "--page", "3"));
        List<String> lines = stdout().lines().toList();
        assertEquals(7, lines.size());
        assertEquals("Post 0", JsonRead.string(Json.parse(lines.get(0)), "text"));
        assertEquals("Post 6", JsonRead.string(Json.parse(lines.get(6)), "text"));

        assertEquals(0, social("list", "--page", "2", "--limit", "5", "--zone", "Asia/Ho_Chi_Minh", "--status", "queued"));
        List<String> table = stdout().lines().toList();
        assertEquals(6, table.size(), stdout());
        assertTrue(table.get(0).startsWith("ID") && table.get(0).contains("DUE (Asia/Ho_Chi_Minh)"), table.get(0));
        assertTrue(table.get(1).contains("QUEUED") && table.get(1).contains("mastodon") && table.get(1).endsWith("Post 0"), table.get(1));
    }

    @Test
    void aCalendarRowWithImagesIsQueuedWithThemAndShowListsThem() throws IOException {
        Path file = write("images.yaml", """
                - text: Our new shop
                  platforms: [bluesky, instagram]
                  at: %s
                  image_1: https://cdn.example.com/shop.jpg
                  alt_1: The shop's front, with a green awning
                  image_2: https://cdn.example.com/team.jpg
                  alt_2: Five of us behind the counter
                - text: A PNG for Instagram
                  platforms: [instagram]
                  at: %s
                  image_1: https://cdn.example.com/logo.png
                  alt_1: Our logo
                """.formatted(FUTURE, FUTURE));

        assertEquals(1, social("import", file.toString()), stderr());
        assertTrue(stdout().contains("line 8: instagram: image 1 is PNG (by its file name); instagram takes JPEG images"), stdout());
        String id = JsonRead.string(listedPosts().getFirst(), "id");
        assertEquals(0, social("show", id));

        assertTrue(stdout().contains("image 1    https://cdn.example.com/shop.jpg\n           alt: The shop's front, with a green awning"),
                stdout());
        assertTrue(stdout().contains("image 2    https://cdn.example.com/team.jpg\n           alt: Five of us behind the counter"),
                stdout());
    }

    @Test
    void showPrintsThePostAndItsDeliveries() throws IOException {
        String id = importOne();

        assertEquals(0, social("show", id));

        assertTrue(stdout().contains("post       " + id), stdout());
        assertTrue(stdout().contains("status     QUEUED"), stdout());
        assertTrue(stdout().contains("deliveries"), stdout());
        assertEquals(1, social("show", "01NOSUCHPOST0000000000000"));
        assertTrue(stderr().contains("no post 01NOSUCHPOST"), stderr());
    }

    @Test
    void cancelSaysWhatHappenedForAQueuedAMissingAndAPublishingPost() throws IOException {
        String queued = importOne();
        assertEquals(0, social("cancel", queued), stderr());
        assertTrue(stdout().contains("cancelled " + queued), stdout());
        assertEquals(0, social("cancel", queued), stderr());
        assertEquals("post " + queued + " was already cancelled; nothing changed", stdout().strip());

        assertEquals(1, social("cancel", "01NOSUCHPOST0000000000000"));
        assertEquals("social cancel: no post 01NOSUCHPOST0000000000000 (nothing cancelled)", stderr().strip());

        String publishing = importOne("Being published");
        DynamoPostStore store = new DynamoPostStore(Dynalite.shared().client(), table);
        assertEquals(0, social("show", publishing, "--json"));
        Instant due = Instant.parse(JsonRead.string(Json.parse(stdout().strip()), "dueAt"));
        assertTrue(store.claim(publishing, due, due.plusSeconds(180), "run-1").isPresent());
        assertEquals(1, social("cancel", publishing));
        assertTrue(stderr().contains("cannot be cancelled: publishing has already started"), stderr());
    }

    @Test
    void deliveriesConfirmAndResendRecordAPersonsDecisionAboutAnUncertainDelivery() throws IOException {
        DynamoPostStore store = new DynamoPostStore(Dynalite.shared().client(), table);
        String confirmed = uncertain(store, importOne("Maybe posted"));
        String missing = uncertain(store, importOne("Maybe not posted"));

        assertEquals(0, social("deliveries", "confirm", confirmed, "mastodon", "--post-url", "https://t.me/desk/7", "--note", "seen it"), stderr());
        assertTrue(stdout().startsWith("recorded: post " + confirmed + " is on mastodon at https://t.me/desk/7"), stdout());
        assertTrue(stdout().contains("decision  confirmed on the platform by "), stdout());
        assertTrue(stdout().strip().endsWith(": seen it"), stdout());
        assertEquals(0, social("deliveries", "resend", missing, "mastodon"), stderr());
        assertTrue(stdout().startsWith("recorded: post " + missing + " will be sent to mastodon again"), stdout());

        assertEquals(1, social("deliveries", "resend", confirmed, "mastodon"));
        assertTrue(stderr().contains("is PUBLISHED, not UNCERTAIN: nothing to decide"), stderr());
        assertEquals(2, social("deliveries", "undo", confirmed, "mastodon"));
        assertEquals(2, social("deliveries", "confirm", confirmed, "mastodon", "--post-url", "not-a-url"));
        assertTrue(stderr().contains("url must be an http(s) URL"), stderr());
        assertEquals(0, social("list", "--status", "UNCERTAIN"), stderr());
        assertFalse(stdout().contains(missing), stdout());
    }

    /** Leaves the post as a run does whose Mastodon send may have gone out unseen on a platform it cannot ask. */
    private static String uncertain(DynamoPostStore store, String id) {
        Instant due = store.find(id).orElseThrow().dueAt();
        socialdesk.core.post.Claim claim = store.claim(id, due, due.plusSeconds(180), "run-1").orElseThrow();
        store.recordDelivery(socialdesk.core.post.Delivery.pending(id, Platform.MASTODON).inDoubt(due).uncertain("cannot look"));
        store.release(claim, socialdesk.core.post.PostStatus.UNCERTAIN, null);
        return id;
    }

    @Test
    void flaggedShowsTheFlaggedCommentsOfTheTableWithTheirSuggestedReplies() throws IOException {
        String post = importOne();
        Dynalite dynalite = Dynalite.shared();
        DynamoEngagementStore engagement = new DynamoEngagementStore(dynalite.client(), table, Clock.systemUTC());
        engagement.putCommentOnce(new StoredComment(post, Platform.MASTODON, "r1", new Comment("c1", CommentKind.COMMENT,
                new Author("a1", "@upset"), "My order never arrived and nobody answers", "https://social.example/c1", Instant.now()),
                new CommentVerdict("CONCERN", "medium", true, "en", List.of("no response"), "REPLY_PUBLICLY",
                        "We're sorry, please send us a message with your order number."), false));
        engagement.putCommentOnce(new StoredComment(post, Platform.MASTODON, "r1", new Comment("c2", CommentKind.COMMENT,
                new Author("a2", "@fan"), "Love it", "https://social.example/c2", Instant.now()),
                new CommentVerdict("PRAISE", "none", false, "en", List.of(), null, null), false));
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(data.resolve("endpoints.json"), Json.write(Map.of("pid", ProcessHandle.current().pid(),
                "dynamodb", dynalite.endpoint().toString(), "tableName", table)));

        int status = social("flagged", "--data", data.toString());

        assertEquals(0, status, stderr());
        assertTrue(stdout().contains("CONCERN on mastodon from @upset"), stdout());
        assertTrue(stdout().contains("link:   https://social.example/c1"), stdout());
        assertTrue(stdout().contains("reply:  We're sorry, please send us a message with your order number."), stdout());
        assertFalse(stdout().contains("Love it"), stdout());
        assertTrue(stdout().contains("1 flagged comment"), stdout());
    }

    @Test
    void aLocalStackThatIsNotRunningIsOneClearLine() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path data = Files.createDirectories(dir.resolve("data"));
        String url = "http://127.0.0.1:" + port;
        Files.writeString(data.resolve("endpoints.json"), Json.write(Map.of("pid", ProcessHandle.current().pid(), "postsApi", url, "lambda", url)));
        out = new ByteArrayOutputStream();
        err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);

        assertEquals(1, SocialCli.run(new String[] {"list", "--data", data.toString()}, System.in, o, e));
        assertEquals("social list: no local stack at " + url + " — start it with ./social local", stderr().strip());
        err.reset();
        assertEquals(1, SocialCli.run(new String[] {"invoke", "PostsApiFunction", "--event", "events/posts-api-list.json",
                "--data", data.toString()}, System.in, o, e));
        assertEquals("social invoke: no local stack at " + url + " — start it with ./social local", stderr().strip());
        err.reset();
        assertEquals(1, SocialCli.run(new String[] {"flagged", "--data", dir.resolve("nothing").toString()}, System.in, o, e));
        assertTrue(stderr().contains("start it with ./social local"), stderr());
    }

    @Test
    void aStaleEndpointsFileOfAKilledStackIsNotTakenForARunningStack() throws IOException, InterruptedException {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path data = Files.createDirectories(dir.resolve("stale"));
        Files.writeString(data.resolve("endpoints.json"), Json.write(Map.of("pid", gone.pid(),
                "dynamodb", Dynalite.shared().endpoint().toString(), "tableName", "t", "postsApi", server.url())));

        assertEquals(1, social("flagged", "--data", data.toString()));
        assertEquals("social flagged: no local stack running on " + data + " — start it with ./social local", stderr().strip());
        assertEquals("http://127.0.0.1:4564", Target.parse(new ArrayList<>(List.of("--data", data.toString()))).postsApi().base().toString(),
                "the stale file's ports are not used");
    }

    @Test
    void invokeInEmulatorModeSaysWhyInsteadOfReachingADefaultPort() throws IOException {
        Path data = Files.createDirectories(dir.resolve("emulator"));
        Files.writeString(data.resolve("endpoints.json"), Json.write(Map.of("pid", ProcessHandle.current().pid(),
                "emulator", "http://127.0.0.1:4566", "postsApi", server.url())));

        out = new ByteArrayOutputStream();
        err = new ByteArrayOutputStream();

        assertEquals(1, SocialCli.run(new String[] {"invoke", "PostsApiFunction", "--event", "events/posts-api-list.json",
                "--data", data.toString()}, System.in, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertEquals("social invoke: the local stack on " + data + " has no lambda endpoint: it runs against the emulator at"
                + " http://127.0.0.1:4566, which serves it instead", stderr().strip());
    }

    @Test
    void withoutEndpointsFileTheDefaultPortIsTheOneInTheMessage() {
        List<String> args = new ArrayList<>(List.of("--data", dir.resolve("empty").toString()));
        PostsApi api = Target.parse(args).postsApi();

        assertEquals("http://127.0.0.1:4564", api.base().toString());
        assertEquals("no local stack at http://127.0.0.1:4564 — start it with ./social local", Target.notRunning(api.base().toString()));
    }

    private String importOne() throws IOException {
        return importOne("Just one");
    }

    private String importOne(String text) throws IOException {
        assertEquals(0, social("import", write("one-" + text.hashCode() + ".csv", "text,platforms,at\n" + text + ",mastodon," + FUTURE + "\n").toString()), stdout());
        return stdout().lines().filter(l -> l.contains("queued ")).findFirst().orElseThrow().replaceAll(".*queued (\\S+) due.*", "$1");
    }
}
