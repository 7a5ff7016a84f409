package socialdesk.publish;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import socialdesk.aws.AwsClients;
import socialdesk.aws.media.S3MediaBucket;
import socialdesk.aws.testing.MotoServer;
import socialdesk.aws.testing.RequiresMoto;
import socialdesk.core.platform.ContentRules;
import socialdesk.core.platform.PlatformRules;
import socialdesk.core.post.Platform;
import socialdesk.core.post.PostContent;
import socialdesk.core.post.PostImage;
import socialdesk.core.publish.PlatformAccounts;
import socialdesk.core.publish.PlatformPublisher;
import socialdesk.core.publish.PublishOutcome;
import socialdesk.core.publish.PublishRequest;

/**
 * Uploaded images made publishable per platform, against moto's S3: the bytes for a platform that
 * uploads them, a presigned GET for one that fetches by URL, a URL image left alone, and an upload
 * that is gone failing for good before the platform is called.
 */
@RequiresMoto
class StoredImagesOnMotoTest {
    private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 16, 'J', 'F', 'I', 'F', 0};
    private static S3MediaBucket bucket;
    private static StoredImages storedImages;

    @BeforeAll
    static void bucketWithOneUpload() {
        AwsClients clients = MotoServer.shared().clients();
        String name = "media-" + UUID.randomUUID();
        MotoServer.shared().createBucket(name);
        bucket = clients.mediaBucket(name, Clock.systemUTC());
        storedImages = new StoredImages(bucket);
    }

    private static String uploaded() throws Exception {
        S3MediaBucket.Upload upload = bucket.presignUpload("image/jpeg", JPEG.length);
        int status = HttpClient.newHttpClient().send(HttpRequest.newBuilder(upload.url()).header("Content-Type", "image/jpeg")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(JPEG)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        assertEquals(200, status);
        return upload.reference();
    }

    /** A platform that records what it was asked to send. */
    private static final class Recording implements PlatformPublisher {
        final Platform platform;
        final List<PublishRequest> sent = new ArrayList<>();

        Recording(Platform platform) {
            this.platform = platform;
        }

        @Override
        public Platform platform() {
            return platform;
        }

        @Override
        public ContentRules rules() {
            return PlatformRules.standard().get(platform);
        }

        @Override
        public PublishOutcome publish(PublishRequest request) {
            sent.add(request);
            return new PublishOutcome.Published("remote-" + sent.size(), null);
        }
    }

    private static PublishOutcome send(Recording platform, PostContent content) {
        PlatformAccounts accounts = storedImages.wrap(PlatformAccounts.of(Map.of(platform.platform(), platform)));
        return accounts.publishers().get(platform.platform())
                .publish(new PublishRequest("post-1", content, "key-1", Instant.parse("2026-12-07T09:00:00Z")));
    }

    @Test
    void aPlatformThatUploadsBytesGetsTheUploadsBytes_andAUrlImageAsItWas() throws Exception {
        Recording mastodon = new Recording(Platform.MASTODON);
        PostContent content = new PostContent("Hours", null, List.of(new PostImage(uploaded(), "The sign"),
                new PostImage("https://cdn.example.com/door.jpg", "The door")));

        assertEquals(new PublishOutcome.Published("remote-1", null), send(mastodon, content));

        List<PostImage> images = mastodon.sent.getFirst().content().images();
        assertTrue(images.getFirst().url().startsWith("data:image/jpeg;base64,"), images.getFirst().url());
        assertArrayEquals(JPEG, Base64.getDecoder().decode(images.getFirst().url().substring("data:image/jpeg;base64,".length())));
        assertEquals("The sign", images.getFirst().alt());
        assertEquals(new PostImage("https://cdn.example.com/door.jpg", "The door"), images.get(1));
        assertEquals("key-1", mastodon.sent.getFirst().idempotencyKey());
    }

    @Test
    void aPlatformThatFetchesByUrlGetsAPresignedGetValidForAnHour() throws Exception {
        Recording facebook = new Recording(Platform.FACEBOOK);

        send(facebook, new PostContent("Hours", null, List.of(new PostImage(uploaded(), "The sign"))));

        URI link = URI.create(facebook.sent.getFirst().content().images().getFirst().url());
        assertTrue(link.getRawQuery().contains("X-Amz-Expires=3600"), link.toString());
        HttpResponse<byte[]> fetched = HttpClient.newHttpClient().send(HttpRequest.newBuilder(link).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, fetched.statusCode());
        assertArrayEquals(JPEG, fetched.body());
    }

    @Test
    void anUploadNoLongerThereFailsForGoodWithoutCallingThePlatform() {
        Recording bluesky = new Recording(Platform.BLUESKY);
        String gone = "media://uploads/" + UUID.randomUUID() + ".jpg";

        PublishOutcome outcome = send(bluesky, new PostContent("Hours", null, List.of(new PostImage(gone, "The sign"))));

        assertEquals(new PublishOutcome.Permanent("bluesky: image 1 (" + gone + ") is no longer in the media bucket (uploads are kept 30 days)"),
                outcome);
        assertEquals(List.of(), bluesky.sent);
    }

    @Test
    void aPostWithoutUploadsIsSentAsItCame() {
        Recording x = new Recording(Platform.X);
        PostContent content = new PostContent("Hours", "https://example.com", List.of(new PostImage("https://cdn.example.com/a.png", "A")));

        send(x, content);

        assertSame(content, x.sent.getFirst().content());
    }
}
