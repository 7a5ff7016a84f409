package socialdesk.webhook;

import java.util.Map;

/**
 * The parts of a Lambda function URL request (payload format 2.0) the webhook needs.
 *
 * @param method        the HTTP method, upper case
 * @param path          the raw path, e.g. {@code /webhooks/meta}
 * @param query         query parameters (the last value wins for repeated names)
 * @param headers       headers with lower-case names
 * @param body          the body as the function URL passed it (text, or base64 when {@code base64Encoded})
 * @param base64Encoded whether {@code body} is base64 of the bytes received
 */
record WebhookRequest(String method, String path, Map<String, String> query, Map<String, String> headers,
                      String body, boolean base64Encoded) {
    WebhookRequest {
        query = Map.copyOf(query);
        headers = Map.copyOf(headers);
    }

    String header(String lowerCaseName) {
        return headers.get(lowerCaseName);
    }
}
