package socialdesk.aws.dynamo;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parameters of one DynamoDB request, named as in the DynamoDB API; each setter fills the field
 * of the same name in the JSON body. The operation decides which of them apply.
 */
public final class DynamoRequest {
    private final Map<String, Object> body = new LinkedHashMap<>();

    public DynamoRequest tableName(String tableName) {
        return set("TableName", tableName);
    }

    public DynamoRequest indexName(String indexName) {
        return set("IndexName", indexName);
    }

    public DynamoRequest key(Map<String, AttributeValue> key) {
        return set("Key", AttributeValue.toJson(key));
    }

    public DynamoRequest item(Map<String, AttributeValue> item) {
        return set("Item", AttributeValue.toJson(item));
    }

    public DynamoRequest conditionExpression(String expression) {
        return set("ConditionExpression", expression);
    }

    public DynamoRequest updateExpression(String expression) {
        return set("UpdateExpression", expression);
    }

    public DynamoRequest keyConditionExpression(String expression) {
        return set("KeyConditionExpression", expression);
    }

    public DynamoRequest filterExpression(String expression) {
        return set("FilterExpression", expression);
    }

    public DynamoRequest projectionExpression(String expression) {
        return set("ProjectionExpression", expression);
    }

    public DynamoRequest expressionAttributeNames(Map<String, String> names) {
        return set("ExpressionAttributeNames", names == null ? null : Map.copyOf(names));
    }

    public DynamoRequest expressionAttributeValues(Map<String, AttributeValue> values) {
        return set("ExpressionAttributeValues", values == null ? null : AttributeValue.toJson(values));
    }

    public DynamoRequest exclusiveStartKey(Map<String, AttributeValue> key) {
        return set("ExclusiveStartKey", key == null || key.isEmpty() ? null : AttributeValue.toJson(key));
    }

    public DynamoRequest limit(Integer limit) {
        return set("Limit", limit);
    }

    public DynamoRequest scanIndexForward(Boolean forward) {
        return set("ScanIndexForward", forward);
    }

    public DynamoRequest consistentRead(Boolean consistent) {
        return set("ConsistentRead", consistent);
    }

    public DynamoRequest returnValues(ReturnValue returnValue) {
        return set("ReturnValues", returnValue == null ? null : returnValue.name());
    }

    /** {@code COUNT}, {@code ALL_ATTRIBUTES}, ... */
    public DynamoRequest select(String select) {
        return set("Select", select);
    }

    /** {@code TOTAL} or {@code INDEXES} to have the answer report the capacity it consumed (cost measurements). */
    public DynamoRequest returnConsumedCapacity(String mode) {
        return set("ReturnConsumedCapacity", mode);
    }

    Map<String, Object> body() {
        return body;
    }

    private DynamoRequest set(String field, Object value) {
        if (value == null) {
            body.remove(field);
        } else {
            body.put(field, value);
        }
        return this;
    }
}
