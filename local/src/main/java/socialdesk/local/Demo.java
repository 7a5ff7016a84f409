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
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import socialdesk.aws.dynamo.DynamoEngagementStore;
import socialdesk.aws.dynamo.DynamoPostStore;
import socialdesk.core.json.Json;
import socialdesk.core.json.JsonRead;
import socialdesk.core.platform.PlatformRules;
import socialdesk.core.post.Platform;
import socialdesk.core.post.PostDraft;
import socialdesk.core.post.PostQueue;
import socialdesk.template.Template;

/**
 * The first-start demo: a few posts queued (with {@link PostQueue}, as the posts API does) due
 * shortly, for Mastodon and Facebook, both served by the sandbox; once the first one is on the
 * sandbox's Facebook Page and recorded, signed Meta webhook comments on it (a concern, abuse,
 * praise, one in Vietnamese) arrive at the webhook function's URL, so the whole path shows on the
 * console: posted, comment matched to the post, stored and triaged, CommentFlagged on the bus, a
 * notification with a suggested reply (and the urgent topic for high severity).
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

    private final LocalDesk stack;
    private final Duration delay;
    private final java.util.concurrent.atomic.AtomicBoolean commented = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile List<String> targets = List.of();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private volatile boolean closed;
    private Instant dueAt;
    /** The Meta webhook's signing-secret parameter, known once {@link #seed} has read the template. */
    private volatile String metaWebhookParameter;

    Demo(LocalDesk stack, Duration delay) {
        this.stack = stack;
        this.delay = delay;
    }

    /** The template parameter naming the credentials' path, and its default when the template has none. */
    static final String CREDENTIALS_PARAMETER = "CredentialsPath";
    static final String DEFAULT_CREDENTIALS_PATH = "/social-desk";
    /** The webhooks whose signing secrets the desk reads: the leaf names under {@code <path>/webhooks}. */
    static final List<String> WEBHOOKS = List.of("meta", "x", "linkedin");

    /** The credentials' path: the default of the template's {@code CredentialsPath}. */
    static String credentialsPath(Template template) {
        Object definition = Template.map(template.document.get("Parameters")).get(CREDENTIALS_PARAMETER);
        Object fallback = Template.map(definition).get("Default");
        return fallback == null ? DEFAULT_CREDENTIALS_PATH : String.valueOf(fallback);
    }

    /** The parameter of a platform's credentials: {@code <path>/platforms/<platform>}. */
    static String platformParameter(Template template, Platform platform) {
        return credentialsPath(template) + "/platforms/" + platform.id();
    }

    /** The parameter of a webhook's signing secret: {@code <path>/webhooks/<webhook>}. */
    static String webhookParameter(Template template, String webhook) {
        return credentialsPath(template) + "/webhooks/" + webhook;
    }

    /**
     * The parameters file of a first start: one entry per platform, the sandbox for Mastodon,
     * Facebook and Telegram and {@code null} (not configured) for the others, and one per webhook
     * with a demo signing secret.
     */
    static Map<String, Object> defaultSecrets(Template template) {
        Map<String, Object> secrets = new LinkedHashMap<>();
        for (Platform platform : Platform.values()) {
            secrets.put(platformParameter(template, platform), switch (platform) {
                case MASTODON -> Map.of("instanceUrl", LocalSecrets.SANDBOX_PLACEHOLDER, "accessToken", "sandbox");
                case FACEBOOK -> Map.of("pageId", META_PAGE_ID, "pageAccessToken", "sandbox", "graphUrl", LocalSecrets.SANDBOX_PLACEHOLDER);
                case TELEGRAM -> Map.of("botToken", "1000000001:sandbox-bot-token-0000000000", "chatId",
                        Long.toString(SandboxPlatform.TELEGRAM_CHAT_ID), "apiUrl", LocalSecrets.SANDBOX_PLACEHOLDER);
                default -> null;
            });
        }
        for (String webhook : WEBHOOKS) {
            secrets.put(webhookParameter(template, webhook), switch (webhook) {
                case "meta" -> Map.of("appSecret", randomHex(), "verifyToken", META_VERIFY_TOKEN);
                case "x" -> Map.of("consumerSecret", randomHex());
                default -> Map.of("clientSecret", randomHex());
            });
        }
        return secrets;
    }

    /**
     * Queues the demo posts for the sandbox platforms that are configured (Mastodon, Facebook);
     * answers whether it did.
     */
    boolean seed(Template template) {
        metaWebhookParameter = webhookParameter(template, "meta");
        targets = Stream.of(Platform.MASTODON, Platform.FACEBOOK).filter(p -> stack.secrets().configured(platformParameter(template, p)))
                .map(Platform::id).toList();
        if (targets.isEmpty()) {
            return false;
        }
        dueAt = stack.clock().instant().plus(delay).truncatedTo(ChronoUnit.SECONDS);
        stack.sandbox().onPost(post -> {
            if (post.platform().equals(Platform.FACEBOOK.id()) && post.text().equals(POSTS.get(0)) && commented.compareAndSet(false, true)) {
                Thread.ofVirtual().start(() -> comment(post));
            }
        });
        PostQueue queue = new PostQueue(new DynamoPostStore(stack.dynamo(), stack.tableName()), PlatformRules.standard(), stack.clock());
        for (int i = 0; i < POSTS.size(); i++) {
            queue.enqueue(new PostDraft("demo-" + (i + 1), POSTS.get(i), null, targets, dueAt.plusSeconds(i).toString()));
        }
        return true;
    }

    String describe() {
        return POSTS.size() + " posts due at " + dueAt + " to " + String.join(" and ", targets) + " (sandbox)"
                + (targets.contains(Platform.FACEBOOK.id()) ? "; then " + COMMENTS.size()
                + " signed Meta webhook comments on the first Facebook post" : "; no demo comments (Facebook is not the sandbox)");
    }

    /**
     * Once the first demo post is on the sandbox's Facebook Page and the publisher has recorded it
     * (the remote index {@code REMOTE#facebook#<id>} maps it back to the post), its comments arrive
     * at the webhook function's URL, signed with the Meta app secret as Meta signs them.
     */
    private void comment(SandboxPlatform.SandboxPost post) {
        String webhook = stack.functionUrl("platform-webhook");
        if (webhook == null) {
            stack.console().line("demo", "no platform-webhook function URL in template.yaml: no demo comments");
            return;
        }
        String secretName = metaWebhookParameter;
        String appSecret = stack.secrets().secretString(secretName)
                .map(s -> JsonRead.string(Json.parse(s), "appSecret")).orElse(null);
        if (appSecret == null) {
            stack.console().line("demo", "no " + secretName + " in " + stack.secrets().file() + ": no demo comments");
            return;
        }
        try {
            DynamoEngagementStore store = new DynamoEngagementStore(stack.dynamo(), stack.tableName(), stack.clock());
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            Optional<String> postId = Optional.empty();
            while (!closed && System.nanoTime() < deadline && (postId = store.findPostId(Platform.FACEBOOK, post.id())).isEmpty()) {
                Thread.sleep(250);
            }
            if (postId.isEmpty()) {
                stack.console().line("demo", "facebook post " + post.id() + " was not recorded by the publisher: no demo comments");
                return;
            }
            stack.console().line("demo", "facebook post " + post.id() + " is " + postId.get() + "; sending " + COMMENTS.size()
                    + " signed comments to " + webhook + "/webhooks/meta");
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

    /**
     * A Facebook Page feed comment delivery, as Meta sends it (see events/meta-feed-comment.json),
     * on the Page post {@code <page-id>_<post-id>}.
     */
    static String metaComment(String postId, int index) {
        long now = Instant.now().getEpochSecond();
        int underscore = postId.indexOf('_');
        String pageId = underscore > 0 ? postId.substring(0, underscore) : META_PAGE_ID;
        String remotePostId = postId.substring(underscore + 1);
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
        entry.put("id", pageId);
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
