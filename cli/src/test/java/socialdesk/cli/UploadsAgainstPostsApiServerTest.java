package socialdesk.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import socialdesk.aws.AwsCallBudget;
import socialdesk.aws.AwsClients;
import socialdesk.aws.testing.Dynalite;
import socialdesk.local.FunctionUrlServer;
import socialdesk.local.LocalAwsEndpoint;
import socialdesk.local.LocalSecrets;
import socialdesk.postsapi.PostsApiForTests;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Image files from the CLI, end to end: the REAL posts API (its handler behind a loopback function
 * URL, its table in dynalite) signs the upload, the file goes by {@code PUT} to the local stack's
 * media bucket, and the post is queued with the {@code media://} reference the API then checks.
 */
class UploadsAgainstPostsApiServerTest {
    private static final String FUTURE = Instant.now().plus(Duration.ofDays(10)).truncatedTo(ChronoUnit.SECONDS)
            .atOffset(ZoneOffset.ofHours(7)).toString();
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    private static final Pattern REFERENCE = Pattern.compile("media://(uploads/[0-9a-f-]{36}\\.png)");

    @TempDir
    Path dir;
    private final List<AutoCloseable> running = new ArrayList<>();
    private FunctionUrlServer api;
    private ByteArrayOutputStream out;
    private ByteArrayOutputStream err;

    /** The posts API with the local media bucket under {@code dir/media}, or with none when {@code withBucket} is false. */
    private void startPostsApi(boolean withBucket) {
        Dynalite dynalite = Dynalite.shared();
        String table = dynalite.createTable();
        PostsApiForTests handler;
        if (withBucket) {
            LocalAwsEndpoint aws = new LocalAwsEndpoint(0, Map.of(), new LocalSecrets(dir.resolve("secrets.json"), "http://127.0.0.1:1"));
            running.add(aws);
            aws.serveMediaBucket("desk-media", dir.resolve("media"), Clock.systemUTC(), AwsBasicCredentials.create("local", "local"));
            AwsClients clients = AwsClients.of(Map.of("AWS_REGION", "us-east-1"), new AwsCallBudget(Duration.ofSeconds(10), 1),
                    URI.create(aws.url()), StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")), List.of());
            handler = new PostsApiForTests(dynalite.client(), table, Clock.systemUTC(), clients.mediaBucket("desk-media", Clock.systemUTC()));
        } else {
            handler = new PostsApiForTests(dynalite.client(), table, Clock.systemUTC());
        }
        api = new FunctionUrlServer("posts-api", 0, handler::invoke);
        running.add(api);
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : running.reversed()) {
            c.close();
        }
    }

    private int social(String... args) {
        out = new ByteArrayOutputStream();
        err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--url");
        all.add(api.url());
        return SocialCli.run(all.toArray(String[]::new), new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aCalendarRowWithAnImageFileIsUploadedAndQueuedWithItsReference() throws Exception {
        startPostsApi(true);
        Files.createDirectories(dir.resolve("photos"));
        Files.write(dir.resolve("photos/shop.png"), PNG);
        Path calendar = dir.resolve("calendar.csv");
        Files.writeString(calendar, "text,platforms,at,image_1,alt_1\n"
                + "Opening day,mastodon;bluesky," + FUTURE + ",photos/shop.png,The shop front with its new sign\n");

        assertEquals(0, social("import", calendar.toString()), err.toString(StandardCharsets.UTF_8));
        String id = stdout().lines().filter(l -> l.contains("queued ")).findFirst().orElseThrow().replaceAll(".*queued (\\S+) .*", "$1");

        assertEquals(0, social("show", id));
        Matcher reference = REFERENCE.matcher(stdout());
        assertTrue(reference.find(), stdout());
        assertTrue(stdout().contains("alt: The shop front with its new sign"), stdout());
        assertArrayEquals(PNG, Files.readAllBytes(dir.resolve("media").resolve(reference.group(1))), "the bytes are in the bucket");

        assertEquals(0, social("import", calendar.toString()));
        assertTrue(stdout().contains("0 queued, 1 already queued"), "importing again adds nothing: " + stdout());
    }

    @Test
    void uploadPrintsAReferenceThePostsApiTakes() throws Exception {
        startPostsApi(true);
        Path png = Files.write(dir.resolve("a.png"), PNG);

        assertEquals(0, social("upload", png.toString()));
        Matcher reference = REFERENCE.matcher(stdout());
        assertTrue(reference.find(), stdout());
        assertTrue(stdout().strip().endsWith(png.toString()), stdout());
        assertArrayEquals(PNG, Files.readAllBytes(dir.resolve("media").resolve(reference.group(1))));
    }

    @Test
    void aFileThatIsNoImageUploadsNothingAndSaysWhich() throws Exception {
        startPostsApi(true);
        Path png = Files.write(dir.resolve("a.png"), PNG);
        Path text = Files.writeString(dir.resolve("b.png"), "hello");

        assertEquals(SocialCli.USAGE, social("upload", png.toString(), text.toString()));
        assertEquals("", stdout());
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("file '" + text + "' is not a JPEG, PNG, GIF or WebP image (nothing was uploaded)"),
                err.toString(StandardCharsets.UTF_8));
        assertFalse(Files.exists(dir.resolve("media/uploads")), "nothing reached the bucket");
    }

    @Test
    void aDeskWithoutAMediaBucketRejectsTheRowWithAnImageFileAndQueuesTheOthers() throws Exception {
        startPostsApi(false);
        Files.write(dir.resolve("shop.png"), PNG);
        Path calendar = dir.resolve("calendar.csv");
        Files.writeString(calendar, "text,platforms,at,image_1,alt_1\n"
                + "With a file,mastodon," + FUTURE + ",shop.png,The shop\n"
                + "By URL,mastodon," + FUTURE + ",https://cdn.example.com/a.png,The sign\n");

        assertEquals(1, social("import", calendar.toString()));
        assertTrue(stdout().contains("2 rows — 1 queued, 0 already queued, 1 rejected"), stdout());
        assertTrue(stdout().contains("line 2: shop.png was not taken: this desk has no media bucket: give images by http(s) URL"), stdout());
        assertTrue(stdout().contains("line 3: queued "), stdout());
    }
}
