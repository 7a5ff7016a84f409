package socialdesk.platforms.bluesky;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import socialdesk.core.json.JsonRead;
import socialdesk.core.post.PostContent;
import socialdesk.core.publish.PublishOutcome;
import socialdesk.core.publish.PublishOutcome.CredentialsRejected;
import socialdesk.core.publish.PublishOutcome.Permanent;
import socialdesk.core.publish.PublishOutcome.Published;
import socialdesk.core.publish.PublishOutcome.Transient;
import socialdesk.core.publish.PublishRequest;
import socialdesk.platforms.PlatformHttp;
import socialdesk.platforms.PublicUrlFetcher;
import socialdesk.platforms.fake.FakeBluesky;
import socialdesk.platforms.fake.FakeWebPages;
import socialdesk.platforms.fake.FakePlatformServer.RecordedRequest;
import socialdesk.platforms.fake.TestClock;

/** Tests against {@link FakeBluesky} on loopback. */
class BlueskyPublisherTest {
    private static final HttpClient CLIENT = PlatformHttp.newClient(Duration.ofSeconds(2));
    private static final Instant DUE = Instant.parse("2025-06-01T09:00:00Z");

    private final TestClock clock = new TestClock(DUE.plusMillis(1_250));
    private final FakeBluesky bluesky = new FakeBluesky(clock);
    private final FakeWebPages pages = new FakeWebPages();
    private final BlueskyPublisher publisher = new BlueskyPublisher(CLIENT, bluesky.account(), clock, Duration.ofMillis(500),
            pages.fetcher());

    @AfterEach
    void stop() {
        bluesky.close();
        pages.close();
    }

    private static PublishRequest request(String key, String text) {
        return new PublishRequest("post-" + key, new PostContent(text, null), key, DUE);
    }

    private static String atUri(String rkey) {
        return "at://" + FakeBluesky.DID + "/app.bsky.feed.post/" + rkey;
    }

    @Test
    void publishesAPostAndReturnsItsAtUriAndWebUrl() {
        PublishOutcome outcome = publisher.publish(new PublishRequest("p1", new PostContent("Hello", "https://example.com"), "p1/bluesky", DUE));

        String rkey = Tid.forPost(DUE, "p1/bluesky");
        assertEquals(new Published(atUri(rkey), "https://bsky.app/profile/" + FakeBluesky.DID + "/post/" + rkey), outcome);
        FakeBluesky.StoredRecord stored = bluesky.records().getFirst();
        assertEquals(rkey, stored.rkey());
        assertEquals("Hello\n\nhttps://example.com", stored.text());
        assertEquals(List.of(), bluesky.violations());
    }

    @Test
    void reachesAPdsOnPlainHttpWithoutOfferingAnH2cUpgrade() {
        PublishOutcome outcome = publisher.publish(request("h2c", "Over plain http"));

        assertInstanceOf(Published.class, outcome, outcome.toString());
        assertTrue(bluesky.requests().stream().allMatch(r -> r.header("Upgrade") == null), "no request offered an upgrade");
        assertEquals(List.of(), bluesky.violations());
    }

    @Test
    void sendsTheExactRequestShape() {
        publisher.publish(request("k1", "Plain words"));

        RecordedRequest session = bluesky.requests(FakeBluesky.CREATE_SESSION).getFirst();
        assertEquals("POST", session.method());
        assertTrue(session.header("Content-Type").startsWith("application/json"));
        assertEquals(Map.of("identifier", FakeBluesky.HANDLE, "password", FakeBluesky.APP_PASSWORD), session.json());

        RecordedRequest create = bluesky.requests(FakeBluesky.CREATE_RECORD).getFirst();
        assertEquals("POST", create.method());
        assertTrue(create.bearer().startsWith("eyJ"), "a JWT as bearer");
        Map<String, Object> body = create.json();
        assertEquals(FakeBluesky.DID, body.get("repo"));
        assertEquals("app.bsky.feed.post", body.get("collection"));
        assertEquals(Tid.forPost(DUE, "k1"), body.get("rkey"));
        assertEquals(Map.of("$type", "app.bsky.feed.post", "text", "Plain words", "createdAt", "2025-06-01T09:00:01.250Z"),
                body.get("record"));
        assertEquals(2, bluesky.requests().size());
    }

    @Test
    void createsOneSessionForFiftyConcurrentPublishes() throws Exception {
        bluesky.latency(Duration.ofMillis(50));
        List<PublishOutcome> outcomes = new CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String key = "post-" + i;
            threads.add(Thread.ofVirtual().start(() -> outcomes.add(publisher.publish(request(key, "Post " + key)))));
        }
        for (Thread t : threads) {
            t.join();
        }

