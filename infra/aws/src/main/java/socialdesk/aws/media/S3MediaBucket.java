package socialdesk.aws.media;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import socialdesk.core.post.StoredImage;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.utils.IoUtils;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * The desk's private media bucket: images a user uploads for posts. The posts API hands out a
 * presigned {@code PUT} (the bytes go straight to S3, never through Lambda's 6 MB payload), checks
 * an upload exists when a post names it, and the publisher reads it or hands a platform a presigned
 * {@code GET}. Keys are made here ({@code uploads/<uuid>.<ext>}); a caller never chooses one.
 *
 * <p>Every request is a URL signed by the SDK's own SigV4 signer in S3's query-string form ({@link S3UrlSigner}), and the reads are sent over the SDK HTTP client the other
 * clients share. The S3 client itself is not used: it would take each function that holds it over the
 * 8 MiB jar limit (docs/decisions/2026-12-06-image-publishing.md).
 */
public final class S3MediaBucket {
    /** The formats a platform takes somewhere (docs/platforms.md, Images), by the extension the key gets. */
    public static final Map<String, String> EXTENSION_OF_TYPE = Map.of(
            "image/jpeg", "jpg", "image/png", "png", "image/gif", "gif", "image/webp", "webp");
    /** The largest upload: the most any platform takes (Mastodon's 16 MB); each platform's own limit is checked when a post names it. */
    public static final long MAX_UPLOAD_BYTES = 16L * 1024 * 1024;
    /** How long an upload URL may be used: long enough for a slow connection, short enough not to be shared. */
    public static final Duration UPLOAD_VALIDITY = Duration.ofMinutes(15);
    /** How long the URL of one of our own reads is signed for: it is sent at once. */
    private static final Duration READ_SIGNATURE = Duration.ofMinutes(5);
    /** The header S3 checks an upload's content against (a 400 BadDigest when they differ). */
    public static final String CHECKSUM_HEADER = "x-amz-checksum-sha256";
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");
    /** Reads that meet a 5xx or a broken connection are tried this often in all. */
    private static final int READ_ATTEMPTS = 3;

    private final S3UrlSigner signer = new S3UrlSigner();
    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;
    private final Region region;
    private final URI bucketUrl;
    private final Clock clock;

    /**
     * @param endpoint the S3 endpoint when it is not AWS's (the local stack, an emulator), addressed
     *                 path-style ({@code http://127.0.0.1:port/bucket/key}: a bucket name cannot become a
     *                 subdomain of an IP address); null for the bucket's own virtual-hosted address
     */
    public S3MediaBucket(SdkHttpClient http, AwsCredentialsProvider credentials, Region region, URI endpoint,
                         String bucket, Clock clock) {
        this.http = Objects.requireNonNull(http, "http");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.region = Objects.requireNonNull(region, "region");
        this.clock = Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(bucket, "bucket");
        this.bucketUrl = endpoint == null
                ? URI.create("https://" + bucket + ".s3." + region.id() + "." + dnsSuffix(region) + "/")
                : URI.create(endpoint.toString().replaceAll("/+$", "") + "/" + bucket + "/");
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

    /** The bucket did not answer, or answered with something other than the object or its absence. */
    public static final class UnavailableException extends RuntimeException {
        UnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Why an upload cannot be offered, for a 400. Empty when {@code contentType} and {@code bytes} are
     * fine, and {@code sha256} is null or 64 hexadecimal digits.
     */
    public static List<String> uploadProblems(String contentType, long bytes, String sha256) {
        List<String> problems = new ArrayList<>();
        if (contentType == null || !EXTENSION_OF_TYPE.containsKey(contentType)) {
            problems.add("contentType must be one of " + EXTENSION_OF_TYPE.keySet().stream().sorted().toList());
        }
        if (bytes < 1 || bytes > MAX_UPLOAD_BYTES) {
            problems.add("bytes must be from 1 to " + MAX_UPLOAD_BYTES + " (16 MB, the most any platform takes)");
        }
        if (sha256 != null && !SHA256_HEX.matcher(sha256).matches()) {
            problems.add("sha256 must be the file's SHA-256 digest in 64 hexadecimal digits");
        }
        return problems;
    }

    /** A fresh key and a signed {@code PUT} for exactly {@code bytes} bytes of {@code contentType}; no request is made. */
    public Upload presignUpload(String contentType, long bytes) {
        requireUploadable(contentType, bytes, null);
        return presignUpload(StoredImage.PREFIX + UUID.randomUUID() + "." + EXTENSION_OF_TYPE.get(contentType), contentType, bytes, null);
    }

    /**
     * A signed {@code PUT} for the file whose SHA-256 digest is {@code sha256} (hexadecimal): S3 refuses
     * any other content (BadDigest), and the key is made from the digest, so the same file uploaded
     * again gets the same reference. A calendar imported twice thus names the same image twice, and
     * its posts are found by their client tokens instead of refused as changed.
     */
    public Upload presignUpload(String contentType, long bytes, String sha256) {
        requireUploadable(contentType, bytes, Objects.requireNonNull(sha256, "sha256"));
        String lower = sha256.toLowerCase(Locale.ROOT);
        UUID name = UUID.nameUUIDFromBytes((contentType + "\n" + lower).getBytes(StandardCharsets.UTF_8));
        return presignUpload(StoredImage.PREFIX + name + "." + EXTENSION_OF_TYPE.get(contentType), contentType, bytes,
                Base64.getEncoder().encodeToString(HexFormat.of().parseHex(lower)));
    }

    /** @param checksum the content's SHA-256 in base64, as S3's {@code x-amz-checksum-sha256} takes it; null for none */
    Upload presignUpload(String key, String contentType, long bytes, String checksum) {
        Map<String, String> headers = new TreeMap<>(Map.of("Content-Type", contentType, "Content-Length", Long.toString(bytes)));
        if (checksum != null) {
            headers.put(CHECKSUM_HEADER, checksum);
        }
        Instant signedAt = clock.instant();
        return new Upload(StoredImage.reference(key), presign(SdkHttpMethod.PUT, key, headers, UPLOAD_VALIDITY, signedAt),
                Map.copyOf(headers), signedAt.plus(UPLOAD_VALIDITY));
    }

    private static void requireUploadable(String contentType, long bytes, String sha256) {
        List<String> problems = uploadProblems(contentType, bytes, sha256);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /** A URL a platform can fetch the object from for {@code validFor}; signing is local, no request is made. */
    public URI presignedGet(String key, Duration validFor) {
        return presign(SdkHttpMethod.GET, key, Map.of(), validFor, clock.instant());
    }

    /** The object's type and size, or empty when there is none under {@code key} (HeadObject). */
    public Optional<Stored> head(String key) {
        return send(SdkHttpMethod.HEAD, key, Map.of(), response -> new Stored(
                response.httpResponse().firstMatchingHeader("Content-Type").orElse(null),
                response.httpResponse().firstMatchingHeader("Content-Length").map(Long::parseLong).orElse(0L),
                response.httpResponse().firstMatchingHeader("Last-Modified").map(S3MediaBucket::httpDate).orElse(null)));
    }

    /** The object's bytes (GetObject), or empty when there is none. */
    public Optional<Read> read(String key) {
        return send(SdkHttpMethod.GET, key, Map.of(), response -> {
            try (InputStream body = response.responseBody().orElseThrow(() -> new IOException("GetObject answered without a body"))) {
                return new Read(response.httpResponse().firstMatchingHeader("Content-Type").orElse(null), IoUtils.toByteArray(body));
            }
        });
    }

    /**
     * The object's first {@code bytes} bytes at most (a ranged GET), or empty when there is none:
     * enough of an image for its header, without reading a large file whole.
     */
    public Optional<byte[]> readStart(String key, int bytes) {
        return send(SdkHttpMethod.GET, key, Map.of("Range", "bytes=0-" + (bytes - 1)), response -> {
            try (InputStream body = response.responseBody().orElseThrow(() -> new IOException("GetObject answered without a body"))) {
                return body.readNBytes(bytes);
            }
        });
    }

    private interface BodyReader<T> {
        T read(HttpExecuteResponse response) throws IOException;
    }

    /**
     * One signed request, tried again on a 5xx or a broken connection; 404 is "no such object".
     * {@code unsignedHeaders} go with it outside the signature (S3 takes a Range so).
     */
    private <T> Optional<T> send(SdkHttpMethod method, String key, Map<String, String> unsignedHeaders, BodyReader<T> reader) {
        UnavailableException last = null;
        for (int attempt = 1; attempt <= READ_ATTEMPTS; attempt++) {
            SdkHttpRequest.Builder builder = SdkHttpRequest.builder().uri(presign(method, key, Map.of(), READ_SIGNATURE, clock.instant()))
                    .method(method);
            unsignedHeaders.forEach(builder::putHeader);
            SdkHttpRequest request = builder.build();
            try {
                HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder().request(request).build()).call();
                int status = response.httpResponse().statusCode();
                try {
                    if (status == 404) {
                        return Optional.empty();
                    }
                    if (status / 100 == 2) {
                        return Optional.of(reader.read(response));
                    }
                    last = new UnavailableException(method + " of " + key + " in the media bucket answered HTTP " + status, null);
                    if (status < 500) {
                        throw last;
                    }
                } finally {
                    response.responseBody().ifPresent(body -> IoUtils.closeQuietlyV2(body, null));
                }
            } catch (IOException e) {
                last = new UnavailableException(method + " of " + key + " in the media bucket failed: " + e.getMessage(), e);
            }
        }
        throw last;
    }

    private URI presign(SdkHttpMethod method, String key, Map<String, String> signedHeaders, Duration validFor, Instant now) {
        SdkHttpRequest.Builder request = SdkHttpRequest.builder()
                .uri(bucketUrl.resolve(SdkHttpUtils.urlEncodeIgnoreSlashes(key)))
                .method(method);
        signedHeaders.forEach(request::putHeader);
        return signer.sign(request.build(), credentials.resolveCredentials(), region.id(), validFor, now).getUri();
    }

    private static String dnsSuffix(Region region) {
        return region.metadata() == null ? "amazonaws.com" : region.metadata().partition().dnsSuffix();
    }

    private static Instant httpDate(String value) {
        try {
            return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
