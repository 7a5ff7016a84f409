package socialdesk.aws.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * Our signer against the worked example AWS publishes and against the SDK's own signer, configured
 * as a service other than S3 needs it: the payload's hash signed, the path encoded twice and
 * normalised (the signer's defaults, which only S3 turns off), no chunked encoding.
 */
class SigV4Test {
    private static final AwsCredentials EXAMPLE_KEY = AwsCredentials.of("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    private static final Instant EXAMPLE_TIME = Instant.parse("2015-08-30T12:36:00Z");

    /** The IAM ListUsers example of AWS's "Create a signed AWS API request" guide, signature included. */
    @Test
    void signsTheWorkedExampleOfTheAwsDocumentation() {
        Map<String, String> added = SigV4.sign("GET", URI.create("https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08"),
                Map.of("content-type", "application/x-www-form-urlencoded; charset=utf-8"), new byte[0],
                "us-east-1", "iam", EXAMPLE_KEY, EXAMPLE_TIME);

        assertEquals(Map.of(
                "X-Amz-Date", "20150830T123600Z",
                "Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request,"
                        + " SignedHeaders=content-type;host;x-amz-date,"
                        + " Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7"), added);
    }

    @Test
    void sendsAndSignsTheSessionTokenOfTemporaryCredentials() {
        AwsCredentials temporary = new AwsCredentials("ASIAEXAMPLE", "secret", "token/with+chars=", Instant.parse("2026-01-01T00:00:00Z"));

        Map<String, String> added = SigV4.sign("POST", URI.create("https://dynamodb.eu-west-1.amazonaws.com/"),
                Map.of("Content-Type", "application/x-amz-json-1.0"), "{}".getBytes(StandardCharsets.UTF_8),
                "eu-west-1", "dynamodb", temporary, EXAMPLE_TIME);

        assertEquals("token/with+chars=", added.get("X-Amz-Security-Token"));
        assertTrue(added.get("Authorization").contains("SignedHeaders=content-type;host;x-amz-date;x-amz-security-token,"),
                added.get("Authorization"));
    }

    @Test
    void theSignatureCoversTheBody() {
        URI uri = URI.create("https://dynamodb.us-east-1.amazonaws.com/");
        Map<String, String> headers = Map.of("Content-Type", "application/x-amz-json-1.0");

        String one = SigV4.sign("POST", uri, headers, "{\"a\":1}".getBytes(StandardCharsets.UTF_8), "us-east-1", "dynamodb",
                EXAMPLE_KEY, EXAMPLE_TIME).get("Authorization");
        String other = SigV4.sign("POST", uri, headers, "{\"a\":2}".getBytes(StandardCharsets.UTF_8), "us-east-1", "dynamodb",
                EXAMPLE_KEY, EXAMPLE_TIME).get("Authorization");

        assertNotEquals(one, other);
    }

    @Test
    void theHostHeaderNamesThePortOnlyWhenItIsNotTheSchemesDefault() {
        assertEquals("dynamodb.us-east-1.amazonaws.com", SigV4.hostHeader(URI.create("https://dynamodb.us-east-1.amazonaws.com/")));
        assertEquals("example.com", SigV4.hostHeader(URI.create("https://example.com:443/")));
        assertEquals("example.com", SigV4.hostHeader(URI.create("http://example.com:80/")));
        assertEquals("127.0.0.1:8000", SigV4.hostHeader(URI.create("http://127.0.0.1:8000/")));
        assertEquals("example.com:80", SigV4.hostHeader(URI.create("https://example.com:80/")));
    }

    static Stream<Arguments> handPickedRequests() {
        AwsCredentials session = new AwsCredentials("ASIAEXAMPLE", "c2VjcmV0/+=", "FwoGZXIvYXdzE//token+/=", null);
        byte[] getItem = "{\"TableName\":\"posts\",\"Key\":{\"PK\":{\"S\":\"POST#1\"},\"SK\":{\"S\":\"POST\"}},\"ConsistentRead\":true}"
                .getBytes(StandardCharsets.UTF_8);
        byte[] putEvents = "{\"Entries\":[{\"Source\":\"social-desk\",\"Detail\":\"{\\\"text\\\":\\\"Chào 😀 – ü\\\"}\"}]}"
                .getBytes(StandardCharsets.UTF_8);
        Map<String, String> dynamo = Map.of("Content-Type", "application/x-amz-json-1.0", "X-Amz-Target", "DynamoDB_20120810.GetItem");
        Map<String, String> events = Map.of("Content-Type", "application/x-amz-json-1.1", "X-Amz-Target", "AWSEvents.PutEvents");
        return Stream.of(
                Arguments.of("DynamoDB GetItem", "POST", "https://dynamodb.us-east-1.amazonaws.com/", dynamo, getItem,
                        "us-east-1", "dynamodb", EXAMPLE_KEY),
                Arguments.of("EventBridge with a session token and non-ASCII JSON", "POST", "https://events.eu-central-1.amazonaws.com/",
                        events, putEvents, "eu-central-1", "events", session),
                Arguments.of("Secrets Manager in China", "POST", "https://secretsmanager.cn-north-1.amazonaws.com.cn/",
                        Map.of("Content-Type", "application/x-amz-json-1.1", "X-Amz-Target", "secretsmanager.GetSecretValue"),
                        "{\"SecretId\":\"x\"}".getBytes(StandardCharsets.UTF_8), "cn-north-1", "secretsmanager", EXAMPLE_KEY),
                Arguments.of("dynalite on a loopback port", "POST", "http://127.0.0.1:8000/", dynamo, getItem,
                        "us-east-1", "dynamodb", EXAMPLE_KEY),
                Arguments.of("HTTPS on a non-default port", "POST", "https://localhost:4566/", events, putEvents,
                        "us-west-2", "events", session),
                Arguments.of("HTTP with its default port written out", "GET", "http://example.com:80/ping", Map.of(), new byte[0],
                        "us-east-1", "execute-api", EXAMPLE_KEY),
                Arguments.of("empty POST body", "POST", "https://dynamodb.ap-southeast-2.amazonaws.com/", dynamo, new byte[0],
                        "ap-southeast-2", "dynamodb", EXAMPLE_KEY),
                Arguments.of("query needing encoding, repeated keys, sorted values", "GET",
                        "https://example.amazonaws.com/?q=hello%20world&tag=%C3%A9t%C3%A9&tag=abc&tag=Abc&plus=%2B1&expr=a%3Db&empty=&flag",
                        Map.of(), new byte[0], "us-gov-west-1", "execute-api", EXAMPLE_KEY),
                Arguments.of("query with raw characters the URI allows", "GET",
                        "https://example.amazonaws.com/?path=/a/b&star=*&tilde=~&paren=(x)&colon=a:b&at=@&bang=!&q=?&sq='",
                        Map.of(), new byte[0], "eu-west-3", "execute-api", EXAMPLE_KEY),
                Arguments.of("raw non-ASCII in the query", "GET", "https://example.amazonaws.com/?city=Z\u00fcrich&word=\u00e9t\u00e9",
                        Map.of(), new byte[0], "eu-central-2", "execute-api", EXAMPLE_KEY),
                Arguments.of("Lambda-style path with an encoded colon", "POST",
                        "https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A1%3Afunction%3Af/invocations",
                        Map.of("Content-Type", "application/json"), "{}".getBytes(StandardCharsets.UTF_8), "us-east-1", "lambda", EXAMPLE_KEY),
                Arguments.of("path with encoded space, slash, percent and UTF-8", "GET",
                        "https://example.amazonaws.com/a%20b/c%2Fd/100%25/%E2%82%AC", Map.of(), new byte[0],
                        "us-east-1", "execute-api", EXAMPLE_KEY),
                Arguments.of("path with raw reserved characters", "GET",
                        "https://example.amazonaws.com/a:b@c!$&'()*+,;=/~x-y_z.", Map.of(), new byte[0],
                        "us-east-1", "execute-api", EXAMPLE_KEY),
                Arguments.of("path with dot segments", "GET", "https://example.amazonaws.com/a/./b/../c", Map.of(), new byte[0],
                        "us-east-1", "execute-api", EXAMPLE_KEY),
                Arguments.of("path with an empty segment", "GET", "https://example.amazonaws.com/a//b", Map.of(), new byte[0],
                        "us-east-1", "execute-api", EXAMPLE_KEY),
                Arguments.of("path ending in a dot segment", "GET", "https://example.amazonaws.com/a/b/.", Map.of(), new byte[0],
                        "us-east-1", "execute-api", EXAMPLE_KEY),
                Arguments.of("path with a trailing slash", "GET", "https://example.amazonaws.com/a/b/", Map.of(), new byte[0],
                        "us-east-1", "execute-api", EXAMPLE_KEY),
                Arguments.of("no path at all", "GET", "https://example.amazonaws.com", Map.of(), new byte[0],
                        "us-east-1", "execute-api", EXAMPLE_KEY),
                Arguments.of("header values with runs of spaces and tabs", "POST", "https://example.amazonaws.com/",
                        Map.of("X-Spaces", "  a   b  ", "X-Tabs", "\ta\t\tb\t", "X-Mixed", " a \t b\u000b c\f", "x-lower", "v",
                                "X-Empty", ""),
                        "body".getBytes(StandardCharsets.UTF_8), "sa-east-1", "execute-api", EXAMPLE_KEY));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("handPickedRequests")
    void agreesWithTheSdkSigner(String name, String method, String uri, Map<String, String> headers, byte[] body,
                                String region, String service, AwsCredentials credentials) {
        assertSameAsSdk(method, URI.create(uri), headers, body, region, service, credentials, Instant.parse("2026-11-26T09:15:30Z"));
    }

    /**
     * Many generated requests, seeded so a failure repeats: paths with every kind of character,
     * encoded or raw where the URI allows it, dot and empty segments; queries with repeated names
     * and empty values; header values with runs of whitespace; random bodies, times, regions.
     */
    @Test
    void agreesWithTheSdkSignerOnGeneratedRequests() {
        Random random = new Random(20261126);
        for (int i = 0; i < 500; i++) {
            GeneratedRequest r = GeneratedRequest.next(random);
            try {
                assertSameAsSdk(r.method, r.uri, r.headers, r.body, r.region, r.service, r.credentials, r.time);
            } catch (AssertionError e) {
                throw new AssertionError("generated request " + i + ": " + r.method + " " + r.uri + " " + r.headers, e);
            }
        }
    }

    /**
     * A raw {@code +} in a query is a literal plus to us ({@code %2B}), as RFC 3986 and the SigV4
     * rules read it. The SDK reads it as a form-encoded space: it never meets one in its own
     * requests, since it encodes {@code +} as {@code %2B} when it builds a query, so the case is
     * left out of the comparison and pinned here. Both agree on {@code %2B} and {@code %20}.
     */
    @Test
    void aRawPlusInTheQueryIsALiteralPlus() {
        URI raw = URI.create("https://example.amazonaws.com/?a=b+c");
        URI encoded = URI.create("https://example.amazonaws.com/?a=b%2Bc");

        assertEquals(authorization("GET", encoded), authorization("GET", raw));
        assertNotEquals(authorization("GET", URI.create("https://example.amazonaws.com/?a=b%20c")), authorization("GET", raw));
        assertSameAsSdk("GET", encoded, Map.of(), new byte[0], "us-east-1", "execute-api", EXAMPLE_KEY, EXAMPLE_TIME);
    }

    /**
     * Only the first {@code =} of a query parameter separates name and value, as every HTTP server
     * reads it. The SDK's parser of hand-made URIs drops what follows a second {@code =}; its own
     * requests encode it as {@code %3D}, on which both agree.
     */
    @Test
    void anEqualsSignInAQueryValueBelongsToTheValue() {
        assertEquals(authorization("GET", URI.create("https://example.amazonaws.com/?expr=a%3Db")),
                authorization("GET", URI.create("https://example.amazonaws.com/?expr=a=b")));
        assertNotEquals(authorization("GET", URI.create("https://example.amazonaws.com/?expr=a")),
                authorization("GET", URI.create("https://example.amazonaws.com/?expr=a=b")));
    }

    @Test
    void theScopeDateIsTheUtcDateOfTheRequest() {
        String authorization = SigV4.sign("POST", URI.create("https://dynamodb.us-east-1.amazonaws.com/"), Map.of(), new byte[0],
                "us-east-1", "dynamodb", EXAMPLE_KEY, Instant.parse("2026-12-31T23:59:59Z")).get("Authorization");

        assertTrue(authorization.startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261231/us-east-1/dynamodb/aws4_request, "),
                authorization);
        assertFalse(authorization.contains("x-amz-security-token"), authorization);
    }

    private static String authorization(String method, URI uri) {
        return SigV4.sign(method, uri, Map.of(), new byte[0], "us-east-1", "execute-api", EXAMPLE_KEY, EXAMPLE_TIME).get("Authorization");
    }

    /**
     * The SDK's header signer also sends and signs {@code x-amz-content-sha256}, the body's hash. S3
     * needs that header; the services this client calls do not, so ours leaves it out and is handed
     * it here, to compare the rest of the canonical request byte for byte.
     */
    private static void assertSameAsSdk(String method, URI uri, Map<String, String> headers, byte[] body, String region,
                                        String service, AwsCredentials credentials, Instant now) {
        SdkHttpRequest sdk = sdkSigned(method, uri, headers, body, region, service, credentials, now);
        String contentSha256 = sdk.firstMatchingHeader("x-amz-content-sha256").orElseThrow();
        assertEquals(HexFormat.of().formatHex(SigV4.sha256(body)), contentSha256, "the SDK signs the payload");
        Map<String, String> withContentHash = new LinkedHashMap<>(headers);
        withContentHash.put("x-amz-content-sha256", contentSha256);
        Map<String, String> ours = SigV4.sign(method, uri, withContentHash, body, region, service, credentials, now);

        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("X-Amz-Date", sdk.firstMatchingHeader("X-Amz-Date").orElse(null));
        sdk.firstMatchingHeader("X-Amz-Security-Token").ifPresent(token -> expected.put("X-Amz-Security-Token", token));
        expected.put("Authorization", sdk.firstMatchingHeader("Authorization").orElse(null));
        assertEquals(expected, ours, method + " " + uri);
    }

    static SdkHttpRequest sdkSigned(String method, URI uri, Map<String, String> headers, byte[] body, String region,
                                    String service, AwsCredentials credentials, Instant now) {
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri);
        headers.forEach(request::putHeader);
        AwsCredentialsIdentity identity = credentials.sessionToken() == null
                ? AwsCredentialsIdentity.create(credentials.accessKeyId(), credentials.secretAccessKey())
                : AwsSessionCredentialsIdentity.create(credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken());
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(identity)
                .request(request.build())
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true)
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, true)
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, true)
                .putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, false)
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(now, ZoneOffset.UTC)));
        return signed.request();
    }

    /** One random request of the kinds an AWS client can send. */
    private record GeneratedRequest(String method, URI uri, Map<String, String> headers, byte[] body, String region,
                                    String service, AwsCredentials credentials, Instant time) {
        private static final String UNRESERVED = "ABCXYZabcxyz0189-_.~";
        private static final String RAW_IN_PATH = "!$&'()*+,;=:@";
        private static final String RAW_IN_QUERY = "!$'()*,;:@/?";
        private static final String[] ENCODED_ONLY = {" ", "%", "/", "#", "[", "]", "\"", "<", ">", "\\", "^", "`", "{", "|", "}",
            "\u00e9", "\u20ac", "\ud83d\ude00", "\u00fc", "+", "=", "&"};
        private static final String[] HOSTS = {"https://example.amazonaws.com", "http://127.0.0.1:8000", "https://localhost:4566",
            "https://example.amazonaws.com:443", "http://example.com:80", "https://service.cn-north-1.amazonaws.com.cn"};
        private static final String[] REGIONS = {"us-east-1", "eu-west-1", "ap-northeast-3", "cn-northwest-1", "us-gov-east-1", "me-central-1"};
        private static final String[] SERVICES = {"dynamodb", "events", "secretsmanager", "execute-api", "lambda", "sqs"};
        private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE", "PATCH"};

        static GeneratedRequest next(Random random) {
            String method = pick(random, METHODS);
            StringBuilder uri = new StringBuilder(pick(random, HOSTS));
            int segments = random.nextInt(5);
            for (int s = 0; s < segments; s++) {
                uri.append('/');
                int kind = random.nextInt(10);
                if (kind == 0) {
                    uri.append('.');
                } else if (kind == 1) {
                    uri.append("..");
                } else if (kind > 2) {
                    uri.append(text(random, RAW_IN_PATH, 1 + random.nextInt(8)));
                }
            }
            if (segments == 0 || random.nextInt(4) == 0) {
                uri.append('/');
            }
            int params = random.nextInt(5);
            for (int p = 0; p < params; p++) {
                uri.append(p == 0 ? '?' : '&');
                String name = random.nextInt(4) == 0 && p > 0 ? "dup" : text(random, RAW_IN_QUERY, 1 + random.nextInt(6));
                uri.append(name);
                if (random.nextInt(6) > 0) {
                    uri.append('=').append(text(random, RAW_IN_QUERY, random.nextInt(8)));
                }
            }
            Map<String, String> headers = new LinkedHashMap<>();
            int headerCount = random.nextInt(4);
            for (int h = 0; h < headerCount; h++) {
                headers.put("X-Gen-" + (char) ('a' + random.nextInt(26)) + h, headerValue(random));
            }
            byte[] body = new byte[method.equals("GET") ? 0 : random.nextInt(2048)];
            random.nextBytes(body);
            AwsCredentials credentials = random.nextBoolean()
                    ? AwsCredentials.of("AKID" + random.nextInt(1_000_000), "secret/" + random.nextLong())
                    : new AwsCredentials("ASIA" + random.nextInt(1_000_000), "secret+" + random.nextLong(), "token=" + random.nextLong(), null);
            Instant time = Instant.ofEpochSecond(946_684_800L + (long) (random.nextDouble() * 3_155_760_000L));
            return new GeneratedRequest(method, URI.create(uri.toString()), headers, body, pick(random, REGIONS),
                    pick(random, SERVICES), credentials, time);
        }

        /** Unreserved characters as they are; {@code raw} ones as they are or percent-encoded; the rest percent-encoded. */
        private static String text(Random random, String raw, int length) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < length; i++) {
                int kind = random.nextInt(3);
                if (kind == 0) {
                    out.append(UNRESERVED.charAt(random.nextInt(UNRESERVED.length())));
                } else if (kind == 1) {
                    char c = raw.charAt(random.nextInt(raw.length()));
                    out.append(random.nextBoolean() ? String.valueOf(c) : percentEncode(String.valueOf(c)));
                } else {
                    out.append(percentEncode(pick(random, ENCODED_ONLY)));
                }
            }
            return out.toString();
        }

        private static String headerValue(Random random) {
            List<String> parts = new ArrayList<>();
            IntStream.range(0, random.nextInt(5)).forEach(i -> parts.add(pick(random, new String[] {" ", "  ", "\t", "word", "a=b;c", "x/y", "\t \t"})));
            return String.join("", parts);
        }

        private static String percentEncode(String s) {
            StringBuilder out = new StringBuilder();
            for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
            return out.toString();
        }

        private static String pick(Random random, String[] options) {
            return options[random.nextInt(options.length)];
        }
    }
}
