package socialdesk.aws.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import socialdesk.aws.AwsClients;
import socialdesk.aws.dynamo.AttributeValue;
import socialdesk.aws.dynamo.ConditionalCheckFailedException;
import socialdesk.aws.dynamo.DynamoDb;
import socialdesk.aws.events.EventBridge;
import socialdesk.core.json.Json;

/**
 * The JSON-protocol client as DynamoDB, EventBridge and Secrets Manager use it, against a real HTTP
 * server on loopback that answers as the service would: what goes on the wire, and how each kind
 * of answer (success, throttling, server error, client error, garbage, no answer) comes back.
 */
class AwsJsonClientTest {
    private static final AwsCredentials KEY = new AwsCredentials("ASIATEST", "test-secret", "test-session-token", null);
    private static final String REGION = "eu-west-1";

    private LoopbackServer server;
    private AwsClients clients;

    @BeforeEach
    void startServer() {
        server = LoopbackServer.start();
        clients = new AwsClients(Map.of("AWS_REGION", REGION, "AWS_ENDPOINT_URL", server.uri().toString()),
                UrlConnectionTransport.standard(), CredentialsProvider.fixed(KEY));
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void dynamoDbSpeaksJson10WithASignatureTheServiceCanCheck() {
        server.reply(200, "{\"Item\":{\"PK\":{\"S\":\"POST#1\"},\"n\":{\"N\":\"42\"}}}");

        Map<String, AttributeValue> item = clients.dynamoDb()
                .getItem(b -> b.tableName("posts").key(Map.of("PK", AttributeValue.fromS("POST#1"))).consistentRead(true))
                .item();

        assertEquals(Map.of("PK", AttributeValue.fromS("POST#1"), "n", AttributeValue.fromN("42")), item);
        LoopbackServer.Received request = server.received().getFirst();
        assertEquals("POST", request.method());
        assertEquals("/", request.rawPathAndQuery());
        assertEquals("DynamoDB_20120810.GetItem", request.header("X-Amz-Target"));
        assertEquals("application/x-amz-json-1.0", request.header("Content-Type"));
        assertEquals(Map.of("TableName", "posts", "Key", Map.of("PK", Map.of("S", "POST#1")), "ConsistentRead", true),
                Json.parseObject(request.bodyText()));
        assertSignedAsTheServiceChecks(request, "dynamodb");
    }

    @Test
    void eventBridgeSpeaksJson11() {
        server.reply(200, "{\"FailedEntryCount\":0,\"Entries\":[{\"EventId\":\"e-1\"}]}");

        List<String> errors = clients.eventBridge().putEvents(List.of(
                new EventBridge.Entry("desk-bus", "social-desk", "PostPublished", "{\"postId\":\"p-1\",\"text\":\"Chào 😀\"}")));

        assertEquals(Collections.singletonList(null), errors);
        LoopbackServer.Received request = server.received().getFirst();
        assertEquals("AWSEvents.PutEvents", request.header("X-Amz-Target"));
        assertEquals("application/x-amz-json-1.1", request.header("Content-Type"));
        assertEquals(Map.of("Entries", List.of(Map.of("EventBusName", "desk-bus", "Source", "social-desk", "DetailType", "PostPublished",
                "Detail", "{\"postId\":\"p-1\",\"text\":\"Chào 😀\"}"))), Json.parseObject(request.bodyText()));
        assertSignedAsTheServiceChecks(request, "events");
    }

    @Test
    void secretsManagerSpeaksJson11() {
        server.reply(200, "{\"ARN\":\"arn:aws:secretsmanager:eu-west-1:1:secret:x\",\"Name\":\"x\",\"SecretString\":\"{\\\"token\\\":\\\"t\\\"}\"}");

        Optional<String> secret = clients.secretsManager().secretString("social-desk/mastodon");

        assertEquals(Optional.of("{\"token\":\"t\"}"), secret);
        LoopbackServer.Received request = server.received().getFirst();
        assertEquals("secretsmanager.GetSecretValue", request.header("X-Amz-Target"));
        assertEquals("application/x-amz-json-1.1", request.header("Content-Type"));
        assertEquals(Map.of("SecretId", "social-desk/mastodon"), Json.parseObject(request.bodyText()));
        assertSignedAsTheServiceChecks(request, "secretsmanager");
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 503, 429})
    void aServerErrorOrTooManyRequestsIsTriedAgain(int status) {
        server.reply(status, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#InternalServerError\",\"message\":\"oops\"}");
        server.reply(200, "{\"Count\":3,\"Items\":[]}");

        int count = clients.dynamoDb().query(b -> b.tableName("posts").keyConditionExpression("PK = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("x")))).count();

        assertEquals(3, count);
        assertEquals(2, server.received().size());
        assertSignedAsTheServiceChecks(server.received().get(1), "dynamodb");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ThrottlingException", "com.amazonaws.dynamodb.v20120810#ThrottlingException",
        "com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException", "RequestLimitExceeded", "TooManyRequestsException"})
    void throttlingIsTriedAgain(String type) {
        server.reply(400, "{\"__type\":\"" + type + "\",\"message\":\"slow down\"}");
        server.reply(200, "{}");

        clients.dynamoDb().putItem(b -> b.tableName("posts").item(Map.of("PK", AttributeValue.fromS("x"))));

        assertEquals(2, server.received().size());
    }

    @Test
    void threeFailuresGiveTheLastErrorWithItsCode() {
        for (int i = 0; i < 3; i++) {
            server.reply(400, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException\","
                    + "\"message\":\"attempt " + (i + 1) + "\"}");
        }
        server.reply(200, "{}");

        AwsServiceException e = assertThrows(AwsServiceException.class,
                () -> clients.dynamoDb().putItem(b -> b.tableName("posts").item(Map.of("PK", AttributeValue.fromS("x")))));

        assertEquals("ProvisionedThroughputExceededException", e.code());
        assertEquals(400, e.status());
        assertEquals("DYNAMODB", e.service());
        assertTrue(e.retryable());
        assertEquals("DYNAMODB ProvisionedThroughputExceededException (400): attempt 3", e.getMessage());
        assertEquals(3, server.received().size());
    }

    @Test
    void aValidationErrorIsNotTriedAgain() {
        server.reply(400, "{\"__type\":\"com.amazon.coral.validate#ValidationException\",\"message\":\"One or more parameter values were invalid\"}");

        AwsServiceException e = assertThrows(AwsServiceException.class,
                () -> clients.dynamoDb().getItem(b -> b.tableName("posts").key(Map.of())));

        assertEquals("ValidationException", e.code());
        assertEquals("DYNAMODB ValidationException (400): One or more parameter values were invalid", e.getMessage());
        assertEquals(1, server.received().size());
    }

    /**
     * Smithy's AWS JSON protocols allow a {@code :}-suffix on the error type (a Coral validation
     * URI); the code is what lies between the {@code #} and the {@code :}.
     */
    @Test
    void theErrorCodeIsTheShapeNameWithoutNamespaceOrSuffix() {
        server.reply(400, "{\"__type\":\"com.amazon.coral.validate#ValidationException:http://internal.amazon.com/coral/com.amazon.coral.validate/\","
                + "\"Message\":\"capital M, as some services send it\"}");

        AwsServiceException e = assertThrows(AwsServiceException.class, () -> clients.secretsManager().secretString("x"));

        assertEquals("ValidationException", e.code());
        assertEquals("SECRETS_MANAGER ValidationException (400): capital M, as some services send it", e.getMessage());
    }

    @Test
    void aFailedConditionIsItsOwnException() {
        server.reply(400, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException\",\"message\":\"The conditional request failed\"}");
        DynamoDb dynamo = clients.dynamoDb();

        AwsServiceException e = assertThrows(AwsServiceException.class, () -> dynamo.putItem(b -> b.tableName("posts")
                .item(Map.of("PK", AttributeValue.fromS("x"))).conditionExpression("attribute_not_exists(PK)")));

        assertInstanceOf(ConditionalCheckFailedException.class, e);
        assertEquals("ConditionalCheckFailedException", e.code());
        assertEquals(400, e.status());
        assertEquals(1, server.received().size());
    }

    @Test
    void anErrorThatIsNotJsonIsNamedByItsStatus() {
        server.reply(403, "<html><body>Forbidden by the proxy</body></html>");

        AwsServiceException e = assertThrows(AwsServiceException.class, () -> clients.eventBridge().putEvents(List.of()));

        assertEquals("HTTP403", e.code());
        assertEquals(403, e.status());
        assertTrue(e.getMessage().contains("Forbidden by the proxy"), e.getMessage());
        assertEquals(1, server.received().size());
    }

    @Test
    void aGatewayErrorThatIsNotJsonIsTriedAgainAndNamedByItsStatus() {
        server.reply(502, "Bad Gateway").reply(502, "").reply(503, "Service Unavailable");

        AwsServiceException e = assertThrows(AwsServiceException.class, () -> clients.secretsManager().secretString("x"));

        assertEquals("HTTP503", e.code());
        assertEquals(3, server.received().size());
    }

    @Test
    void aSuccessThatIsNotJsonIsAClientErrorAndNotTriedAgain() {
        server.reply(200, "<html>captive portal</html>");

        AwsClientException e = assertThrows(AwsClientException.class, () -> clients.dynamoDb().tableStatus("posts"));

        assertTrue(e.getMessage().startsWith("DYNAMODB DescribeTable answered something that is not JSON"), e.getMessage());
        assertEquals(1, server.received().size());
    }

    @Test
    void noAnswerIsAClientErrorAfterThreeAttempts() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        List<String> attempts = new ArrayList<>();
        Transport counting = request -> {
            attempts.add(request.headers().get("X-Amz-Target"));
            return UrlConnectionTransport.standard().send(request);
        };
        AwsClients unreachable = new AwsClients(Map.of("AWS_REGION", REGION, "AWS_ENDPOINT_URL", "http://127.0.0.1:" + port),
                counting, CredentialsProvider.fixed(KEY));

        AwsClientException e = assertThrows(AwsClientException.class,
                () -> unreachable.dynamoDb().getItem(b -> b.tableName("posts").key(Map.of("PK", AttributeValue.fromS("x")))));

        assertTrue(e.getMessage().startsWith("DYNAMODB GetItem got no answer from http://127.0.0.1:" + port + "/ after 3 attempts"),
                e.getMessage());
        assertInstanceOf(IOException.class, e.getCause());
        assertEquals(List.of("DynamoDB_20120810.GetItem", "DynamoDB_20120810.GetItem", "DynamoDB_20120810.GetItem"), attempts);
    }

    @Test
    void missingCredentialsFailBeforeAnythingIsSent() {
        AwsClients noCredentials = new AwsClients(Map.of("AWS_REGION", REGION, "AWS_ENDPOINT_URL", server.uri().toString()),
                UrlConnectionTransport.standard(), null);

        AwsClientException e = assertThrows(AwsClientException.class, () -> noCredentials.secretsManager().secretString("x"));

        assertTrue(e.getMessage().startsWith("no AWS credentials"), e.getMessage());
        assertEquals(List.of(), server.received());
    }

    @Test
    void aMissingSecretIsEmpty() {
        server.reply(400, "{\"__type\":\"ResourceNotFoundException\",\"message\":\"Secrets Manager can't find the specified secret.\"}");

        assertEquals(Optional.empty(), clients.secretsManager().secretString("social-desk/nothing"));
        assertEquals(1, server.received().size());
    }

    @Test
    void anyOtherSecretsManagerErrorIsThrown() {
        server.reply(400, "{\"__type\":\"AccessDeniedException\",\"message\":\"not allowed\"}");

        AwsServiceException e = assertThrows(AwsServiceException.class, () -> clients.secretsManager().secretString("x"));

        assertEquals("AccessDeniedException", e.code());
    }

    @Test
    void eventBridgeReportsEachRefusedEntryInOrder() {
        server.reply(200, "{\"FailedEntryCount\":2,\"Entries\":[{\"ErrorCode\":\"InternalFailure\",\"ErrorMessage\":\"retry\"},"
                + "{\"EventId\":\"e-2\"},{\"ErrorCode\":\"ThrottlingException\",\"ErrorMessage\":\"slow\"}]}");
        EventBridge events = clients.eventBridge();

        List<String> errors = events.putEvents(List.of(
                new EventBridge.Entry("bus", "social-desk", "A", "{}"),
                new EventBridge.Entry("bus", "social-desk", "B", "{}"),
                new EventBridge.Entry("bus", "social-desk", "C", "{}")));

        assertEquals(Arrays.asList("InternalFailure", null, "ThrottlingException"), errors);
        assertEquals(1, server.received().size());
    }

    @Test
    void eachAttemptIsSignedAfresh() {
        server.reply(503, "{}");
        List<String> credentialRequests = new ArrayList<>();
        CredentialsProvider counting = () -> {
            credentialRequests.add("asked");
            return KEY;
        };
        AwsClients countingClients = new AwsClients(Map.of("AWS_REGION", REGION, "AWS_ENDPOINT_URL", server.uri().toString()),
                UrlConnectionTransport.standard(), counting);

        countingClients.secretsManager().secretString("x");

        assertEquals(2, credentialRequests.size(), "credentials are asked for before every attempt, so a refresh is picked up");
        server.received().forEach(request -> assertSignedAsTheServiceChecks(request, "secretsmanager"));
    }

    /**
     * Recomputes the signature from the request as it arrived, written out from the SigV4 steps for
     * a POST to {@code /} with no query, independently of {@link SigV4}: what the service checks.
     */
    private static void assertSignedAsTheServiceChecks(LoopbackServer.Received request, String service) {
        String amzDate = request.header("X-Amz-Date");
        String date = amzDate.substring(0, 8);
        String signedHeaders = "content-type;host;x-amz-date;x-amz-security-token;x-amz-target";
        StringBuilder canonical = new StringBuilder("POST\n/\n\n");
        for (String name : signedHeaders.split(";")) {
            canonical.append(name).append(':').append(request.header(name).strip()).append('\n');
        }
        canonical.append('\n').append(signedHeaders).append('\n').append(hex(sha256(request.body())));
        String scope = date + "/" + REGION + "/" + service + "/aws4_request";
        String stringToSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
                + hex(sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("AWS4" + KEY.secretAccessKey()).getBytes(StandardCharsets.UTF_8), date);
        for (String part : List.of(REGION, service, "aws4_request")) {
            key = hmac(key, part);
        }
        assertEquals("AWS4-HMAC-SHA256 Credential=" + KEY.accessKeyId() + "/" + scope + ", SignedHeaders=" + signedHeaders
                + ", Signature=" + hex(hmac(key, stringToSign)), request.header("Authorization"));
        assertEquals(KEY.sessionToken(), request.header("X-Amz-Security-Token"));
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
