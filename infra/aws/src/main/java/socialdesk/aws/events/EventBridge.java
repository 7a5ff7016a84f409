package socialdesk.aws.events;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import socialdesk.aws.client.AwsJsonClient;
import socialdesk.aws.client.CredentialsProvider;
import socialdesk.aws.client.ServiceEndpoint;
import socialdesk.aws.client.Transport;
import socialdesk.core.json.JsonRead;

/** EventBridge's PutEvents over the JSON 1.1 protocol. Built once per container. */
public final class EventBridge {
    private final AwsJsonClient client;

    /** One event to put; {@code detail} is a JSON object's text. */
    public record Entry(String eventBusName, String source, String detailType, String detail) {
    }

    public EventBridge(ServiceEndpoint endpoint, CredentialsProvider credentials, Transport transport) {
        this.client = new AwsJsonClient(endpoint, "AWSEvents", "1.1", credentials, transport);
    }

    /**
     * Puts the entries (at most ten) and answers, in their order, the error code of each entry the
     * bus refused, or null for each it accepted.
     */
    public List<String> putEvents(List<Entry> entries) {
        List<Map<String, Object>> wire = new ArrayList<>();
        for (Entry entry : entries) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("EventBusName", entry.eventBusName());
            e.put("Source", entry.source());
            e.put("DetailType", entry.detailType());
            e.put("Detail", entry.detail());
            wire.add(e);
        }
        Map<String, Object> response = client.call("PutEvents", Map.of("Entries", wire));
        List<String> errors = new ArrayList<>();
        List<Object> results = JsonRead.list(response, "Entries");
        for (int i = 0; i < entries.size(); i++) {
            Object result = results != null && i < results.size() ? results.get(i) : null;
            errors.add(result == null ? null : JsonRead.string(result, "ErrorCode"));
        }
        return errors;
    }
}
