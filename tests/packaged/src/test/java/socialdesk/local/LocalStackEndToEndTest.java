package socialdesk.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import socialdesk.aws.AwsCallBudget;
import socialdesk.aws.AwsClients;
import socialdesk.aws.dynamo.DynamoEngagementStore;
import socialdesk.aws.dynamo.DynamoPostStore;
import socialdesk.aws.dynamo.DynamoReplyStore;
import socialdesk.core.reply.CommentState;
import socialdesk.aws.events.EventBridgePublisher;
import socialdesk.aws.secrets.ParameterStoreCredentials;
import socialdesk.core.events.DomainEvent;
import socialdesk.core.json.Json;
import socialdesk.core.json.JsonRead;
import socialdesk.core.metrics.DeskMetrics;
import socialdesk.core.post.Platform;
import socialdesk.core.post.PostStatus;
import socialdesk.template.Template;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The local stack end to end, with real child JVMs, dynalite and loopback servers: start fresh on
 * free ports; the demo posts published to the sandbox's Mastodon and Facebook Page and recorded; the
 * posts API listing them on its function URL; the bus routing an event to the notification topic
 * with the template's input transformer; the signed demo comments matched to the first post through
 * the Facebook remote index, stored, triaged and flagged, with a suggested reply on the notification
 * topic (praise never) and the high-severity one on the urgent topic; the concern answered with
 * {@code ./social reply --accept} (the packaged command line), once, under that comment on the
 * sandbox; then a clean stop with no child process left. Needs the function jars
 * (functions/{name}/target/function.jar, built before this module in the reactor) and Node.js.
 */
class LocalStackEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path data;

    @Test
    void demoFlowRunsAndStopsCleanly() throws Exception {
        Path root = Template.ROOT;
        for (Template.Function f : Template.load().functions()) {
            assertTrue(Files.isRegularFile(f.moduleDir().resolve("target/function.jar")),
                    "build the function jars first: mvn -B -DskipTests -pl " + f.modulePath() + " -am package");
        }
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8);
        LocalDesk.Options options = new LocalDesk.Options(root, data, true, true, 0, Duration.ofSeconds(2),
                Duration.ofSeconds(2), null, out, LocalDesk.Options.DEFAULT_JVM_OPTIONS);
        HttpClient http = HttpClient.newHttpClient();
        LocalDesk stack = LocalDesk.start(options);
        List<Long> children;
        try {
            children = stack.childPids();
            AwsClients aws = clients(stack.awsEndpoint());
            String banner = console.toString(StandardCharsets.UTF_8);
            assertTrue(banner.contains("social-desk is running locally"), banner);
            assertTrue(banner.contains(data.resolve("notifications.jsonl").toString()), banner);
            // One region everywhere: the functions' environment and what the command line reads.
            assertEquals(stack.identity().region(), stack.spec("posts-api").environment().get("AWS_REGION"));
            assertEquals(stack.identity().region(), JsonRead.string(Json.parse(Files.readString(data.resolve("endpoints.json"))), "region"));

            // Credentials as the functions read them, a path at a time: an unconfigured platform is absent.
            ParameterStoreCredentials platforms = new ParameterStoreCredentials(aws.ssm(), "/social-desk/platforms", DeskMetrics.NONE);
            assertEquals(Optional.empty(), platforms.find("/social-desk/platforms/bluesky"));
            assertTrue(platforms.find("/social-desk/platforms/mastodon").orElseThrow().contains(stack.sandbox().url()));
            assertTrue(platforms.find("/social-desk/platforms/facebook").orElseThrow().contains("\"pageId\""));
            ParameterStoreCredentials webhooks = new ParameterStoreCredentials(aws.ssm(), "/social-desk/webhooks", DeskMetrics.NONE);
            assertTrue(webhooks.find("/social-desk/webhooks/meta").orElseThrow().contains("appSecret"));

            // Posted: the demo posts reach the sandbox on both platforms, get a URL, and the store says PUBLISHED.
            await("3 demo posts on the sandbox's Mastodon and 3 on its Facebook Page",
                    () -> stack.sandbox().posts("mastodon").size() >= 3 && stack.sandbox().posts("facebook").size() >= 3, console);
            SandboxPlatform.SandboxPost first = stack.sandbox().posts("mastodon").getFirst();
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(first.url())).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertTrue(Files.readString(data.resolve("sandbox-posts.jsonl")).contains(first.id()));
            SandboxPlatform.SandboxPost firstOnFacebook = stack.sandbox().posts("facebook").stream()
                    .filter(p -> p.text().startsWith("Welcome to the social desk")).findFirst().orElseThrow();
            assertTrue(firstOnFacebook.id().startsWith(Demo.META_PAGE_ID + "_"), firstOnFacebook.id());
            DynamoDbClient dynamo = clients(stack.dynamoEndpoint()).dynamoDb();
            DynamoPostStore store = new DynamoPostStore(dynamo, stack.tableName());
            for (String id : List.of("demo-1", "demo-2", "demo-3")) {
                await(id + " PUBLISHED", () -> store.find(id).map(p -> p.status() == PostStatus.PUBLISHED).orElse(false), console);
            }
            // The Facebook remote id maps back to the post: that is how the webhook matches comments.
            assertEquals(Optional.of("demo-1"), new DynamoEngagementStore(dynamo, stack.tableName())
                    .findPostId(Platform.FACEBOOK, firstOnFacebook.id()));

            // The posts API answers on its function URL (no SigV4 locally) and lists the demo posts.
            String postsApi = stack.functionUrl("posts-api");
            assertNotNull(postsApi, "posts-api has a function URL");
            HttpResponse<String> listing = http.send(HttpRequest.newBuilder(URI.create(postsApi + "/posts")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, listing.statusCode(), listing.body());
            for (String id : List.of("demo-1", "demo-2", "demo-3")) {
                assertTrue(listing.body().contains("\"" + id + "\""), listing.body());
            }

            // Images: a post with two images, queued through the posts API, reaches the sandbox's Page as one post with both photos.
            HttpResponse<String> withImages = http.send(HttpRequest.newBuilder(URI.create(postsApi + "/posts"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("text", "Two photos from the local stack",
                            "platforms", List.of("facebook"), "at", stack.clock().instant().toString(),
                            "images", List.of(Map.of("url", "https://cdn.example.com/shop.jpg", "alt", "The shop's front"),
                                    Map.of("url", "https://cdn.example.com/team.jpg", "alt", "The team at the counter"))))))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(201, withImages.statusCode(), withImages.body());
            await("the post with two images on the sandbox's Page", () -> stack.sandbox().posts("facebook").stream()
                    .anyMatch(p -> p.text().startsWith("Two photos from the local stack") && p.images().size() == 2), console);

            // Uploads: POST /media, the bytes PUT to the presigned URL (the local bucket under data/media), then a post naming
            // the upload: the Page is given a presigned GET of it, Mastodon the bytes read from the bucket.
            byte[] jpeg = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 16, 'J', 'F', 'I', 'F', 0};
            HttpResponse<String> offer = http.send(HttpRequest.newBuilder(URI.create(postsApi + "/media"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("contentType", "image/jpeg", "bytes", jpeg.length))))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(201, offer.statusCode(), offer.body());
            Map<String, Object> upload = Json.parseObject(offer.body());
            HttpResponse<Void> put = http.send(HttpRequest.newBuilder(URI.create((String) upload.get("uploadUrl")))
                    .header("Content-Type", "image/jpeg").PUT(HttpRequest.BodyPublishers.ofByteArray(jpeg)).build(),
                    HttpResponse.BodyHandlers.discarding());
            assertEquals(200, put.statusCode());
            String reference = (String) upload.get("url");
            assertTrue(Files.isRegularFile(data.resolve("media").resolve(reference.substring("media://".length()))), reference);
            HttpResponse<String> uploaded = http.send(HttpRequest.newBuilder(URI.create(postsApi + "/posts"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("text", "An uploaded photo",
                            "platforms", List.of("facebook", "mastodon"), "at", stack.clock().instant().toString(),
                            "images", List.of(Map.of("url", reference, "alt", "The shop's sign"))))))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(201, uploaded.statusCode(), uploaded.body());
            await("the uploaded photo on the sandbox's Page and on its Mastodon", () ->
                    stack.sandbox().posts("facebook").stream().anyMatch(p -> p.text().startsWith("An uploaded photo") && p.images().size() == 1)
                    && stack.sandbox().posts("mastodon").stream().anyMatch(p -> p.text().startsWith("An uploaded photo") && p.images().size() == 1),
                    console);
            String pageImage = stack.sandbox().posts("facebook").stream().filter(p -> p.text().startsWith("An uploaded photo"))
                    .findFirst().orElseThrow().images().getFirst().url();
            assertTrue(pageImage.contains("/uploads/") && pageImage.contains("X-Amz-Expires=3600"), pageImage);
            HttpResponse<byte[]> followed = http.send(HttpRequest.newBuilder(URI.create(pageImage)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertArrayEquals(jpeg, followed.body(), "the Page's link serves the upload");
            assertTrue(stack.sandbox().posts("mastodon").stream().filter(p -> p.text().startsWith("An uploaded photo")).findFirst()
                    .orElseThrow().images().getFirst().url().contains("image/jpeg, " + jpeg.length + " bytes"));

            // Routed: an event put on the bus the way the functions put it reaches the topic through the template's rule.
            new EventBridgePublisher(aws.eventBridge(), LocalDesk.STACK + "-bus").publish(List.of(DomainEvent.of("social.publishing", "PostFailed", "p-e2e",
                    Map.of("postId", "p-e2e", "status", "FAILED", "dueAt", "2026-01-01T09:00:00Z", "excerpt", "hello",
                            "failures", List.of(Map.of("platform", "mastodon", "attempts", 2, "reason", "422 refused"))))));
            Path notifications = data.resolve("notifications.jsonl");
            await("PostFailed notification", () -> messages(notifications, "NotificationTopic").stream()
                    .anyMatch(m -> m.contains("Post p-e2e (due 2026-01-01T09:00:00Z) ended FAILED: mastodon failed after 2 attempt(s): 422 refused")), console);

            // Commented, matched, triaged, flagged, notified: the signed demo comments on the first Facebook post.
            await("the demo's concern, abuse and Vietnamese comments notified", () -> {
                List<String> notified = messages(notifications, "NotificationTopic");
                return notified.stream().anyMatch(m -> m.contains("from Minh Tran"))
                        && notified.stream().anyMatch(m -> m.contains("from Troll Account"))
                        && notified.stream().anyMatch(m -> m.contains("from Nguyễn Văn An"));
            }, console);
            await("4 comments stored on demo-1", () -> comments(dynamo, stack.tableName(), "demo-1").size() == 4, console);
            List<String> notified = messages(notifications, "NotificationTopic");
            String concern = notified.stream().filter(m -> m.contains("from Minh Tran")).findFirst().orElseThrow();
            assertTrue(concern.contains(" on facebook from Minh Tran: I was charged twice"), concern);
            assertTrue(concern.contains("Link: https://www.facebook.com/"), concern);
            assertTrue(concern.matches("(?s).*Suggested calm reply \\(never sent automatically\\): \\S.*"), "a suggested reply: " + concern);
            String vietnamese = notified.stream().filter(m -> m.contains("from Nguyễn Văn An")).findFirst().orElseThrow();
            assertTrue(vietnamese.matches("(?s).*Suggested calm reply \\(never sent automatically\\): \\S.*"), "a suggested reply: " + vietnamese);
            String abuse = notified.stream().filter(m -> m.contains("from Troll Account")).findFirst().orElseThrow();
            assertTrue(abuse.contains("HIDE_OR_REPORT") || abuse.contains("ESCALATE"), abuse);
            assertFalse(notified.stream().anyMatch(m -> m.contains("from Lena Park")), "praise pages nobody: " + notified);
            // High severity also reaches the urgent topic, with the same comment.
            List<String> highs = notified.stream().filter(m -> m.startsWith("[high]")).toList();
            assertFalse(highs.isEmpty(), "the demo has a high-severity comment: " + notified);
            await("the high-severity comment on the urgent topic", () -> messages(notifications, "UrgentTopic").stream()
                    .anyMatch(m -> m.startsWith("URGENT ") && m.contains(" on facebook from ")), console);
            String concernId = Demo.commentId(firstOnFacebook.id(), 0);
            assertTrue(concern.contains("Next step: ./social reply facebook '" + concernId + "' --accept"), concern);

            // Answered: ./social reply --accept, as a person runs it, posts the suggestion once under that very comment.
            DynamoReplyStore replies = new DynamoReplyStore(dynamo, stack.tableName());
            await("the concern reachable by its id", () -> replies.findComment(Platform.FACEBOOK, concernId).isPresent(), console);
            String suggestion = replies.findComment(Platform.FACEBOOK, concernId).orElseThrow().stored().verdict().suggestedReply();
            String answered = social(data, "reply", "facebook", concernId, "--accept", "--yes");
            assertTrue(answered.contains("answered on facebook: "), answered);
            assertTrue(answered.contains(suggestion), "the suggestion is shown before it is sent: " + answered);
            SandboxPlatform.SandboxComment thread = stack.sandbox().comment(concernId);
            assertEquals(List.of(suggestion), thread.replies().stream().map(SandboxPlatform.SandboxReply::text).toList());
            assertTrue(stack.sandbox().comment(Demo.commentId(firstOnFacebook.id(), 3)).replies().isEmpty(), "the other comments are untouched");
            String again = social(data, "reply", "facebook", concernId, "--accept", "--yes");
            assertTrue(again.contains("already answered (nothing posted again)"), again);
            assertEquals(1, stack.sandbox().comment(concernId).replies().size());
            assertEquals(CommentState.ANSWERED, replies.findComment(Platform.FACEBOOK, concernId).orElseThrow().state());
            String postPage = http.send(HttpRequest.newBuilder(URI.create(firstOnFacebook.url())).build(), HttpResponse.BodyHandlers.ofString()).body();
            int commentAt = postPage.indexOf("id=\"comment-" + concernId + "\"");
            int replyAt = postPage.indexOf(suggestion.substring(0, Math.min(30, suggestion.length())).replace("&", "&amp;").replace("\"", "&quot;"), commentAt);
            int nextComment = postPage.indexOf("class=\"comment\"", commentAt + 1);
            assertTrue(commentAt > 0 && replyAt > commentAt && (nextComment < 0 || replyAt < nextComment),
                    "the reply is shown under its comment on the sandbox's page: " + postPage);

            String text = console.toString(StandardCharsets.UTF_8);
            assertTrue(text.contains("[notification NotificationTopic] [") && text.contains("[notification UrgentTopic] URGENT "), text);
            assertFalse(text.contains("SLF4J:"), "no function prints SLF4J's missing-binding warning: " + text);
        } finally {
            stack.close();
        }
        for (long pid : children) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "child " + pid + " still running");
        }
        List<String> left = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList();
        assertTrue(left.isEmpty(), "no child process left: " + left);
    }

    /** Runs the packaged command line against the stack in {@code data}; answers what it printed (it must succeed). */
    private static String social(Path data, String... args) throws Exception {
        Path jar = Template.ROOT.resolve("cli/target/social-cli.jar");
        assertTrue(Files.isRegularFile(jar), "no " + jar + ": package the cli first");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dproject.root=" + Template.ROOT, "-jar", jar.toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("--data", data.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(90, java.util.concurrent.TimeUnit.SECONDS), "social " + String.join(" ", args) + " did not end");
        assertEquals(0, process.exitValue(), "social " + String.join(" ", args) + ":\n" + output);
        return output;
    }

    /** The messages one topic received, from the notifications file. */
    private static List<String> messages(Path file, String topic) {
        List<String> out = new ArrayList<>();
        for (String line : read(file).split("\n")) {
            if (!line.isBlank()) {
                Object json = Json.parse(line);
                if (topic.equals(JsonRead.string(json, "topic"))) {
                    out.add(LocalTopic.readable(JsonRead.string(json, "message")));
                }
            }
        }
        return out;
    }

    /**
     * Clients as a function in the stack has them, at one of its endpoints: DynamoDB is dynalite,
     * PutEvents and GetSecretValue go to the in-process endpoint; neither checks signatures, so a
     * dummy key signs.
     */
    private static AwsClients clients(String endpoint) {
        return AwsClients.of(Map.of("AWS_REGION", LocalIdentity.DEFAULT_REGION), new AwsCallBudget(Duration.ofSeconds(30), 1), URI.create(endpoint),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")), List.of());
    }

    private static List<Map<String, AttributeValue>> comments(DynamoDbClient dynamo, String table, String postId) {
        return dynamo.query(b -> b.tableName(table).keyConditionExpression("PK = :pk AND begins_with(SK, :sk)")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("POST#" + postId), ":sk", AttributeValue.fromS("COMMENT#facebook#"))))
                .items();
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static void await(String what, BooleanSupplier condition, ByteArrayOutputStream console) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out waiting for " + what + "; console:\n" + console.toString(StandardCharsets.UTF_8));
    }
}
