package socialdesk.aws.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import socialdesk.core.post.StoredImage;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The media bucket signs its own URLs with the SDK's SigV4 signer instead of holding S3's client;
 * each URL must be the one S3's own presigner makes for the same request, key, instant and
 * credentials, signature included, at AWS's virtual-hosted address and path-style at an emulator.
 */
class S3MediaBucketSigningTest {
    private static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider.create(
            AwsSessionCredentials.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "session/token+with=symbols"));
    private static final String KEY = StoredImage.PREFIX + "6f1c2b0e-1111-4a4a-9c9c-0123456789ab.png";
    private static final URI EMULATOR = URI.create("http://127.0.0.1:4566");
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private static S3Presigner presigner(Region region, URI endpoint) {
        S3Presigner.Builder builder = S3Presigner.builder().region(region).credentialsProvider(CREDENTIALS)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(endpoint != null).build());
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }

    /** Our bucket with its clock at the instant S3's presigner signed {@code reference} at. */
    private static S3MediaBucket bucketAtTheTimeOf(URI reference, Region region, URI endpoint) {
        String amzDate = query(reference).get("X-Amz-Date");
        Instant signedAt = Instant.from(AMZ_DATE.parse(amzDate));
        return new S3MediaBucket(UrlConnectionHttpClient.create(), CREDENTIALS, region, endpoint, "desk-media",
                Clock.fixed(signedAt, ZoneOffset.UTC));
    }

    private static Map<String, String> query(URI url) {
        return java.util.Arrays.stream(url.getRawQuery().split("&")).map(p -> p.split("=", 2))
                .collect(java.util.stream.Collectors.toMap(p -> p[0], p -> p[1]));
    }

    /** Every query parameter (the signature among them) and the address, in an order that compares. */
    private static Map<String, String> signedParts(URI url) {
        Map<String, String> parts = new java.util.TreeMap<>(query(url));
        parts.put("scheme+host+path", url.getScheme() + "://" + url.getRawAuthority() + url.getRawPath());
        return parts;
    }

    /**
     * In us-east-1 S3's presigner names the legacy global host (desk-media.s3.amazonaws.com); ours the
     * regional one, which S3 documents for every region and which signs differently only by its host.
     * So us-east-1 is compared path-style, and its virtual-hosted address on its own.
     */
    @Test
    void aPresignedGetIsTheOneS3sPresignerMakes() {
        for (Region region : new Region[] {Region.AP_SOUTHEAST_1, Region.EU_WEST_1}) {
            assertSameAsPresigner(region, null, p -> p.presignGetObject(r -> r.signatureDuration(Duration.ofHours(1))
                    .getObjectRequest(g -> g.bucket("desk-media").key(KEY))).url(), b -> b.presignedGet(KEY, Duration.ofHours(1)));
        }
        assertSameAsPresigner(Region.US_EAST_1, EMULATOR, p -> p.presignGetObject(r -> r.signatureDuration(Duration.ofHours(1))
                .getObjectRequest(g -> g.bucket("desk-media").key(KEY))).url(), b -> b.presignedGet(KEY, Duration.ofHours(1)));
    }

    @Test
    void anUploadUrlIsTheOneS3sPresignerMakesWithTypeAndLengthSigned() {
        for (Region region : new Region[] {Region.AP_SOUTHEAST_1, Region.US_EAST_1}) {
            URI endpoint = region == Region.US_EAST_1 ? EMULATOR : null;
            try (S3Presigner presigner = presigner(region, endpoint)) {
                URI theirs = URI.create(presigner.presignPutObject(r -> r.signatureDuration(S3MediaBucket.UPLOAD_VALIDITY)
                        .putObjectRequest(o -> o.bucket("desk-media").key(KEY).contentType("image/png").contentLength(12_345L)))
                        .url().toString());
                S3MediaBucket.Upload upload = bucketAtTheTimeOf(theirs, region, endpoint).presignUpload(KEY, "image/png", 12_345, null);
                assertEquals(signedParts(theirs), signedParts(upload.url()), "in " + region);
                assertEquals("content-length%3Bcontent-type%3Bhost", query(upload.url()).get("X-Amz-SignedHeaders"));
                assertEquals(Map.of("Content-Type", "image/png", "Content-Length", "12345"), upload.headers());
                assertEquals(Instant.from(AMZ_DATE.parse(query(theirs).get("X-Amz-Date"))).plus(S3MediaBucket.UPLOAD_VALIDITY),
                        upload.expiresAt());
                assertEquals(StoredImage.reference(KEY), upload.reference());
            }
        }
    }

    @Test
    void theVirtualHostedAddressIsTheRegionalOne() {
        S3MediaBucket bucket = new S3MediaBucket(UrlConnectionHttpClient.create(), CREDENTIALS, Region.US_EAST_1, null, "desk-media",
                Clock.systemUTC());
        assertEquals("desk-media.s3.us-east-1.amazonaws.com", bucket.presignedGet(KEY, Duration.ofMinutes(1)).getHost());
        S3MediaBucket china = new S3MediaBucket(UrlConnectionHttpClient.create(), CREDENTIALS, Region.CN_NORTH_1, null, "desk-media",
                Clock.systemUTC());
        assertEquals("desk-media.s3.cn-north-1.amazonaws.com.cn", china.presignedGet(KEY, Duration.ofMinutes(1)).getHost());
    }

    private static void assertSameAsPresigner(Region region, URI endpoint, java.util.function.Function<S3Presigner, java.net.URL> theirsOf,
                                              java.util.function.Function<S3MediaBucket, URI> oursOf) {
        try (S3Presigner presigner = presigner(region, endpoint)) {
            URI theirs = URI.create(theirsOf.apply(presigner).toString());
            URI ours = oursOf.apply(bucketAtTheTimeOf(theirs, region, endpoint));
            assertEquals(signedParts(theirs), signedParts(ours), "at " + endpoint + " in " + region);
        }
    }

    @Test
    void anUploadOfKnownContentSignsItsChecksumAsS3sPresignerDoesAndIsNamedByIt() {
        String sha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
        String base64 = java.util.Base64.getEncoder().encodeToString(java.util.HexFormat.of().parseHex(sha256));
        try (S3Presigner presigner = presigner(Region.AP_SOUTHEAST_1, null)) {
            URI theirs = URI.create(presigner.presignPutObject(r -> r.signatureDuration(S3MediaBucket.UPLOAD_VALIDITY)
                    .putObjectRequest(o -> o.bucket("desk-media").key(KEY).contentType("image/png").contentLength(4L)
                            .checksumSHA256(base64))).url().toString());
            S3MediaBucket bucket = bucketAtTheTimeOf(theirs, Region.AP_SOUTHEAST_1, null);
            S3MediaBucket.Upload upload = bucket.presignUpload(KEY, "image/png", 4, base64);
            assertEquals(signedParts(theirs), signedParts(upload.url()));
            assertEquals("content-length%3Bcontent-type%3Bhost%3Bx-amz-checksum-sha256", query(upload.url()).get("X-Amz-SignedHeaders"));
            assertEquals(base64, upload.headers().get(S3MediaBucket.CHECKSUM_HEADER));

            S3MediaBucket.Upload named = bucket.presignUpload("image/png", 4, sha256);
            assertEquals(named.reference(), bucket.presignUpload("image/png", 4, sha256.toUpperCase(java.util.Locale.ROOT)).reference(),
                    "the same content is the same key");
            assertTrue(named.reference().matches("media://uploads/[0-9a-f-]{36}\\.png"), named.reference());
            org.junit.jupiter.api.Assertions.assertNotEquals(named.reference(), bucket.presignUpload("image/png", 4,
                    "0".repeat(64)).reference());
        }
    }

    @Test
    void aDigestThatIsNotSha256HexIsAProblem() {
        assertEquals(List.of("sha256 must be the file's SHA-256 digest in 64 hexadecimal digits"),
                S3MediaBucket.uploadProblems("image/png", 4, "abc"));
        assertEquals(List.of(), S3MediaBucket.uploadProblems("image/png", 4, null));
    }
}
