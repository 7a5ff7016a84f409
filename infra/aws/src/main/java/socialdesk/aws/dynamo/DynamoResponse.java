package socialdesk.aws.dynamo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import socialdesk.core.json.JsonRead;

/** The answer to one DynamoDB request; fields the operation does not return are empty. */
public final class DynamoResponse {
    private final Map<String, Object> body;

    DynamoResponse(Map<String, Object> body) {
        this.body = body;
    }

    public boolean hasItem() {
        return body.get("Item") != null;
    }

    /** GetItem's item, empty when there is none. */
    public Map<String, AttributeValue> item() {
        return AttributeValue.itemFromJson(body.get("Item"));
    }

    /** The Query or Scan page's items. */
    public List<Map<String, AttributeValue>> items() {
        Object items = body.get("Items");
        List<Map<String, AttributeValue>> out = new ArrayList<>();
        if (items instanceof List<?> list) {
            for (Object item : list) {
                out.add(AttributeValue.itemFromJson(item));
            }
        }
        return out;
    }

    public int count() {
        Long count = JsonRead.integer(body, "Count");
        return count == null ? 0 : Math.toIntExact(count);
    }

    public boolean hasLastEvaluatedKey() {
        return body.get("LastEvaluatedKey") != null;
    }

    /** Where the next page starts, empty on the last page. */
    public Map<String, AttributeValue> lastEvaluatedKey() {
        return AttributeValue.itemFromJson(body.get("LastEvaluatedKey"));
    }

    /** The attributes a write returned (see {@link ReturnValue}), empty when none. */
    public Map<String, AttributeValue> attributes() {
        return AttributeValue.itemFromJson(body.get("Attributes"));
    }

    /** Capacity units the request consumed, when it asked for them; 0 otherwise. */
    public double consumedCapacityUnits() {
        Object capacity = JsonRead.at(body, "ConsumedCapacity", "CapacityUnits");
        return capacity instanceof Number n ? n.doubleValue() : 0;
    }
}
