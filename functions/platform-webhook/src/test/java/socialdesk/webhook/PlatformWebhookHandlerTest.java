package socialdesk.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static socialdesk.webhook.WebhookTestKit.body;
import static socialdesk.webhook.WebhookTestKit.bodyOf;
import static socialdesk.webhook.WebhookTestKit.sampleEvent;
import static socialdesk.webhook.WebhookTestKit.status;
import static socialdesk.webhook.WebhookTestKit.withSignedBody;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import socialdesk.core.engagement.CommentKind;
import socialdesk.core.engagement.Counter;
import socialdesk.core.engagement.Owners;
import socialdesk.core.engagement.StoredComment;
import socialdesk.core.events.DomainEvent;
import socialdesk.core.json.Json;
import socialdesk.core.json.JsonRead;
import socialdesk.core.post.Platform;

/** The real handler, fed the sample events in events/, against dynalite (a DynamoDB-compatible server on loopback). */
class PlatformWebhookHandlerTest {

    private static Map<Counter, Long> counters(long comments, long replies, long mentions, long reactions, long shares) {
        return Map.of(Counter.COMMENTS, comments, Counter.REPLIES, replies, Counter.MENTIONS, mentions,
                Counter.REACTIONS, reactions, Counter.SHARES, shares);
    }

