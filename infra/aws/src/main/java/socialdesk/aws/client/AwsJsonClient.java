package socialdesk.aws.client;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import socialdesk.core.json.Json;
import socialdesk.core.json.JsonException;

/**
 * One AWS service that speaks the JSON protocol (DynamoDB, EventBridge, Secrets Manager): a signed
 * POST to {@code /} with the operation in {@code X-Amz-Target}. Throttling, 5xx answers and lost
 * connections are tried again, up to three attempts with jittered backoff, as the SDK's standard
 * retry mode does; any other error is thrown at once as an {@link AwsServiceException}.
 */
public final class AwsJsonClient {
    private static final int MAX_ATTEMPTS = 3;
    private static final long BASE_BACKOFF_MS = 50;

    private final ServiceEndpoint endpoint;
    private final String targetPrefix;
    private final String contentType;
    private final CredentialsProvider credentials;
    private final Transport transport;

    /**
     * {@code targetPrefix} such as {@code DynamoDB_20120810}; {@code jsonVersion} {@code 1.0} or
     * {@code 1.1}, as the service's API model says.
     */
    public AwsJsonClient(ServiceEndpoint endpoint, String targetPrefix, String jsonVersion,
                         CredentialsProvider credentials, Transport transport) {
        this.endpoint = endpoint;
        this.targetPrefix = targetPrefix;
        this.contentType = "application/x-amz-json-" + jsonVersion;
        this.credentials = credentials;
        this.transport = transport;
    }

    /** Calls one operation and answers the parsed JSON object of its result. */
    public Map<String, Object> call(String operation, Map<String, Object> request) {
        byte[] body = Json.write(request).getBytes(StandardCharsets.UTF_8);
        for (int attempt = 1; ; attempt++) {
            try {
                return attempt(operation, body);
            } catch (AwsServiceException e) {
                if (!e.retryable() || attempt == MAX_ATTEMPTS) {
                    throw e;
                }
            } catch (IOException e) {
                if (attempt == MAX_ATTEMPTS) {
                    throw new AwsClientException(endpoint.service() + " " + operation + " got no answer from "
                            + endpoint.uri() + " after " + attempt + " attempts: " + e, e);
                }
            }
            backOff(attempt);
        }
    }

    private Map<String, Object> attempt(String operation, byte[] body) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        headers.put("X-Amz-Target", targetPrefix + "." + operation);
        URI uri = endpoint.uri();
        headers.putAll(SigV4.sign("POST", uri, headers, body, endpoint.region(), endpoint.signingName(),
                credentials.credentials(), Instant.now()));
        Transport.Response response = transport.send(new Transport.Request("POST", uri, headers, body));
        String text = new String(response.body(), StandardCharsets.UTF_8);
        if (response.status() >= 300) {
            throw error(response.status(), text);
        }
        if (text.isBlank()) {
            return Map.of();
        }
        try {
            return Json.parseObject(text);
        } catch (JsonException e) {
            throw new AwsClientException(endpoint.service() + " " + operation + " answered something that is not JSON: " + e.getMessage(), e);
        }
    }

    private AwsServiceException error(int status, String text) {
        String code = "HTTP" + status;
        String message = text;
        try {
            Map<String, Object> body = Json.parseObject(text);
            Object type = body.get("__type");
            if (type instanceof String t && !t.isBlank()) {
                code = shapeName(t);
            }
            Object m = body.containsKey("message") ? body.get("message") : body.get("Message");
            message = m == null ? "" : m.toString();
        } catch (JsonException e) {
            // Not JSON (a proxy's or load balancer's page): keep the status and the raw text.
        }
        return new AwsServiceException(endpoint.service(), status, code, message);
    }

    /**
     * The error's shape name, such as {@code ValidationException}: Smithy's AWS JSON protocols let
     * {@code __type} carry a namespace before a {@code #} and a URI after a {@code :}.
     */
    private static String shapeName(String type) {
        int colon = type.indexOf(':');
        String withoutUri = colon < 0 ? type : type.substring(0, colon);
        return withoutUri.substring(withoutUri.indexOf('#') + 1);
    }

    private static void backOff(int attempt) {
        long cap = BASE_BACKOFF_MS << attempt;
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(cap / 2, cap + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AwsClientException("interrupted while waiting to retry", e);
        }
    }
}
