package socialdesk.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import socialdesk.aws.dynamo.DynamoPostStore;
import socialdesk.core.json.Json;
import socialdesk.core.json.JsonRead;
import socialdesk.core.platform.MastodonRules;
import socialdesk.core.post.Platform;
import socialdesk.core.post.PostDraft;
import socialdesk.core.post.PostQueue;
import socialdesk.local.template.Template;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The first-start demo: a few posts queued (with {@link PostQueue}, as the posts API will) due
 * shortly; once the sandbox has received them, signed webhook comments (a concern, abuse, praise,
 * one in Vietnamese) arrive at the webhook function's URL, so the whole path shows on the console:
 * posted, comment stored and triaged, CommentFlagged on the bus, a notification with a suggested reply.
 */
final class Demo implements AutoCloseable {
    static final String META_PAGE_ID = "104857283947";
    static final String META_VERIFY_TOKEN = "social-desk-local";

    private static final List<String> POSTS = List.of(
            "Welcome to the social desk: this post was queued, published on time by publish-due-posts and recorded.",
            "Spring opening hours: we are open 8:00-20:00 every day from next Monday. Questions? Ask below.",
            "Chào mừng! Cửa hàng mới của chúng tôi tại Quận 1 khai trương vào thứ Bảy này.");

    /** Demo comments: who, what, in which language. */
    private static final List<String[]> COMMENTS = List.of(
            new String[] {"Minh Tran", "I was charged twice for my order #4411 and support has not answered in a week. Please fix this."},
            new String[] {"Troll Account", "You are all idiots and this company is a scam, shut it down you morons"},
            new String[] {"Lena Park", "Love the new opening hours, thank you so much! Great team."},
            new String[] {"Nguyễn Văn An", "Tôi đã đặt hàng hai tuần rồi mà vẫn chưa nhận được, không ai trả lời email. Rất thất vọng."});

    private final LocalStack stack;
    private final Duration delay;
    private final Set<String> demoPosts = ConcurrentHashMap.newKeySet();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private volatile boolean closed;
    private Instant dueAt;

    Demo(LocalStack stack, Duration delay) {
        this.stack = stack;
        this.delay = delay;
    }

    /** The secret name a template parameter {@code <Platform>SecretArn} stands for. */
    static String secretName(String parameter) {
        // MetaWebhookSecretArn -> social-desk/meta: the names the demo and the secrets file use.
        String base = parameter.substring(0, parameter.length() - "SecretArn".length()).toLowerCase(Locale.ROOT);
        return LocalSecrets.PREFIX + (base.endsWith("webhook") ? base.substring(0, base.length() - "webhook".length()) : base);
    }

    /** The secrets file of a first start: the sandbox for Mastodon, demo webhook secrets, nothing else. */
    static Map<String, Object> defaultSecrets(Template template) {
        Map<String, Object> secrets = new LinkedHashMap<>();
        // The publisher reads its platform secrets by prefix (PLATFORM_SECRETS_PREFIX), not by parameter.
        Object prefix = Template.map(Template.map(template.document.get("Parameters")).get("PlatformSecretsPrefix")).get("Default");
        secrets.put((prefix == null ? LocalSecrets.PREFIX : String.valueOf(prefix)) + "mastodon", Map.of("instanceUrl", LocalSecrets.SANDBOX_PLACEHOLDER, "accessToken", "sandbox"));
        Template.map(template.document.get("Parameters")).keySet().stream().filter(p -> p.endsWith("SecretArn")).forEach(p -> {
            String name = secretName(p);
            secrets.put(name, switch (name) {
                case LocalSecrets.PREFIX + "mastodon" -> Map.of("instanceUrl", LocalSecrets.SANDBOX_PLACEHOLDER, "accessToken", "sandbox");
                case LocalSecrets.PREFIX + "meta" -> Map.of("appSecret", randomHex(), "verifyToken", META_VERIFY_TOKEN);
                case LocalSecrets.PREFIX + "x" -> Map.of("consumerSecret", randomHex());
                case LocalSecrets.PREFIX + "linkedin" -> Map.of("clientSecret", randomHex());
                default -> null;
            });
        });
        return secrets;
    }

