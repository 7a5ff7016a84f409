package socialdesk.publish;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import socialdesk.aws.media.S3MediaBucket;
import socialdesk.core.platform.ContentRules;
import socialdesk.core.post.Platform;
import socialdesk.core.post.PostContent;
import socialdesk.core.post.PostImage;
import socialdesk.core.post.StoredImage;
import socialdesk.core.publish.PlatformAccounts;
import socialdesk.core.publish.PlatformPublisher;
import socialdesk.core.publish.PublishOutcome;
import socialdesk.core.publish.PublishRequest;
import socialdesk.core.publish.SentPostLookup;
import socialdesk.platforms.ImageFiles;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Uploaded images ({@code media://<key>}) made publishable, per platform, just before the send: the
 * platforms that fetch an image themselves (Meta's, Slack, Telegram) get a presigned {@code GET}
 * valid for {@link #LINK_VALIDITY}; the ones that take the bytes get them read from the bucket
 * (GetObject, never a public fetch) and handed over as a data URL, which {@link ImageFiles} reads
 * without fetching. The post itself keeps its {@code media://} references, so its fingerprint does
 * not change between attempts.
 */
final class StoredImages {
    /** How long a platform has to fetch an image it was given by URL. */
    static final Duration LINK_VALIDITY = Duration.ofHours(1);
    /** The platforms given an image URL rather than its bytes (their publishing classes in infra/platforms). */
    static final Set<Platform> FETCH_BY_URL = EnumSet.of(Platform.FACEBOOK, Platform.INSTAGRAM, Platform.THREADS,
            Platform.SLACK, Platform.TELEGRAM);

    private final S3MediaBucket bucket;

    StoredImages(S3MediaBucket bucket) {
        this.bucket = bucket;
    }

    /** The same accounts, each publisher resolving uploaded images first. */
    PlatformAccounts wrap(PlatformAccounts accounts) {
        Map<Platform, PlatformPublisher> wrapped = new LinkedHashMap<>();
        accounts.publishers().forEach((platform, publisher) -> wrapped.put(platform, new Resolving(publisher)));
        return new PlatformAccounts(wrapped, accounts.credentialsExpireAt());
    }

    /** The content with every {@code media://} image made something {@code platform} can be given; a problem otherwise. */
    PublishOutcome.Permanent resolve(Platform platform, PostContent content, List<PostImage> out) {
        for (int i = 0; i < content.images().size(); i++) {
            PostImage image = content.images().get(i);
            Optional<String> key = StoredImage.key(image.url());
            if (key.isEmpty()) {
                out.add(image);
            } else if (FETCH_BY_URL.contains(platform)) {
                out.add(new PostImage(bucket.presignedGet(key.get(), LINK_VALIDITY).toString(), image.alt()));
            } else {
                Optional<S3MediaBucket.Read> read = bucket.read(key.get());
                if (read.isEmpty()) {
                    return new PublishOutcome.Permanent(platform.id() + ": image " + (i + 1) + " (" + image.url()
                            + ") is no longer in the media bucket (uploads are kept 30 days)");
                }
                out.add(new PostImage(ImageFiles.dataUrl(read.get().contentType(), read.get().bytes()), image.alt()));
            }
        }
        return null;
    }

    private final class Resolving implements PlatformPublisher {
        private final PlatformPublisher publisher;

        Resolving(PlatformPublisher publisher) {
            this.publisher = publisher;
        }

        @Override
        public Platform platform() {
            return publisher.platform();
        }

        @Override
        public ContentRules rules() {
            return publisher.rules();
        }

        @Override
        public PublishOutcome publish(PublishRequest request) {
            PostContent content = request.content();
            if (content.images().stream().noneMatch(i -> StoredImage.key(i.url()).isPresent())) {
                return publisher.publish(request);
            }
            List<PostImage> images = new ArrayList<>();
            PublishOutcome.Permanent problem;
            try {
                problem = resolve(publisher.platform(), content, images);
            } catch (S3MediaBucket.UnavailableException e) {
                return new PublishOutcome.Transient(publisher.platform().id() + ": could not read an uploaded image: "
                        + e.getMessage(), null);
            } catch (SdkException e) {
                // The role's credentials could not be had to sign the read.
                return new PublishOutcome.Transient(publisher.platform().id() + ": could not read an uploaded image: "
                        + e.getClass().getSimpleName(), null);
            }
            if (problem != null) {
                return problem;
            }
            return publisher.publish(new PublishRequest(request.postId(), new PostContent(content.text(), content.link(), images),
                    request.idempotencyKey(), request.dueAt()));
        }

        @Override
        public SentPostLookup sentPosts() {
            return publisher.sentPosts();
        }
    }
}
