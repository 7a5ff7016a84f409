package socialdesk.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import socialdesk.aws.media.S3MediaBucket;
import socialdesk.core.post.StoredImage;

/**
 * The bucket that holds uploaded images: private, encrypted, reachable over TLS only, and emptied
 * by a lifecycle rule (the posts API refuses a post due after its upload is deleted, counting
 * {@code ExpirationInDays}). Who may read and write it is PolicyContractTest's.
 */
class MediaBucketContractTest {
    private static final Template TEMPLATE = Template.load();

    private static Map<String, Object> resource(String logicalId) {
        return Template.map(TEMPLATE.resources().get(logicalId));
    }

    private static Map<String, Object> properties(String logicalId) {
        return Template.map(resource(logicalId).get("Properties"));
    }

    @Test
    void everyPublicAccessPathIsBlocked() {
        Map<String, Object> block = Template.map(properties("MediaBucket").get("PublicAccessBlockConfiguration"));

        assertEquals(Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true, "IgnorePublicAcls", true, "RestrictPublicBuckets", true),
                block);
        assertEquals("BucketOwnerEnforced", Template.map(Template.list(Template.map(properties("MediaBucket").get("OwnershipControls"))
                .get("Rules")).getFirst()).get("ObjectOwnership"), "ACLs are off, so no object can be made public by one");
    }

    @Test
    void objectsAreEncryptedAtRest() {
        Map<String, Object> encryption = Template.map(properties("MediaBucket").get("BucketEncryption"));
        Map<String, Object> rule = Template.map(Template.list(encryption.get("ServerSideEncryptionConfiguration")).getFirst());

        assertTrue(List.of("AES256", "aws:kms").contains(Template.map(rule.get("ServerSideEncryptionByDefault")).get("SSEAlgorithm")));
    }

    @Test
    void uploadsAreDeletedAfterThirtyDays() {
        Map<String, Object> lifecycle = Template.map(properties("MediaBucket").get("LifecycleConfiguration"));
        Map<String, Object> rule = Template.map(Template.list(lifecycle.get("Rules")).getFirst());

        assertEquals("Enabled", rule.get("Status"));
        assertEquals(StoredImage.PREFIX, rule.get("Prefix"), "the rule covers the prefix POST /media writes under");
        assertEquals(30, ((Number) rule.get("ExpirationInDays")).intValue(), "the posts API counts on 30 days (Uploads.KEPT)");
    }

    /**
     * The console PUTs an upload from the browser, across origins: S3 answers the preflight only for
     * the console's distribution, only for PUT, and only for the headers POST /media answers (S3 refuses
     * a preflight asking for any other).
     */
    @Test
    void onlyTheConsolesOriginMayPutUploadsFromABrowser() {
        List<Object> rules = Template.list(Template.map(properties("MediaBucket").get("CorsConfiguration")).get("CorsRules"));
        assertEquals(1, rules.size(), "one rule: the console's uploads");
        Map<String, Object> rule = Template.map(rules.getFirst());

        assertEquals(List.of("PUT"), rule.get("AllowedMethods"));
        assertEquals(List.of(Map.of("Fn::Sub", "https://${ConsoleDistribution.DomainName}")), rule.get("AllowedOrigins"));
        assertEquals(List.of("content-type", S3MediaBucket.CHECKSUM_HEADER), rule.get("AllowedHeaders"));
        int maxAge = ((Number) rule.get("MaxAge")).intValue();
        assertTrue(maxAge > 0 && maxAge <= 7200, "browsers cache a preflight for at most two hours: " + maxAge);
        assertFalse(rule.containsKey("ExposedHeaders"), "the console reads nothing from S3's answer but its status");
    }

    @Test
    void requestsWithoutTlsAreDeniedOnTheBucketAndItsObjects() {
        Map<String, Object> policy = properties("MediaBucketPolicy");
        assertEquals(Map.of("Ref", "MediaBucket"), policy.get("Bucket"));
        List<Map<String, Object>> statements = new ArrayList<>();
        PolicyContractTest.collectStatements(policy, statements);

        Map<String, Object> tlsOnly = statements.stream()
                .filter(s -> "Deny".equals(s.get("Effect")) && s.containsKey("Condition")).findFirst()
                .orElseThrow(() -> new AssertionError("no Deny statement with a condition in MediaBucketPolicy"));
        assertEquals("*", tlsOnly.get("Principal"));
        assertEquals(List.of("s3:*"), Template.list(tlsOnly.get("Action")));
        assertEquals(Map.of("Bool", Map.of("aws:SecureTransport", "false")), tlsOnly.get("Condition"));
        assertEquals(List.of(Map.of("Fn::GetAtt", List.of("MediaBucket", "Arn")), Map.of("Fn::Sub", "${MediaBucket.Arn}/*")),
                Template.list(tlsOnly.get("Resource")));
    }

    @Test
    void nothingInTheTemplateAllowsAnyoneOutsideTheAccountIn() {
        List<Map<String, Object>> statements = new ArrayList<>();
        PolicyContractTest.collectStatements(resource("MediaBucketPolicy"), statements);

        assertTrue(statements.stream().filter(s -> "Allow".equals(s.get("Effect"))).toList().isEmpty(),
                "the bucket policy only denies; the functions' roles grant what they need");
    }
}