        assertEquals(50, outcomes.stream().filter(o -> o instanceof Published).count(), outcomes.toString());
        assertEquals(1, bluesky.createSessionCalls());
        assertEquals(50, bluesky.records().size());
    }

    @Test
    void refreshesTheSessionWhenTheServerSaysTheTokenExpired() {
        assertInstanceOf(Published.class, publisher.publish(request("k1", "one")));
        bluesky.expireAccessTokens();

        assertInstanceOf(Published.class, publisher.publish(request("k2", "two")));

        assertEquals(1, bluesky.createSessionCalls());
        assertEquals(1, bluesky.refreshSessionCalls());
        assertEquals(2, bluesky.records().size());
    }

    @Test
    void refreshesBeforeSendingWhenTheTokensExpHasPassed() {
        bluesky.accessTokenLifetime(Duration.ofMinutes(10));
        assertInstanceOf(Published.class, publisher.publish(request("k1", "one")));
        clock.advance(Duration.ofMinutes(15));

        assertInstanceOf(Published.class, publisher.publish(request("k2", "two")));

        assertEquals(1, bluesky.refreshSessionCalls());
        assertEquals(2, bluesky.createRecordCalls(), "no create was sent with the expired token");
        assertEquals(1, bluesky.createSessionCalls());
    }

    @Test
    void concurrentPublishesAfterExpiryRefreshOnce() throws Exception {
        assertInstanceOf(Published.class, publisher.publish(request("first", "first")));
        bluesky.expireAccessTokens();
        bluesky.latency(Duration.ofMillis(20));
        List<Thread> threads = new ArrayList<>();
        List<PublishOutcome> outcomes = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 20; i++) {
            String key = "k" + i;
            threads.add(Thread.ofVirtual().start(() -> outcomes.add(publisher.publish(request(key, key)))));
        }
        for (Thread t : threads) {
            t.join();
        }

        assertEquals(20, outcomes.stream().filter(o -> o instanceof Published).count(), outcomes.toString());
        assertEquals(1, bluesky.refreshSessionCalls());
        assertEquals(1, bluesky.createSessionCalls());
    }

    @Test
    void signsInAgainOnlyWhenTheRefreshIsRefused() {
        assertInstanceOf(Published.class, publisher.publish(request("k1", "one")));
        bluesky.expireAccessTokens();
        bluesky.expireRefreshTokens();

        assertInstanceOf(Published.class, publisher.publish(request("k2", "two")));

        assertEquals(1, bluesky.refreshSessionCalls());
        assertEquals(2, bluesky.createSessionCalls());
    }

    @Test
    void aRejectedAppPasswordIsCredentialsRejectedAndNeverShown() {
        String password = "wrong-pass-word-0000";
        BlueskyPublisher wrong = new BlueskyPublisher(CLIENT,
                new BlueskyAccount(bluesky.baseUri(), FakeBluesky.HANDLE, password), clock, Duration.ofMillis(500), pages.fetcher());

        CredentialsRejected refused = assertInstanceOf(CredentialsRejected.class, wrong.publish(request("k1", "hi")));

        assertEquals("bluesky: credentials rejected (401): AuthenticationRequired: Invalid identifier or password; "
                + "update the account secret", refused.reason());
        assertFalse(refused.reason().contains(password));
        assertEquals(0, bluesky.createRecordCalls());
    }

    @Test
    void aRejectedAppPasswordIsTriedOnceNotOncePerConcurrentSend() throws Exception {
        BlueskyPublisher wrong = new BlueskyPublisher(CLIENT,
                new BlueskyAccount(bluesky.baseUri(), FakeBluesky.HANDLE, "wrong-pass-word-0000"), clock, Duration.ofMillis(500),
                pages.fetcher());
        bluesky.latency(Duration.ofMillis(20));
        List<Thread> threads = new ArrayList<>();
        List<PublishOutcome> outcomes = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 10; i++) {
            String key = "k" + i;
            threads.add(Thread.ofVirtual().start(() -> outcomes.add(wrong.publish(request(key, key)))));
        }
        for (Thread t : threads) {
            t.join();
        }

        assertEquals(10, outcomes.stream().filter(o -> o instanceof CredentialsRejected).count());
        assertEquals(1, bluesky.createSessionCalls());

        clock.advance(Duration.ofMinutes(6));
        wrong.publish(request("later", "later"));
        assertEquals(2, bluesky.createSessionCalls(), "tries again once the hold has passed");
    }

    @Test
    void aRevokedSessionWithARejectedPasswordIsCredentialsRejected() {
        assertInstanceOf(Published.class, publisher.publish(request("k1", "one")));
        bluesky.expireAccessTokens();
        bluesky.expireRefreshTokens();
        bluesky.failNext(FakeBluesky.CREATE_SESSION, 1, 401, Map.of(),
                "{\"error\":\"AuthenticationRequired\",\"message\":\"Invalid identifier or password\"}");

        CredentialsRejected refused = assertInstanceOf(CredentialsRejected.class, publisher.publish(request("k2", "two")));

        assertTrue(refused.reason().startsWith("bluesky: credentials rejected (401)"), refused.reason());
    }

    @ParameterizedTest
    @EnumSource(FakeBluesky.TakenKeyAnswer.class)
    void aRetryIntoTheSameKeyIsPublishedWithTheSameUri(FakeBluesky.TakenKeyAnswer answer) {
        bluesky.answerTakenKeyWith(answer);
        Published first = assertInstanceOf(Published.class, publisher.publish(request("k1", "once")));

        Published again = assertInstanceOf(Published.class, publisher.publish(request("k1", "once")));

        assertEquals(first, again);
        assertEquals(1, bluesky.records().size());
        assertEquals(2, bluesky.createRecordCalls());
        assertEquals(List.of(), bluesky.violations());
    }

    @Test
    void aLostAnswerIsTransientAndTheRetryFindsThePost() {
        publisher.publish(request("warm-up", "warm up"));
        bluesky.hangNext(FakeBluesky.CREATE_RECORD, 1, Duration.ofSeconds(2));

        Transient lost = assertInstanceOf(Transient.class, publisher.publish(request("k1", "once")));
        assertEquals("bluesky: no answer within 500 ms", lost.reason());

        Published retried = assertInstanceOf(Published.class, publisher.publish(request("k1", "once")));
        assertEquals(atUri(Tid.forPost(DUE, "k1")), retried.remoteId());
        assertEquals(1, bluesky.records().stream().filter(r -> r.text().equals("once")).count());
    }

    @Test
    void aKeyHoldingAnotherPostIsPermanent() {
        bluesky.putRecord(Tid.forPost(DUE, "k1"), "something else");

        Permanent refused = assertInstanceOf(Permanent.class, publisher.publish(request("k1", "mine")));

        assertEquals("bluesky: record key " + Tid.forPost(DUE, "k1") + " already holds a different post", refused.reason());
    }

    @Test
    void rateLimitIsTransientUntilTheReset() {
        long reset = DUE.getEpochSecond() + 900;
        bluesky.failNext(FakeBluesky.CREATE_RECORD, 1, 429, Map.of("ratelimit-limit", "5000", "ratelimit-remaining", "0",
                "ratelimit-reset", Long.toString(reset)), "{\"error\":\"RateLimitExceeded\",\"message\":\"Rate Limit Exceeded\"}");

        Transient limited = assertInstanceOf(Transient.class, publisher.publish(request("k1", "hi")));

        assertEquals(Instant.ofEpochSecond(reset), limited.notBefore());
        assertEquals("bluesky: rate limited (429): RateLimitExceeded: Rate Limit Exceeded", limited.reason());
    }

    @Test
    void serviceUnavailableIsTransientAndTheNextAttemptSucceeds() {
        bluesky.failNext(FakeBluesky.CREATE_RECORD, 1, 503, Map.of(), "{\"error\":\"UpstreamFailure\",\"message\":\"busy\"}");

        assertInstanceOf(Transient.class, publisher.publish(request("k1", "hi")));
        assertInstanceOf(Published.class, publisher.publish(request("k1", "hi")));
        assertEquals(1, bluesky.records().size());
        assertEquals(0, bluesky.requests(FakeBluesky.GET_RECORD).size());
    }

    @Test
    void aTimeoutSigningInIsTransient() {
        bluesky.hangNext(FakeBluesky.CREATE_SESSION, 1, Duration.ofSeconds(2));

        Transient failed = assertInstanceOf(Transient.class, publisher.publish(request("k1", "hi")));

        assertEquals("bluesky: no answer within 500 ms", failed.reason());
    }

    @Test
    void anInvalidRecordIsPermanentWithTheServersReason() {
        bluesky.failNext(FakeBluesky.CREATE_RECORD, 1, 400, Map.of(),
                "{\"error\":\"InvalidRequest\",\"message\":\"Invalid app.bsky.feed.post record: Record/langs/0 must be a valid language code\"}");

        Permanent refused = assertInstanceOf(Permanent.class, publisher.publish(request("k1", "hi")));

        assertEquals("bluesky: refused (400): InvalidRequest: Invalid app.bsky.feed.post record: "
                + "Record/langs/0 must be a valid language code", refused.reason());
    }

    @Test
    void overLimitTextIsRefusedWithoutAnyRequest() {
        Permanent refused = assertInstanceOf(Permanent.class, publisher.publish(request("k1", "a".repeat(301))));

        assertEquals("bluesky: text is 301 graphemes, the limit is 300", refused.reason());
        assertEquals(List.of(), bluesky.requests());
    }

    @Test
    void facetsCarryUtf8ByteOffsetsAndResolvedMentions() {
        bluesky.registerHandle("friend.example.org", "did:plc:friendfriendfriend234567");
        String text = "Xin chào 👋🏽 Việt Nam! Đọc https://example.com/bài-viết cùng @friend.example.org, "
                + "@nobody.example.net #HàNội #2025";

        assertInstanceOf(Published.class, publisher.publish(request("k1", text)));

        List<Object> facets = JsonRead.list(bluesky.records().getFirst().value(), "facets");
        assertEquals(3, facets.size(), facets.toString());
        assertFacet(facets.get(0), text, "https://example.com/bài-viết", "app.bsky.richtext.facet#link", "uri",
                "https://example.com/bài-viết");
        assertFacet(facets.get(1), text, "@friend.example.org", "app.bsky.richtext.facet#mention", "did",
                "did:plc:friendfriendfriend234567");
        assertFacet(facets.get(2), text, "#HàNội", "app.bsky.richtext.facet#tag", "tag", "HàNội");
        assertEquals(List.of(), bluesky.violations());
    }

    @Test
    void anInvalidLinkIsLeftAsTextAndTheOtherFacetsStay() {
        String text = "Sale https:///path today\u00A0#deal\u200D with https://shop.example/sale\u3000now";

        assertInstanceOf(Published.class, publisher.publish(request("k1", text)));

        List<Object> facets = JsonRead.list(bluesky.records().getFirst().value(), "facets");
        assertEquals(2, facets.size(), facets.toString());
        assertFacet(facets.get(0), text, "#deal", "app.bsky.richtext.facet#tag", "tag", "deal");
        assertFacet(facets.get(1), text, "https://shop.example/sale", "app.bsky.richtext.facet#link", "uri",
                "https://shop.example/sale");
        assertEquals(List.of(), bluesky.violations());
    }

    @Test
    void whenThePdsRefusesTheFacetsThePostGoesOutWithoutThem() {
        bluesky.failNext(FakeBluesky.CREATE_RECORD, 1, 400, Map.of(), "{\"error\":\"InvalidRequest\",\"message\":"
                + "\"Invalid app.bsky.feed.post record: Invalid uri (got \\\"x\\\") at $.record.facets[0].features[0].uri\"}");

        PublishOutcome outcome = publisher.publish(request("k1", "Read #this now"));

        assertInstanceOf(Published.class, outcome, outcome.toString());
        Map<String, Object> stored = bluesky.records().getFirst().value();
        assertEquals("Read #this now", stored.get("text"));
        assertFalse(stored.containsKey("facets"));
        assertEquals(2, bluesky.requests(FakeBluesky.CREATE_RECORD).size());
    }

    @Test
    void aRefusalThatBlamesNoOptionalPartIsNotRetried() {
        bluesky.failNext(FakeBluesky.CREATE_RECORD, 1, 400, Map.of(),
                "{\"error\":\"InvalidRequest\",\"message\":\"Invalid app.bsky.feed.post record: Invalid at $.record.text\"}");

        assertInstanceOf(Permanent.class, publisher.publish(request("k1", "Read #this now")));
        assertEquals(1, bluesky.requests(FakeBluesky.CREATE_RECORD).size());
    }

    @Test
    void postsCarryTheLanguageTheirTextTells() {
        publisher.publish(request("vi", "Chào cả nhà, hôm nay cửa hàng mở cửa sớm!"));
        publisher.publish(request("en", "Our new shop opens today, and you are all invited"));
        publisher.publish(request("ja", "新しいお店が今日オープンします"));
        publisher.publish(request("none", "Plain words"));

        Map<String, Object> langs = new java.util.HashMap<>();
        bluesky.records().forEach(r -> langs.put(String.valueOf(r.value().get("text")).substring(0, 4),
                r.value().getOrDefault("langs", List.of())));
        assertEquals(Map.of("Chào", List.of("vi"), "Our ", List.of("en"), "新しいお", List.of("ja"), "Plai", List.of()), langs);
        assertEquals(List.of(), bluesky.violations());
    }

    @Test
    void aLinkGetsAPreviewCardFromItsOpenGraphTagsWithTheImageUploadedAsABlob() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 1, 2, 3};
        pages.file("/cover.png", "image/png", png);
        pages.page("/article", Map.of("og:title", "Khai trương cửa hàng", "og:description", "Giảm 20% & quà tặng",
                "og:image", "/cover.png"));
        String link = pages.url("/article");

        PublishOutcome outcome = publisher.publish(new PublishRequest("p1", new PostContent("Mời cả nhà!", link), "k1", DUE));

        assertInstanceOf(Published.class, outcome, outcome.toString());
        Map<String, Object> embed = JsonRead.object(bluesky.records().getFirst().value(), "embed");
        assertEquals("app.bsky.embed.external", embed.get("$type"));
        assertEquals(link, JsonRead.string(embed, "external", "uri"));
        assertEquals("Khai trương cửa hàng", JsonRead.string(embed, "external", "title"));
        assertEquals("Giảm 20% & quà tặng", JsonRead.string(embed, "external", "description"));
        String cid = JsonRead.string(embed, "external", "thumb", "ref", "$link");
        assertEquals("image/png", bluesky.blobs().get(cid).get("mimeType"));
        assertEquals((long) png.length, bluesky.blobs().get(cid).get("size"));
        assertEquals(List.of("/article", "/cover.png"), pages.requested());
        assertEquals(List.of(), bluesky.violations());
    }

    @Test
    void aLinkInTheTextGetsACardToo() {
        pages.page("/p", Map.of("og:title", "Title only"));

        publisher.publish(request("k1", "See " + pages.url("/p") + " today"));

        Map<String, Object> embed = JsonRead.object(bluesky.records().getFirst().value(), "embed");
        assertEquals("Title only", JsonRead.string(embed, "external", "title"));
        assertEquals("", JsonRead.string(embed, "external", "description"));
        assertEquals(null, JsonRead.object(embed, "external", "thumb"));
    }

    @Test
    void aPageThatCannotBeFetchedLeavesThePostWithoutACard() {
        PublishOutcome outcome = publisher.publish(new PublishRequest("p1", new PostContent("Hi", pages.url("/missing")), "k1", DUE));

        assertInstanceOf(Published.class, outcome);
        assertFalse(bluesky.records().getFirst().value().containsKey("embed"));
    }

    @Test
    void anImageOverTheLexiconsMegabyteGivesACardWithoutAThumbnail() {
        pages.file("/huge.jpg", "image/jpeg", new byte[1_000_001]);
        pages.page("/a", Map.of("og:title", "T", "og:description", "D", "og:image", pages.url("/huge.jpg")));

        publisher.publish(new PublishRequest("p1", new PostContent("Hi", pages.url("/a")), "k1", DUE));

        Map<String, Object> external = JsonRead.object(bluesky.records().getFirst().value(), "embed", "external");
        assertEquals("T", external.get("title"));
        assertFalse(external.containsKey("thumb"));
        assertEquals(Map.of(), bluesky.blobs());
    }

    @Test
    void withProductionsAddressPolicyALoopbackPageIsNeverFetched() {
        pages.page("/internal", Map.of("og:title", "Internal"));
        java.net.InetAddress loopback = java.net.InetAddress.getLoopbackAddress();
        BlueskyPublisher production = new BlueskyPublisher(CLIENT, bluesky.account(), clock, Duration.ofMillis(500),
                new PublicUrlFetcher(Duration.ofSeconds(1), PublicUrlFetcher.PUBLIC_ADDRESSES, host -> List.of(loopback)));

        PublishOutcome outcome = production.publish(new PublishRequest("p1", new PostContent("Hi", pages.url("/internal")), "k1", DUE));

        assertInstanceOf(Published.class, outcome);
        assertFalse(bluesky.records().getFirst().value().containsKey("embed"));
        assertEquals(List.of(), pages.requested());
    }

    private static void assertFacet(Object facet, String text, String part, String type, String field, String value) {
        byte[] all = text.getBytes(StandardCharsets.UTF_8);
        int start = JsonRead.integer(facet, "index", "byteStart").intValue();
        int end = JsonRead.integer(facet, "index", "byteEnd").intValue();
        assertEquals(part, new String(all, start, end - start, StandardCharsets.UTF_8));
        Object feature = JsonRead.list(facet, "features").getFirst();
        assertEquals(type, JsonRead.string(feature, "$type"));
        assertEquals(value, JsonRead.string(feature, field));
    }
}