    /** Queues the demo posts; answers whether it did (Mastodon must be configured). */
    boolean seed() {
        if (stack.secrets().names().stream().noneMatch(n -> n.endsWith("/mastodon") && stack.secrets().configured(n))) {
            return false;
        }
        dueAt = stack.clock().instant().plus(delay).truncatedTo(ChronoUnit.SECONDS);
        stack.sandbox().onPost(post -> {
            if (demoPosts.remove(post.text())) {
                Thread.ofVirtual().start(() -> comment(post));
            }
        });
        try (DynamoDbClient dynamo = stack.dynamo()) {
            PostQueue queue = new PostQueue(new DynamoPostStore(dynamo, stack.tableName()),
                    Map.of(Platform.MASTODON, new MastodonRules()), stack.clock());
            for (int i = 0; i < POSTS.size(); i++) {
                demoPosts.add(POSTS.get(i));
                queue.enqueue(new PostDraft("demo-" + (i + 1), POSTS.get(i), null, List.of("mastodon"),
                        dueAt.plusSeconds(i).toString()));
            }
        }
        return true;
    }

    String describe() {
        return POSTS.size() + " posts due at " + dueAt + " (sandbox); then " + COMMENTS.size()
                + " signed webhook comments on the first one";
    }

    /** After the first demo post went out, its comments arrive at the webhook. */
    private void comment(SandboxPlatform.SandboxPost post) {
        if (!post.text().equals(POSTS.get(0))) {
            return;
        }
        String webhook = stack.functionUrl("platform-webhook");
        if (webhook == null) {
            stack.console().line("demo", "no platform-webhook function URL in template.yaml: no demo comments");
            return;
        }
        String appSecret = stack.secrets().secretString(LocalSecrets.PREFIX + "meta")
                .map(s -> JsonRead.string(Json.parse(s), "appSecret")).orElse(null);
        if (appSecret == null) {
            stack.console().line("demo", "no meta secret in " + stack.secrets().file() + ": no demo comments");
            return;
        }
        try {
            // Let the publisher record the delivery and the remote index first.
            Thread.sleep(2_000);
            for (int i = 0; i < COMMENTS.size() && !closed; i++) {
                String body = metaComment(post.id(), i);
                HttpRequest request = HttpRequest.newBuilder(URI.create(webhook + "/webhooks/meta"))
                        .header("Content-Type", "application/json")
                        .header("X-Hub-Signature-256", "sha256=" + hmac(appSecret, body))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                stack.console().line("demo", "comment by " + COMMENTS.get(i)[0] + " -> webhook " + response.statusCode());
                Thread.sleep(300);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            stack.console().line("demo", "could not send the demo comments: " + e.getMessage());
        }
    }

    /** A Facebook Page feed comment delivery, as Meta sends it. */
    static String metaComment(String remotePostId, int index) {
        long now = Instant.now().getEpochSecond();
        String postId = META_PAGE_ID + "_" + remotePostId;
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("from", Map.of("id", "55500011122" + index, "name", COMMENTS.get(index)[0]));
        value.put("post", Map.of("id", postId, "status_type", "mobile_status_update", "is_published", true));
        value.put("message", COMMENTS.get(index)[1]);
        value.put("post_id", postId);
        value.put("comment_id", remotePostId + "_" + (9000 + index));
        value.put("created_time", now);
        value.put("item", "comment");
        value.put("parent_id", postId);
        value.put("verb", "add");
        Map<String, Object> change = Map.of("field", "feed", "value", value);
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", META_PAGE_ID);
        entry.put("time", now);
        entry.put("changes", List.of(change));
        return Json.write(Map.of("object", "page", "entry", List.of(entry)));
    }

    static String hmac(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String randomHex() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public void close() {
        closed = true;
    }
}
