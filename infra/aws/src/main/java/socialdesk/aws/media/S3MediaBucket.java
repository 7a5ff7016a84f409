package socialdesk.aws.media;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import socialdesk.core.post.StoredImage;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/**
 * The desk's private media bucket: images a user uploads for posts. The posts API hands out a
 * presigned {@code PUT} (the bytes go straight to S3, never through Lambda's 6 MB payload), checks
 * an upload exists when a post names it, and the publisher reads it or hands a platform a presigned
 * {@code GET}. Keys are made here ({@code uploads/<uuid>.<ext>}); a caller never chooses one.
 */
public final class S3MediaBucket {
    /** The formats a platform takes somewhere (docs/platforms.md, Images), by the extension the key gets. */
    public static final Map<String, String> EXTENSION_OF_TYPE = Map.of(
            "image/jpeg", "jpg", "image/png", "png", "image/gif", "gif", "image/webp", "webp");
    /** The largest upload: the most any platform takes (Mastodon's 16 MB); each platform's own limit is checked at publish. */
    public static final long MAX_UPLOAD_BYTES = 16L * 1024 * 1024;
    /** How long an upload URL may be used: long enough for a slow connection, short enough not to be shared. */
    public static final Duration UPLOAD_VALIDITY = Duration.ofMinutes(15);

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;

    public S3MediaBucket(S3Client s3, S3Presigner presigner, String bucket) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.presigner = Objects.requireNonNull(presigner, "presigner");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
    }

    /**
     * Where to {@code PUT} one file.
     *
     * @param reference the {@code media://} URL a post's image carries once the file is up
     * @param headers   what the {@code PUT} must send: the content type and length are in the signature
     */
    public record Upload(String reference, URI url, Map<String, String> headers, Instant expiresAt) {
    }

    /** A stored object's type, size and upload time, as S3 recorded them. */
    public record Stored(String contentType, long bytes, Instant uploadedAt) {
    }

    /** One read image. */
    public record Read(String contentType, byte[] bytes) {
    }

    /** Why an upload cannot be offered, for a 400. Empty when {@code contentType} and {@code bytes} are fine. */
    public static List<String> uploadProblems(String contentType, long bytes) {
        List<String> problems = new java.util.ArrayList<>();
        if (contentType == null || !EXTENSION_OF_TYPE.containsKey(contentType)) {
            problems.add("contentType must be one of " + EXTENSION_OF_TYPE.keySet().stream().sorted().toList());
        }
        if (bytes < 1 || bytes > MAX_UPLOAD_BYTES) {
            problems.add("bytes must be from 1 to " + MAX_UPLOAD_BYTES + " (16 MB, the most any platform takes)");
        }
        return problems;
    }

    /** A fresh key and a signed {@code PUT} for exactly {@code bytes} bytes of {@code contentType}; no request is made. */
    public Upload presignUpload(String contentType, long bytes) {
        if (!uploadProblems(contentType, bytes).isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", uploadProblems(contentType, bytes)));
        }
        String key = StoredImage.PREFIX + UUID.randomUUID() + "." + EXTENSION_OF_TYPE.get(contentType);
        PresignedPutObjectRequest signed = presigner.presignPutObject(p -> p
                .signatureDuration(UPLOAD_VALIDITY)
                .putObjectRequest(o -> o.bucket(bucket).key(key).contentType(contentType).contentLength(bytes)));
        return new Upload(StoredImage.reference(key), URI.create(signed.url().toString()),
                Map.of("Content-Type", contentType, "Content-Length", Long.toString(bytes)), signed.expiration());
    }

    /** The object's type and size, or empty when there is none under {@code key} (HeadObject). */
    public Optional<Stored> head(String key) {
        try {
            HeadObjectResponse head = s3.headObject(h -> h.bucket(bucket).key(key));
            return Optional.of(new Stored(head.contentType(), head.contentLength() == null ? 0 : head.contentLength(), head.lastModified()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            // HeadObject has no body, so a missing key comes back as a bare 404 rather than NoSuchKey.
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The object's bytes (GetObject), or empty when there is none. */
    public Optional<Read> read(String key) {
        try {
            ResponseBytes<GetObjectResponse> object = s3.getObjectAsBytes(g -> g.bucket(bucket).key(key));
            return Optional.of(new Read(object.response().contentType(), object.asByteArray()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    /** A URL a platform can fetch the object from for {@code validFor}; signing is local, no request is made. */
    public URI presignedGet(String key, Duration validFor) {
        PresignedGetObjectRequest signed = presigner.presignGetObject(p -> p
                .signatureDuration(validFor)
                .getObjectRequest(g -> g.bucket(bucket).key(key)));
        return URI.create(signed.url().toString());
    }
}
