package socialdesk.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import socialdesk.core.json.JsonRead;
import socialdesk.core.platform.TextMeasure;
import socialdesk.core.post.PostContent;
import socialdesk.core.post.PostImage;
import socialdesk.core.publish.PublishOutcome;
import socialdesk.core.publish.PublishOutcome.Permanent;
import socialdesk.core.publish.PublishOutcome.Published;
import socialdesk.core.publish.PublishOutcome.Transient;
import socialdesk.core.publish.PublishRequest;
import socialdesk.platforms.PlatformHttp;
import socialdesk.platforms.bluesky.BlueskyAccount;
import socialdesk.platforms.bluesky.BlueskyPublisher;
import socialdesk.platforms.bluesky.Tid;
import socialdesk.platforms.fake.FakeWebPages;
import socialdesk.platforms.fake.TestClock;

/**
 * The Bluesky publisher against a real PDS ({@code @atproto/pds} from npm, on plain http on
 * loopback, with an in-memory PLC directory): every record is read back with
 * {@code com.atproto.repo.getRecord}, so what passes here is what the reference server accepts and
 * stores, not what our fake believes.
 */
@ExtendWith(PdsInstalled.class)
class BlueskyOnRealPdsTest {
    private static final Instant DUE = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final AtomicInteger KEYS = new AtomicInteger();

    private static PdsPeer pds;
    private static PdsPeer.Account desk;
    private static PdsPeer.Account friend;
    private static FakeWebPages pages;

    @BeforeAll
    static void start() throws Exception {
        pds = PdsPeer.start();
        desk = pds.createAccount("desk.test");
        friend = pds.createAccount("khachhang.test");
        pages = new FakeWebPages();
    }

    @AfterAll
    static void stop() throws Exception {
        if (pages != null) {
            pages.close();
        }
        if (pds != null) {
            pds.close();
        }
    }

    /** The desk's publisher as production builds it (the shared HTTP/2-capable client), reaching the PDS at {@code service}. */
    private static BlueskyPublisher publisher(URI service, TestClock clock) {
        return new BlueskyPublisher(PlatformHttp.sharedClient(), new BlueskyAccount(service, desk.handle(), desk.appPassword()),
                clock, Duration.ofSeconds(15), pages.fetcher());
    }

    private static BlueskyPublisher publisher() {
        return publisher(pds.url(), TestClock.atNow());
    }

    private static PublishRequest request(PostContent content) {
        return new PublishRequest("peer-" + KEYS.incrementAndGet(), content, "peer-" + KEYS.get() + "/bluesky", DUE);
    }

    /** Publishes and reads the record back from the PDS. */
    private static Map<String, Object> publishAndRead(BlueskyPublisher publisher, PublishRequest request) throws Exception {
        PublishOutcome outcome = publisher.publish(request);
        Published published = assertInstanceOf(Published.class, outcome, outcome.toString());
        String rkey = Tid.forPost(request.dueAt(), request.idempotencyKey());
        assertEquals("at://" + desk.did() + "/app.bsky.feed.post/" + rkey, published.remoteId());
        Map<String, Object> stored = pds.post(desk.did(), rkey);
        assertNotNull(stored, "getRecord finds " + rkey);
        assertEquals(request.content().fullText(), stored.get("text"));
        return stored;
    }

