package socialdesk.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import socialdesk.core.post.PostContent;
import socialdesk.core.post.PostImage;
import socialdesk.core.publish.PublishOutcome.Published;
import socialdesk.core.publish.PublishRequest;
import socialdesk.local.SandboxPlatform.SandboxImage;
import socialdesk.platforms.PlatformHttp;
import socialdesk.platforms.PublicUrlFetcher;
import socialdesk.platforms.facebook.FacebookAccount;
import socialdesk.platforms.facebook.FacebookPublisher;
import socialdesk.platforms.mastodon.MastodonAccount;
import socialdesk.platforms.mastodon.MastodonPublisher;

/** The sandbox takes images the way Mastodon and a Facebook Page do, so the local stack publishes posts with images. */
class SandboxImagesTest {
    private static final HttpClient CLIENT = PlatformHttp.newClient(Duration.ofSeconds(2));
    private static final Instant NOW = Instant.parse("2026-12-06T09:00:00Z");

    @TempDir
    Path data;

    private static PublishRequest request(String key, int images) {
        List<PostImage> list = IntStream.rangeClosed(1, images)
                .mapToObj(i -> new PostImage("https://cdn.example.com/" + i + ".jpg", "Photo " + i)).toList();
        return new PublishRequest(key, new PostContent("With images", null, list), key, NOW);
    }

    @Test
    void aFacebookPhotoPostAndAPostWithAttachedPhotosShowTheirImages() throws Exception {
        try (SandboxPlatform sandbox = new SandboxPlatform(0, data.resolve("posts.jsonl"), Clock.systemUTC())) {
            FacebookPublisher facebook = new FacebookPublisher(CLIENT,
                    new FacebookAccount(URI.create(sandbox.url()), "v24.0", Demo.META_PAGE_ID, "sandbox"), Clock.systemUTC());

            Published one = assertInstanceOf(Published.class, facebook.publish(request("p1/facebook", 1)));
            Published three = assertInstanceOf(Published.class, facebook.publish(request("p2/facebook", 3)));

            assertEquals(List.of(new SandboxImage("https://cdn.example.com/1.jpg", "")), sandbox.posts("facebook").getFirst().images());
            assertEquals(one.remoteId(), sandbox.posts("facebook").getFirst().id());
            assertEquals(List.of("https://cdn.example.com/1.jpg", "https://cdn.example.com/2.jpg", "https://cdn.example.com/3.jpg"),
                    sandbox.posts("facebook").get(1).images().stream().map(SandboxImage::url).toList());
            assertEquals(three.remoteId(), sandbox.posts("facebook").get(1).id());
            assertTrue(Files.readString(data.resolve("posts.jsonl")).contains("https://cdn.example.com/3.jpg"));
        }
    }

    @Test
    void mastodonAttachmentsKeepTheirAltText() throws Exception {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13};
        HttpServer images = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        images.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "image/png");
            exchange.sendResponseHeaders(200, png.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(png);
            }
        });
        images.start();
        try (SandboxPlatform sandbox = new SandboxPlatform(0, data.resolve("posts.jsonl"), Clock.systemUTC())) {
            InetAddress loopback = InetAddress.getLoopbackAddress();
            PublicUrlFetcher loopbackAllowed = new PublicUrlFetcher(Duration.ofSeconds(2), loopback::equals, host -> List.of(loopback));
            MastodonPublisher mastodon = new MastodonPublisher(CLIENT, new MastodonAccount(URI.create(sandbox.url()), "sandbox"),
                    Clock.systemUTC(), Duration.ofSeconds(2), loopbackAllowed);
            String url = "http://127.0.0.1:" + images.getAddress().getPort() + "/a";

            assertInstanceOf(Published.class, mastodon.publish(new PublishRequest("p3", new PostContent("Alt", null,
                    List.of(new PostImage(url, "A blue square"), new PostImage(url, "Another"))), "p3/mastodon", Instant.now())));

            assertEquals(List.of("A blue square", "Another"),
                    sandbox.posts("mastodon").getFirst().images().stream().map(SandboxImage::alt).toList());
            assertTrue(sandbox.posts("mastodon").getFirst().images().getFirst().url().contains("image/png, 12 bytes"));
        } finally {
            images.stop(0);
        }
    }
}