    private static byte[] hmac(String key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    // ---------------------------------------------------------------- handshakes

    @Test
    void metaHandshakeEchoesTheChallengeAsPlainText() {
        WebhookTestKit kit = new WebhookTestKit();

        Map<String, Object> response = kit.invoke(sampleEvent("meta-handshake.json"));

        assertEquals(200, status(response));
        assertEquals("1158201444", body(response));
        assertTrue(JsonRead.string(response, "headers", "content-type").startsWith("text/plain"));
    }

    @Test
    void metaHandshakeWithAnotherVerifyTokenIsForbidden() {
        WebhookTestKit kit = new WebhookTestKit();
        Map<String, Object> event = sampleEvent("meta-handshake.json");
        Map<String, Object> query = new LinkedHashMap<>(JsonRead.object(event, "queryStringParameters"));
        query.put("hub.verify_token", "guess");
        event.put("queryStringParameters", query);

        assertEquals(403, status(kit.invoke(event)));
    }

    @Test
    void metaHandshakeWithoutAChallengeIsABadRequest() {
        WebhookTestKit kit = new WebhookTestKit();
        Map<String, Object> event = sampleEvent("meta-handshake.json");
        event.put("queryStringParameters", Map.of("hub.mode", "subscribe", "hub.verify_token", WebhookTestKit.META_VERIFY_TOKEN));

        assertEquals(400, status(kit.invoke(event)));
    }

    @Test
    void xCrcAnswersTheBase64HmacOfTheToken() throws Exception {
        WebhookTestKit kit = new WebhookTestKit();

        Map<String, Object> response = kit.invoke(sampleEvent("x-crc.json"));

        assertEquals(200, status(response));
        String expected = "sha256=" + Base64.getEncoder().encodeToString(
                hmac(WebhookTestKit.X_CONSUMER_SECRET, "Y2hhbGxlbmdlLXRva2VuLTEyMw"));
        assertEquals(Map.of("response_token", expected), Json.parseObject(body(response)));
    }

    @Test
    void linkedInChallengeAnswersTheHexHmacOfTheCode() throws Exception {
        WebhookTestKit kit = new WebhookTestKit();

        Map<String, Object> response = kit.invoke(sampleEvent("linkedin-challenge.json"));

        assertEquals(200, status(response));
        String code = "890e4665-4dfe-4ab1-b689-ed553bceeed0";
        StringBuilder hex = new StringBuilder();
        for (byte b : hmac(WebhookTestKit.LINKEDIN_CLIENT_SECRET, code)) {
            hex.append(String.format("%02x", b));
        }
        assertEquals(Map.of("challengeCode", code, "challengeResponse", hex.toString()), Json.parseObject(body(response)));
    }

    // ---------------------------------------------------------------- payloads

    @Test
    void facebookCommentIsStoredCountedTriagedAndFlagged() {
        WebhookTestKit kit = new WebhookTestKit().withOurPosts();

        Map<String, Object> response = kit.invoke(sampleEvent("meta-feed-comment.json"));

        assertEquals(200, status(response), body(response));
        assertEquals(counters(1, 0, 0, 0, 0), kit.store.counters("post-fb", Platform.FACEBOOK));
        StoredComment comment = kit.store.findComment("post-fb", Platform.FACEBOOK, "912837465_3318004412").orElseThrow();
        assertEquals("Minh Tran", comment.comment().author().name());
        assertEquals("5550001112223", comment.comment().author().id());
        assertTrue(comment.comment().text().startsWith("I was charged twice"));
        assertEquals("https://www.facebook.com/912837465_3318004412", comment.comment().permalink());
        assertEquals("CONCERN", comment.verdict().category());
        assertEquals("high", comment.verdict().severity());
        assertEquals(CommentKind.COMMENT, comment.comment().kind());

        List<DomainEvent> flagged = kit.events.ofType("CommentFlagged");
        assertEquals(1, flagged.size());
        DomainEvent event = flagged.getFirst();
        assertEquals("social.engagement", event.source());
        Map<String, Object> d = event.detail();
        assertEquals("facebook", d.get("platform"));
        assertEquals("post-fb", d.get("postId"));
        assertEquals("912837465_3318004412", d.get("commentId"));
        assertEquals("https://www.facebook.com/912837465_3318004412", d.get("permalink"));
        assertEquals("Minh Tran", d.get("author"));
        assertTrue(((String) d.get("excerpt")).startsWith("I was charged twice for my order #4411"));
        assertEquals(List.of("CONCERN"), d.get("categories"));
        assertEquals("high", d.get("severity"));
        assertEquals("en", d.get("language"));
        assertEquals("ESCALATE", d.get("action"));
        assertTrue(((String) d.get("suggestedReply")).contains("private message"));
        assertFalse(Json.write(d).contains(WebhookTestKit.META_APP_SECRET));
    }

    @Test
    void aDuplicateDeliveryIsStoredOnce() {
        WebhookTestKit kit = new WebhookTestKit().withOurPosts();
        Map<String, Object> event = sampleEvent("meta-feed-comment.json");
        assertEquals(200, status(kit.invoke(event)));
        int items = kit.itemCount();

        Map<String, Object> again = kit.invoke(event);

        assertEquals(200, status(again));
        assertEquals(1L, JsonRead.integer(Json.parse(body(again)), "duplicates"));
        assertEquals(items, kit.itemCount());
        assertEquals(counters(1, 0, 0, 0, 0), kit.store.counters("post-fb", Platform.FACEBOOK));
        assertEquals(1, kit.events.ofType("CommentFlagged").size());
    }

    @Test
    void aCommentRemovalDecrementsOnceAndKeepsTheCommentAsRemoved() {
        WebhookTestKit kit = new WebhookTestKit().withOurPosts();
        kit.invoke(sampleEvent("meta-feed-comment.json"));

        assertEquals(200, status(kit.invoke(sampleEvent("meta-feed-comment-remove.json"))));
        assertEquals(200, status(kit.invoke(sampleEvent("meta-feed-comment-remove.json"))));

        assertEquals(counters(0, 0, 0, 0, 0), kit.store.counters("post-fb", Platform.FACEBOOK));
        assertTrue(kit.store.findComment("post-fb", Platform.FACEBOOK, "912837465_3318004412").orElseThrow().removed());
    }

    @Test
    void aRemovalBeforeItsCommentLeavesATombstoneSoTheLateCommentDoesNotCount() {
        WebhookTestKit kit = new WebhookTestKit().withOurPosts();

        kit.invoke(sampleEvent("meta-feed-comment-remove.json"));
        kit.invoke(sampleEvent("meta-feed-comment.json"));

        assertEquals(counters(0, 0, 0, 0, 0), kit.store.counters("post-fb", Platform.FACEBOOK));
        assertTrue(kit.events.all().isEmpty());
    }

    @Test
    void anEditReplacesTheTextWithoutCountingOrFlaggingAgain() {
        WebhookTestKit kit = new WebhookTestKit().withOurPosts();
        kit.invoke(sampleEvent("meta-feed-comment.json"));

        assertEquals(200, status(kit.invoke(sampleEvent("meta-feed-comment-edit.json"))));

        StoredComment comment = kit.store.findComment("post-fb", Platform.FACEBOOK, "912837465_3318004412").orElseThrow();
        assertTrue(comment.comment().text().contains("Support answered today"));
        assertEquals(counters(1, 0, 0, 0, 0), kit.store.counters("post-fb", Platform.FACEBOOK));
        // Flagged before the edit and still flagged: the person already has it, no second notice.
        assertEquals(1, kit.events.ofType("CommentFlagged").size());
    }

    @Test
    void aReactionCountsAndItsRemovalDecrements() {
        WebhookTestKit kit = new WebhookTestKit().withOurPosts();

        assertEquals(200, status(kit.invoke(sampleEvent("meta-feed-reaction.json"))));
        assertEquals(1L, kit.store.counters("post-fb", Platform.FACEBOOK).get(Counter.REACTIONS));
        assertEquals(200, status(kit.invoke(sampleEvent("meta-feed-reaction.json"))));
        assertEquals(1L, kit.store.counters("post-fb", Platform.FACEBOOK).get(Counter.REACTIONS));

        assertEquals(200, status(kit.invoke(sampleEvent("meta-feed-reaction-remove.json"))));

        assertEquals(0L, kit.store.counters("post-fb", Platform.FACEBOOK).get(Counter.REACTIONS));
    }

    @Test
    void aReactionRemovalThatArrivesFirstWinsOverTheOlderAdd() {
        WebhookTestKit kit = new WebhookTestKit().withOurPosts();

        kit.invoke(sampleEvent("meta-feed-reaction-remove.json"));
        kit.invoke(sampleEvent("meta-feed-reaction.json"));

        assertEquals(0L, kit.store.counters("post-fb", Platform.FACEBOOK).get(Counter.REACTIONS));
    }

    @Test
    void aShareCounts() {
        WebhookTestKit kit = new WebhookTestKit().withOurPosts();

        assertEquals(200, status(kit.invoke(sampleEvent("meta-feed-share.json"))));

        assertEquals(counters(0, 0, 0, 0, 1), kit.store.counters("post-fb", Platform.FACEBOOK));
    }

    @Test
    void anInstagramCommentSentBase64IsVerifiedOverTheDecodedBytesAndStored() {
        WebhookTestKit kit = new WebhookTestKit().withOurPosts();
        Map<String, Object> event = sampleEvent("instagram-comment.json");
        assertEquals(Boolean.TRUE, event.get("isBase64Encoded"));

        assertEquals(200, status(kit.invoke(event)));

        StoredComment comment = kit.store.findComment("post-ig", Platform.INSTAGRAM, "17865799348089039").orElseThrow();
        assertEquals("hoa.nguyen", comment.comment().author().name());
        assertTrue(comment.comment().text().contains("giao trễ"));
        assertEquals(counters(1, 0, 0, 0, 0), kit.store.counters("post-ig", Platform.INSTAGRAM));
    }

    @Test
    void anInstagramMentionOnMediaThatIsNotOursIsKeptUnderTheUnmatchedOwner() {
        WebhookTestKit kit = new WebhookTestKit().withOurPosts();

        assertEquals(200, status(kit.invoke(sampleEvent("instagram-mention.json"))));

        String unmatched = Owners.unmatched(Platform.INSTAGRAM);
        assertEquals(counters(0, 0, 1, 0, 0), kit.store.counters(unmatched, Platform.INSTAGRAM));
        StoredComment mention = kit.store.findComment(unmatched, Platform.INSTAGRAM, "17870000000000456").orElseThrow();
        assertEquals(CommentKind.MENTION, mention.comment().kind());
        assertEquals("17920000000000123", mention.remotePostId());
    }

    @Test
    void xRepliesCountUnderOurTweetAndMentionsUnderTheUnmatchedOwner() {
        WebhookTestKit kit = new WebhookTestKit().withOurPosts();

        assertEquals(200, status(kit.invoke(sampleEvent("x-tweet-create.json"))));

        assertEquals(counters(0, 1, 0, 0, 0), kit.store.counters("post-x", Platform.X));
        StoredComment reply = kit.store.findComment("post-x", Platform.X, "1861000000000000101").orElseThrow();
        assertEquals("@ducvo", reply.comment().author().name());
        assertEquals("https://x.com/ducvo/status/1861000000000000101", reply.comment().permalink());
        assertEquals(counters(0, 0, 1, 0, 0), kit.store.counters(Owners.unmatched(Platform.X), Platform.X));
    }

    @Test
    void xFavoriteCountsAsAReaction() {
        WebhookTestKit kit = new WebhookTestKit().withOurPosts();

        assertEquals(200, status(kit.invoke(sampleEvent("x-favorite.json"))));

        assertEquals(counters(0, 0, 0, 1, 0), kit.store.counters("post-x", Platform.X));
    }

    @Test
    void linkedInCommentAndLikeAreStored() {
        WebhookTestKit kit = new WebhookTestKit().withOurPosts();

        assertEquals(200, status(kit.invoke(sampleEvent("linkedin-comment.json"))));
        assertEquals(200, status(kit.invoke(sampleEvent("linkedin-like.json"))));

        assertEquals(counters(1, 0, 0, 1, 0), kit.store.counters("post-li", Platform.LINKEDIN));
        StoredComment comment = kit.store.findComment("post-li", Platform.LINKEDIN,
                "urn:li:comment:(urn:li:activity:7150000000000000001,7261000000000009)").orElseThrow();
        assertEquals("urn:li:person:a1B2c3D4e5", comment.comment().author().id());
        assertEquals("https://www.linkedin.com/feed/update/urn:li:share:7150000000000000001", comment.comment().permalink());
    }

    @Test
    void engagementOnAPostThatIsNotOursIsKeptUnderTheUnmatchedOwner() {
        WebhookTestKit kit = new WebhookTestKit();

        assertEquals(200, status(kit.invoke(sampleEvent("meta-feed-comment.json"))));

        String unmatched = Owners.unmatched(Platform.FACEBOOK);
        assertEquals(counters(1, 0, 0, 0, 0), kit.store.counters(unmatched, Platform.FACEBOOK));
        assertTrue(kit.store.findComment(unmatched, Platform.FACEBOOK, "912837465_3318004412").isPresent());
        Map<String, Object> detail = kit.events.ofType("CommentFlagged").getFirst().detail();
        assertEquals("", detail.get("postId"));
        assertEquals(false, detail.get("matched"));
        assertEquals(WebhookTestKit.FACEBOOK_POST, detail.get("remotePostId"));
    }

    @Test
    void aHundredParallelDeliveriesOfTheSameCommentStoreItOnceAndCountItOnce() throws Exception {
        WebhookTestKit kit = new WebhookTestKit().withOurPosts();
        Map<String, Object> comment = sampleEvent("meta-feed-comment.json");
        Map<String, Object> reaction = sampleEvent("meta-feed-reaction.json");
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            calls.add(() -> status(kit.invoke(comment)));
            calls.add(() -> status(kit.invoke(reaction)));
        }

        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            for (Future<Integer> f : pool.invokeAll(calls)) {
                assertEquals(200, f.get());
            }
        } finally {
            pool.shutdown();
        }