    /** The text a facet covers, by its UTF-8 byte range, and its one feature. */
    private static Map.Entry<String, Object> covered(String text, Object facet) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int start = JsonRead.integer(facet, "index", "byteStart").intValue();
        int end = JsonRead.integer(facet, "index", "byteEnd").intValue();
        return Map.entry(new String(bytes, start, end - start, StandardCharsets.UTF_8), JsonRead.list(facet, "features").getFirst());
    }

    @Test
    void publishesPlainTextOverPlainHttp() throws Exception {
        Map<String, Object> stored = publishAndRead(publisher(), request(new PostContent("Plain words from the desk", null)));

        assertFalse(stored.containsKey("facets"));
        assertFalse(stored.containsKey("embed"));
    }

    @Test
    void thePdsClosesTheConnectionOnAnH2cUpgradeWhichTheDeskNoLongerOffers() throws Exception {
        URI health = pds.url().resolve("/xrpc/_health");
        HttpClient defaultClient = HttpClient.newHttpClient(); // HTTP/2 preferred: offers Upgrade: h2c on http

        assertThrows(IOException.class, () -> defaultClient.send(HttpRequest.newBuilder(health).build(),
                HttpResponse.BodyHandlers.ofString()));
        assertEquals(200, defaultClient.send(HttpRequest.newBuilder(health).version(HttpClient.Version.HTTP_1_1).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void linksMentionsAndTagsAreFacetsThePdsStores() throws Exception {
        String text = "Đọc https://example.com/bài-viết cùng @desk.test và @khachhang.test #HàNội #sale\u200D!";

        Map<String, Object> stored = publishAndRead(publisher(), request(new PostContent(text, null)));

        List<Object> facets = JsonRead.list(stored, "facets");
        assertEquals(5, facets.size(), facets.toString());
        assertEquals(Map.entry("https://example.com/bài-viết",
                Map.of("$type", "app.bsky.richtext.facet#link", "uri", "https://example.com/bài-viết")), covered(text, facets.get(0)));
        assertEquals(Map.entry("@desk.test", Map.of("$type", "app.bsky.richtext.facet#mention", "did", desk.did())),
                covered(text, facets.get(1)));
        assertEquals(Map.entry("@khachhang.test", Map.of("$type", "app.bsky.richtext.facet#mention", "did", friend.did())),
                covered(text, facets.get(2)));
        assertEquals(Map.entry("#HàNội", Map.of("$type", "app.bsky.richtext.facet#tag", "tag", "HàNội")), covered(text, facets.get(3)));
        assertEquals(Map.entry("#sale", Map.of("$type", "app.bsky.richtext.facet#tag", "tag", "sale")), covered(text, facets.get(4)));
        assertEquals(List.of("vi"), stored.get("langs"));
    }

    @Test
    void facetsTheLexiconWouldRefuseStayTextAndThePostGoesOut() throws Exception {
        String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67\u200D\uD83D\uDC66";
        String text = "Xem https:///path và https://example.com/sale\u00A0ngay, ưu đãi\u3000#" + family.repeat(30)
                + " #ok\u2028https://example.org/x\u3000hết";

        Map<String, Object> stored = publishAndRead(publisher(), request(new PostContent(text, null)));

        List<String> covered = JsonRead.list(stored, "facets").stream().map(f -> covered(text, f).getKey()).toList();
        assertEquals(List.of("https://example.com/sale", "#ok", "https://example.org/x"), covered);
    }

    @Test
    void vietnameseAndEmojiKeepEveryByte() throws Exception {
        String text = "Chào cả nhà 👨‍👩‍👧‍👦! Cửa hàng mở cửa lúc 8 giờ sáng 🇻🇳 🎉 — hẹn gặp lại ạ 🙏🏽";

        Map<String, Object> stored = publishAndRead(publisher(), request(new PostContent(text, null)));

        assertEquals(List.of("vi"), stored.get("langs"));
    }

    @Test
    void threeHundredGraphemesAreAcceptedAndOneMoreIsNeverSent() throws Exception {
        String limit = "Ồ".repeat(150) + "👍🏽".repeat(150);
        assertEquals(300, TextMeasure.graphemes(limit));

        publishAndRead(publisher(), request(new PostContent(limit, null)));
        PublishOutcome over = publisher().publish(request(new PostContent(limit + "!", null)));

        assertInstanceOf(Permanent.class, over);
    }

    @Test
    void aLinkGetsAPreviewCardWhoseImageIsABlobOfTheRepo() throws Exception {
        byte[] png = png();
        pages.file("/cover.png", "image/png", png);
        pages.page("/article", Map.of("og:title", "Khai trương cửa hàng mới", "og:description", "Giảm 20% cả tuần",
                "og:image", "/cover.png"));
        String link = pages.url("/article");

        Map<String, Object> stored = publishAndRead(publisher(), request(new PostContent("Mời cả nhà ghé chơi!", link)));

        Map<String, Object> external = JsonRead.object(stored, "embed", "external");
        assertEquals("app.bsky.embed.external", JsonRead.string(stored, "embed", "$type"));
        assertEquals(link, external.get("uri"));
        assertEquals("Khai trương cửa hàng mới", external.get("title"));
        assertEquals("Giảm 20% cả tuần", external.get("description"));
        assertEquals("image/png", JsonRead.string(external, "thumb", "mimeType"));
        HttpResponse<byte[]> blob = pds.blob(desk.did(), JsonRead.string(external, "thumb", "ref", "$link"));
        assertEquals(200, blob.statusCode());
        assertEquals(png.length, blob.body().length);
    }

    @Test
    void imagesAreBlobsOfTheRepoEmbeddedWithTheirAltTextAndAspectRatio() throws Exception {
        byte[] png = png();
        pages.file("/flag-1.png", "image/png", png);
        pages.file("/flag-2", "image/png", png);
        List<PostImage> images = List.of(new PostImage(pages.url("/flag-1.png"), "Ba dải màu: đỏ, vàng, xanh"),
                new PostImage(pages.url("/flag-2"), "The same three stripes, again"));

        Map<String, Object> stored = publishAndRead(publisher(), request(new PostContent("Hai ảnh", null, images)));

        assertEquals("app.bsky.embed.images", JsonRead.string(stored, "embed", "$type"));
        List<Object> embedded = JsonRead.list(stored, "embed", "images");
        assertEquals(List.of("Ba dải màu: đỏ, vàng, xanh", "The same three stripes, again"),
                embedded.stream().map(i -> JsonRead.string(i, "alt")).toList());
        for (Object image : embedded) {
            assertEquals(60L, JsonRead.integer(image, "aspectRatio", "width"));
            assertEquals(30L, JsonRead.integer(image, "aspectRatio", "height"));
            assertEquals("image/png", JsonRead.string(image, "image", "mimeType"));
            HttpResponse<byte[]> blob = pds.blob(desk.did(), JsonRead.string(image, "image", "ref", "$link"));
            assertEquals(200, blob.statusCode());
            assertEquals(png.length, blob.body().length);
        }
    }

    @Test
    void aLostAnswerThenARetryLeavesExactlyOneRecord() throws Exception {
        try (LosingProxy proxy = new LosingProxy(pds.url())) {
            BlueskyPublisher publisher = publisher(proxy.url(), TestClock.atNow());
            PublishRequest request = request(new PostContent("Sent once, answered never, retried", null));
            proxy.loseNextAnswer("com.atproto.repo.createRecord");

            PublishOutcome first = publisher.publish(request);
            PublishOutcome retry = publisher.publish(request);

            assertInstanceOf(Transient.class, first, first.toString());
            assertInstanceOf(Published.class, retry, retry.toString());
            String rkey = Tid.forPost(request.dueAt(), request.idempotencyKey());
            List<Object> same = pds.posts(desk.did()).stream()
                    .filter(r -> request.content().fullText().equals(JsonRead.string(r, "value", "text"))).toList();
            assertEquals(1, same.size(), same.toString());
            assertEquals("at://" + desk.did() + "/app.bsky.feed.post/" + rkey, JsonRead.string(same.getFirst(), "uri"));
            assertEquals(2, proxy.calls("com.atproto.repo.createRecord"));
        }
    }

    @Test
    void anExpiredSessionIsRefreshedNotSignedInAgain() throws Exception {
        try (LosingProxy proxy = new LosingProxy(pds.url())) {
            TestClock clock = TestClock.atNow();
            BlueskyPublisher publisher = publisher(proxy.url(), clock);
            publishAndRead(publisher, request(new PostContent("Before the token expires", null)));

            clock.advance(Duration.ofHours(3)); // past the access token's exp, as the PDS wrote it
            publishAndRead(publisher, request(new PostContent("After the token expired", null)));

            assertEquals(1, proxy.calls("com.atproto.server.createSession"));
            assertEquals(1, proxy.calls("com.atproto.server.refreshSession"));
        }
    }

    private static byte[] png() throws IOException {
        BufferedImage image = new BufferedImage(60, 30, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 60; x++) {
            for (int y = 0; y < 30; y++) {
                image.setRGB(x, y, x < 20 ? 0xDA251D : x < 40 ? 0xFFFF00 : 0x0055A4);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
