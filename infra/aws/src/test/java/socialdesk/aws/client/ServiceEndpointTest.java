package socialdesk.aws.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import socialdesk.aws.AwsClients;

/** Where each service is reached, from the variables Lambda and the local tools set. */
class ServiceEndpointTest {

    @Test
    void theRegionalEndpointByDefault() {
        ServiceEndpoint endpoint = ServiceEndpoint.fromEnvironment(Map.of("AWS_REGION", "eu-west-1"), "DYNAMODB", "dynamodb", "dynamodb");

        assertEquals(new ServiceEndpoint("DYNAMODB", URI.create("https://dynamodb.eu-west-1.amazonaws.com/"), "eu-west-1", "dynamodb"),
                endpoint);
    }

    @Test
    void chinaRegionsAreUnderAmazonawsComCn() {
        ServiceEndpoint endpoint = ServiceEndpoint.fromEnvironment(Map.of("AWS_REGION", "cn-northwest-1"), "EVENTBRIDGE", "events", "events");

        assertEquals(URI.create("https://events.cn-northwest-1.amazonaws.com.cn/"), endpoint.uri());
        assertEquals("cn-northwest-1", endpoint.region());
    }

    @Test
    void awsRegionBeatsAwsDefaultRegion() {
        assertEquals("us-west-2", ServiceEndpoint.fromEnvironment(
                Map.of("AWS_REGION", "us-west-2", "AWS_DEFAULT_REGION", "eu-central-1"), "DYNAMODB", "dynamodb", "dynamodb").region());
    }

    @Test
    void awsDefaultRegionWhenAwsRegionIsUnsetOrBlank() {
        assertEquals("eu-central-1", ServiceEndpoint.fromEnvironment(
                Map.of("AWS_DEFAULT_REGION", "eu-central-1"), "DYNAMODB", "dynamodb", "dynamodb").region());
        assertEquals("eu-central-1", ServiceEndpoint.fromEnvironment(
                Map.of("AWS_REGION", " ", "AWS_DEFAULT_REGION", "eu-central-1"), "DYNAMODB", "dynamodb", "dynamodb").region());
    }

    @Test
    void noRegionSaysWhatToSet() {
        AwsClientException e = assertThrows(AwsClientException.class,
                () -> ServiceEndpoint.fromEnvironment(Map.of("AWS_ENDPOINT_URL", "http://localhost:4566"), "DYNAMODB", "dynamodb", "dynamodb"));

        assertEquals("no AWS region: set AWS_REGION (Lambda sets it)", e.getMessage());
    }

    @Test
    void theServiceOverrideBeatsTheGlobalOne() {
        Map<String, String> env = Map.of("AWS_REGION", "us-east-1",
                "AWS_ENDPOINT_URL", "http://localhost:4566",
                "AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:8000");

        assertEquals(URI.create("http://127.0.0.1:8000/"), ServiceEndpoint.fromEnvironment(env, "DYNAMODB", "dynamodb", "dynamodb").uri());
        assertEquals(URI.create("http://localhost:4566/"), ServiceEndpoint.fromEnvironment(env, "EVENTBRIDGE", "events", "events").uri());
    }

    @Test
    void aBlankServiceOverrideFallsBackToTheGlobalOne() {
        Map<String, String> env = Map.of("AWS_REGION", "us-east-1", "AWS_ENDPOINT_URL", " http://localhost:4566 ",
                "AWS_ENDPOINT_URL_SECRETS_MANAGER", "");

        assertEquals(URI.create("http://localhost:4566/"),
                ServiceEndpoint.fromEnvironment(env, "SECRETS_MANAGER", "secretsmanager", "secretsmanager").uri());
    }

    @Test
    void anOverrideKeepsItsPathAndAnEmptyPathBecomesSlash() {
        assertEquals(URI.create("http://localhost:4566/"), ServiceEndpoint.fromEnvironment(
                Map.of("AWS_REGION", "us-east-1", "AWS_ENDPOINT_URL", "http://localhost:4566"), "DYNAMODB", "dynamodb", "dynamodb").uri());
        assertEquals(URI.create("https://proxy.example.com/aws/dynamodb"), ServiceEndpoint.fromEnvironment(
                Map.of("AWS_REGION", "us-east-1", "AWS_ENDPOINT_URL", "https://proxy.example.com/aws/dynamodb"), "DYNAMODB", "dynamodb",
                "dynamodb").uri());
    }

    /** The clients read the SDK's standard variable names and sign with each service's own name. */
    @Test
    void eachClientReadsItsStandardOverrideVariableAndSignsForItsService() {
        Map<String, String> env = Map.of("AWS_REGION", "us-east-1",
                "AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:1001",
                "AWS_ENDPOINT_URL_EVENTBRIDGE", "http://127.0.0.1:1002",
                "AWS_ENDPOINT_URL_SECRETS_MANAGER", "http://127.0.0.1:1003");
        List<String> sent = new ArrayList<>();
        Transport recording = request -> {
            String authorization = request.headers().get("Authorization");
            String scope = authorization.substring(authorization.indexOf('/') + 1, authorization.indexOf(','));
            sent.add(request.uri() + " " + scope.substring(scope.indexOf('/') + 1));
            return new Transport.Response(200, "{}".getBytes(StandardCharsets.UTF_8));
        };
        AwsClients clients = new AwsClients(env, recording, CredentialsProvider.fixed(AwsCredentials.of("AKID", "secret")));

        clients.dynamoDb().tableStatus("t");
        clients.eventBridge().putEvents(List.of());
        clients.secretsManager().secretString("s");

        assertEquals(List.of(
                "http://127.0.0.1:1001/ us-east-1/dynamodb/aws4_request",
                "http://127.0.0.1:1002/ us-east-1/events/aws4_request",
                "http://127.0.0.1:1003/ us-east-1/secretsmanager/aws4_request"), sent);
    }
}