        assertEquals(counters(1, 0, 0, 1, 0), kit.store.counters("post-fb", Platform.FACEBOOK));
        assertEquals(1, kit.events.ofType("CommentFlagged").size());
    }

    // ---------------------------------------------------------------- refusals: nothing stored

    @Test
    void anUnsignedDeliveryIsUnauthorizedAndStoresNothing() {
        WebhookTestKit kit = new WebhookTestKit().withOurPosts();
        int before = kit.itemCount();
        Map<String, Object> event = sampleEvent("meta-feed-comment.json");
        Map<String, Object> headers = new LinkedHashMap<>(JsonRead.object(event, "headers"));
        headers.remove("x-hub-signature-256");
        event.put("headers", headers);

        Map<String, Object> response = kit.invoke(event);

        assertEquals(401, status(response));
        assertEquals("unsigned", JsonRead.string(Json.parse(body(response)), "error", "code"));
        assertEquals(before, kit.itemCount());
        assertTrue(kit.events.all().isEmpty());
    }

    @Test
    void aWronglySignedDeliveryIsForbiddenAndStoresNothing() {
        WebhookTestKit kit = new WebhookTestKit().withOurPosts();
        int before = kit.itemCount();
        for (String name : List.of("meta-feed-comment.json", "x-tweet-create.json", "linkedin-comment.json")) {
            Map<String, Object> event = sampleEvent(name);
            byte[] body = bodyOf(event);
            Map<String, Object> tampered = withSignedBody(event, body);
            // Same signature, one byte of the body changed.
            body[body.length / 2] ^= 1;
            tampered.put("body", Base64.getEncoder().encodeToString(body));

            assertEquals(403, status(kit.invoke(tampered)), name);
        }
        assertEquals(before, kit.itemCount());
    }

    @Test
    void aSignatureMadeWithAnotherSecretIsForbidden() {
        WebhookTestKit kit = new WebhookTestKit();
        Map<String, Object> event = sampleEvent("x-favorite.json");
        Map<String, Object> headers = new LinkedHashMap<>(JsonRead.object(event, "headers"));
        headers.put("x-twitter-webhooks-signature", "sha256=" + socialdesk.core.webhook.WebhookSignatures.base64Hmac("other", bodyOf(event)));
        event.put("headers", headers);

        assertEquals(403, status(kit.invoke(event)));
        assertEquals(0, kit.itemCount());
    }

    @Test
    void malformedSignedBodiesAreBadRequestsAndStoreNothing() {
        WebhookTestKit kit = new WebhookTestKit();
        Map<String, Object> event = sampleEvent("meta-feed-comment.json");
        for (String body : List.of("", "not json", "[]", "{\"object\":\"page\"}", "{\"object\":\"user\",\"entry\":[]}",
                "{\"object\":\"page\",\"entry\":{}}", "{\"object\":\"page\",\"entry\":[]} trailing")) {
            Map<String, Object> response = kit.invoke(withSignedBody(event, body.getBytes(StandardCharsets.UTF_8)));
            assertEquals(400, status(response), body);
            assertFalse(body(response).contains("Exception"));
        }
        assertEquals(400, status(kit.invoke(withSignedBody(sampleEvent("x-favorite.json"), "{\"tweet_create_events\":[]}".getBytes()))));
        assertEquals(400, status(kit.invoke(withSignedBody(sampleEvent("linkedin-like.json"), "{\"notifications\":7}".getBytes()))));
        Map<String, Object> badUtf8 = withSignedBody(event, new byte[] {'{', '"', (byte) 0xC3, '"', ':', '1', '}'});
        assertEquals(400, status(kit.invoke(badUtf8)));
        Map<String, Object> badBase64 = new LinkedHashMap<>(event);
        badBase64.put("isBase64Encoded", true);
        badBase64.put("body", "%%%not-base64%%%");
        assertEquals(400, status(kit.invoke(badBase64)));
        assertEquals(0, kit.itemCount());
    }

    @Test
    void anOversizedBodyIsRefusedBeforeAnythingElse() {
        WebhookTestKit kit = new WebhookTestKit();
        byte[] big = ("{\"object\":\"page\",\"entry\":[],\"pad\":\"" + "x".repeat(PlatformWebhooks.MAX_BODY_BYTES) + "\"}")
                .getBytes(StandardCharsets.UTF_8);

        Map<String, Object> response = kit.invoke(withSignedBody(sampleEvent("meta-feed-comment.json"), big));

        assertEquals(413, status(response));
        assertEquals(0, kit.itemCount());
    }

    @Test
    void wrongMethodsAndUnknownRoutesAreRefused() {
        WebhookTestKit kit = new WebhookTestKit();
        Map<String, Object> event = sampleEvent("meta-feed-comment.json");
        Map<String, Object> put = new LinkedHashMap<>(event);
        put.put("requestContext", Map.of("http", Map.of("method", "PUT", "path", "/webhooks/meta")));
        Map<String, Object> response = kit.invoke(put);
        assertEquals(405, status(response));
        assertEquals("GET, POST", JsonRead.string(response, "headers", "allow"));

        Map<String, Object> elsewhere = new LinkedHashMap<>(event);
        elsewhere.put("rawPath", "/webhooks/myspace");
        assertEquals(404, status(kit.invoke(elsewhere)));

        assertEquals(400, status(kit.invoke("{\"not\":\"a function URL event\"}")));
        assertEquals(0, kit.itemCount());
    }

    @Test
    void aPlatformWithoutASecretAnswersNotConfigured() {
        WebhookTestKit kit = new WebhookTestKit();
        PlatformWebhooks onlyMeta = new PlatformWebhooks(new WebhookSecrets() {
            @Override
            public java.util.Optional<Meta> meta() {
                return WebhookTestKit.allSecrets().meta();
            }

            @Override
            public java.util.Optional<String> xConsumerSecret() {
                return java.util.Optional.empty();
            }

            @Override
            public java.util.Optional<String> linkedInClientSecret() {
                return java.util.Optional.empty();
            }
        }, null, java.time.Clock.systemUTC());

        WebhookResponse response = onlyMeta.handle(PlatformWebhookHandler.toRequest(WebhookTestKit.functionUrlEvent(WebhookTestKit.sample("x-crc.json"))), "r", 10_000);

        assertEquals(404, response.status());
        assertTrue(response.body().contains("platform not configured"));
        assertEquals(0, kit.itemCount());
    }
}
