package socialdesk.postsapi;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import socialdesk.aws.media.S3MediaBucket;
import socialdesk.core.platform.ImageRules;
import socialdesk.core.post.Platform;
import socialdesk.core.post.PostImage;
import socialdesk.core.post.StoredImage;
import socialdesk.platforms.ImageFiles;

/**
 * {@code POST /media} and the queue-time check of the uploads a post names. The file itself never
 * reaches this function: the answer is a presigned {@code PUT} for the stated type and size, and a
 * {@code media://} reference for the post's image {@code url}.
 */
final class Uploads {
    /**
     * How much of an upload is read for its width and height where a platform of the post limits them:
     * a PNG's or GIF's header is in its first bytes, a JPEG's follows its metadata (EXIF, a colour
     * profile), which this leaves room for. An image whose header lies further is checked when fetched.
     */
    static final int HEADER_BYTES = 256 * 1024;
    /** What the template's lifecycle rule keeps an upload for (MediaBucket, ExpirationInDays). */
    static final Duration KEPT = Duration.ofDays(30);

    /** Null when this desk has no media bucket: uploaded images are then refused. */
    private final S3MediaBucket bucket;

    Uploads(S3MediaBucket bucket) {
        this.bucket = bucket;
    }

    /**
     * {@code {"contentType": "image/png", "bytes": 123456, "sha256": "…"}} to an upload URL, or a 400
     * saying what is wrong. With the file's {@code sha256} (hexadecimal; optional) the upload must be
     * exactly that content and the same file always gets the same reference.
     */
    Map<String, Object> offer(Object body) {
        if (!(body instanceof Map<?, ?> fields)) {
            throw new ApiException(400, "invalid_body", "the body must be a JSON object");
        }
        List<String> problems = new ArrayList<>();
        fields.keySet().stream().filter(k -> !List.of("contentType", "bytes", "sha256").contains(k)).map(String::valueOf).sorted()
                .forEach(k -> problems.add("unknown field '" + k + "' (known: bytes, contentType, sha256)"));
        Object type = fields.get("contentType");
        Object bytes = fields.get("bytes");
        Object sha256 = fields.get("sha256");
        if (!(type instanceof String)) {
            problems.add("contentType must be a string, the file's media type");
        }
        if (!(bytes instanceof Long)) {
            problems.add("bytes must be the file's size, a whole number");
        }
        if (sha256 != null && !(sha256 instanceof String)) {
            problems.add("sha256 must be a string, the file's SHA-256 digest in hexadecimal");
        }
        if (type instanceof String t && bytes instanceof Long n) {
            problems.addAll(S3MediaBucket.uploadProblems(t, n, sha256 instanceof String d ? d : null));
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        requireBucket();
        S3MediaBucket.Upload upload = sha256 == null ? bucket.presignUpload((String) type, (Long) bytes)
                : bucket.presignUpload((String) type, (Long) bytes, (String) sha256);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("url", upload.reference());
        out.put("uploadUrl", upload.url().toString());
        out.put("method", "PUT");
        out.put("headers", upload.headers());
        out.put("expiresAt", upload.expiresAt().toString());
        out.put("keptUntil", upload.expiresAt().plus(KEPT).toString());
        return out;
    }

    /**
     * Why the uploaded images among {@code images} cannot be published at {@code dueAt} to
     * {@code platforms}: not uploaded (HeadObject finds nothing), not an image, gone by then, larger
     * than a platform takes, or of dimensions a platform refuses (known here, unlike an image given by
     * URL, which is measured when it is fetched, or by the platform that fetches it).
     */
    List<String> problems(List<PostImage> images, Instant dueAt, List<Platform> platforms) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            String url = images.get(i).url();
            Optional<String> key = StoredImage.key(url);
            if (key.isEmpty() || !StoredImage.validKey(key.get())) {
                continue;
            }
            requireBucket();
            String name = "image " + (i + 1) + " (" + url + ")";
            Optional<S3MediaBucket.Stored> stored = bucket.head(key.get());
            if (stored.isEmpty()) {
                problems.add(name + " is not in the media bucket: PUT the file to the uploadUrl POST /media gave first"
                        + " (uploads are kept " + KEPT.toDays() + " days)");
            } else if (!S3MediaBucket.EXTENSION_OF_TYPE.containsKey(stored.get().contentType())) {
                problems.add(name + " was uploaded as " + stored.get().contentType() + ", not as one of "
                        + S3MediaBucket.EXTENSION_OF_TYPE.keySet().stream().sorted().toList());
            } else if (stored.get().uploadedAt() != null && dueAt.isAfter(stored.get().uploadedAt().plus(KEPT).minus(Duration.ofDays(1)))) {
                problems.add(name + " is kept until " + stored.get().uploadedAt().plus(KEPT) + " and the post is due at " + dueAt
                        + ": give the image by URL, or upload it again nearer the time");
            } else {
                List<ImageRules> rules = platforms.stream().map(ImageRules::of)
                        // A type the platform refuses is already named by the queue's rules (the key's extension).
                        .filter(r -> r.formats().contains(stored.get().contentType())).toList();
                for (ImageRules r : rules) {
                    r.fileProblem(i + 1, stored.get().contentType(), stored.get().bytes()).ifPresent(problems::add);
                }
                if (rules.stream().anyMatch(ImageRules::statesDimensions)) {
                    int[] size = bucket.readStart(key.get(), HEADER_BYTES).map(ImageFiles::dimensions).orElse(null);
                    for (ImageRules r : size == null ? List.<ImageRules>of() : rules) {
                        r.dimensionProblem(i + 1, size[0], size[1]).ifPresent(problems::add);
                    }
                }
            }
        }
        return problems;
    }

    private void requireBucket() {
        if (bucket == null) {
            throw new ApiException(400, "uploads_not_configured", "this desk has no media bucket: give images by http(s) URL");
        }
    }
}
