package socialdesk.aws.dynamo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import socialdesk.aws.testing.Dynalite;
import socialdesk.core.json.Json;

/** The request body each setter builds and what each response accessor reads, from JSON as DynamoDB sends it. */
class DynamoRequestResponseTest {

    @Test
    void eachSetterFillsTheFieldOfItsName() {
        DynamoRequest request = new DynamoRequest()
                .tableName("posts").indexName("GSI2")
                .keyConditionExpression("#pk = :pk").filterExpression("#s = :s").projectionExpression("PK, SK")
                .expressionAttributeNames(Map.of("#pk", "GSI2PK", "#s", "status"))
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("POSTS#2026-11"), ":s", AttributeValue.fromS("QUEUED")))
                .exclusiveStartKey(Map.of("PK", AttributeValue.fromS("POST#1")))
                .limit(25).scanIndexForward(false).consistentRead(false).select("COUNT").returnConsumedCapacity("TOTAL");

        assertEquals(Map.ofEntries(
                Map.entry("TableName", "posts"),
                Map.entry("IndexName", "GSI2"),
                Map.entry("KeyConditionExpression", "#pk = :pk"),
                Map.entry("FilterExpression", "#s = :s"),
                Map.entry("ProjectionExpression", "PK, SK"),
                Map.entry("ExpressionAttributeNames", Map.of("#pk", "GSI2PK", "#s", "status")),
                Map.entry("ExpressionAttributeValues", Map.of(":pk", Map.of("S", "POSTS#2026-11"), ":s", Map.of("S", "QUEUED"))),
                Map.entry("ExclusiveStartKey", Map.of("PK", Map.of("S", "POST#1"))),
                Map.entry("Limit", 25L),
                Map.entry("ScanIndexForward", false),
                Map.entry("ConsistentRead", false),
                Map.entry("Select", "COUNT"),
                Map.entry("ReturnConsumedCapacity", "TOTAL")), Json.parseObject(Json.write(request.body())));
    }

    @Test
    void writesNameTheirItemConditionAndReturnValues() {
        DynamoRequest request = new DynamoRequest().tableName("posts")
                .key(Map.of("PK", AttributeValue.fromS("POST#1"), "SK", AttributeValue.fromS("POST")))
                .updateExpression("SET #s = :s").conditionExpression("attribute_exists(PK)")
                .returnValues(ReturnValue.ALL_NEW);
        DynamoRequest put = new DynamoRequest().item(Map.of("PK", AttributeValue.fromS("POST#1"))).returnValues(ReturnValue.NONE);

        assertEquals(Map.of("PK", Map.of("S", "POST#1"), "SK", Map.of("S", "POST")), request.body().get("Key"));
        assertEquals("SET #s = :s", request.body().get("UpdateExpression"));
        assertEquals("attribute_exists(PK)", request.body().get("ConditionExpression"));
        assertEquals("ALL_NEW", request.body().get("ReturnValues"));
        assertEquals(Map.of("Item", Map.of("PK", Map.of("S", "POST#1")), "ReturnValues", "NONE"), Json.parseObject(Json.write(put.body())));
    }

    @Test
    void anEmptyOrNullStartKeyIsLeftOut() {
        assertFalse(new DynamoRequest().tableName("t").exclusiveStartKey(Map.of()).body().containsKey("ExclusiveStartKey"));
        assertFalse(new DynamoRequest().tableName("t").exclusiveStartKey(null).body().containsKey("ExclusiveStartKey"));
        assertFalse(new DynamoRequest().exclusiveStartKey(Map.of("PK", AttributeValue.fromS("a"))).exclusiveStartKey(Map.of())
                .body().containsKey("ExclusiveStartKey"), "an empty key clears one set before");
    }

    @Test
    void settingNullClearsAField() {
        DynamoRequest request = new DynamoRequest().tableName("t").limit(10).limit(null).indexName("GSI1").indexName(null)
                .expressionAttributeValues(Map.of(":a", AttributeValue.fromN("1"))).expressionAttributeValues(null)
                .expressionAttributeNames(Map.of("#a", "a")).expressionAttributeNames(null)
                .returnValues(ReturnValue.ALL_OLD).returnValues(null);

        assertEquals(Map.of("TableName", "t"), request.body());
    }

    @Test
    void getItemFound() {
        DynamoResponse response = response("{\"Item\":{\"PK\":{\"S\":\"POST#1\"},\"n\":{\"N\":\"2\"}}}");

        assertTrue(response.hasItem());
        assertEquals(Map.of("PK", AttributeValue.fromS("POST#1"), "n", AttributeValue.fromN("2")), response.item());
    }

    @Test
    void getItemNotFoundIsAnEmptyItem() {
        for (String json : List.of("{}", "{\"Item\":null}")) {
            DynamoResponse response = response(json);

            assertFalse(response.hasItem(), json);
            assertEquals(Map.of(), response.item(), json);
        }
    }

    @Test
    void aQueryPage() {
        DynamoResponse response = response("{\"Count\":2,\"ScannedCount\":5,\"Items\":[{\"PK\":{\"S\":\"a\"}},{\"PK\":{\"S\":\"b\"}}],"
                + "\"LastEvaluatedKey\":{\"PK\":{\"S\":\"b\"},\"SK\":{\"S\":\"POST\"}}}");

        assertEquals(2, response.count());
        assertEquals(List.of(Map.of("PK", AttributeValue.fromS("a")), Map.of("PK", AttributeValue.fromS("b"))), response.items());
        assertTrue(response.hasLastEvaluatedKey());
        assertEquals(Map.of("PK", AttributeValue.fromS("b"), "SK", AttributeValue.fromS("POST")), response.lastEvaluatedKey());
    }

    @Test
    void theLastPageHasNoStartForTheNext() {
        DynamoResponse response = response("{\"Count\":0,\"Items\":[]}");

        assertFalse(response.hasLastEvaluatedKey());
        assertEquals(Map.of(), response.lastEvaluatedKey());
        assertEquals(List.of(), response.items());
        assertEquals(0, response("{}").count());
    }

    @Test
    void attributesAndCapacity() {
        DynamoResponse updated = response("{\"Attributes\":{\"status\":{\"S\":\"PUBLISHED\"}},"
                + "\"ConsumedCapacity\":{\"TableName\":\"posts\",\"CapacityUnits\":0.5}}");

        assertEquals(Map.of("status", AttributeValue.fromS("PUBLISHED")), updated.attributes());
        assertEquals(0.5, updated.consumedCapacityUnits());
        assertEquals(1.0, response("{\"ConsumedCapacity\":{\"CapacityUnits\":1}}").consumedCapacityUnits());
        assertEquals(0.0, response("{}").consumedCapacityUnits());
        assertEquals(Map.of(), response("{}").attributes());
    }

    /** Paging by LastEvaluatedKey, the conditional-check exception and ALL_NEW, against a real server. */
    @Test
    void pagesConditionsAndReturnValuesOnDynalite() {
        Dynalite dynalite = Dynalite.shared();
        String table = dynalite.createTable();
        DynamoDb dynamo = dynalite.client();
        for (int i = 0; i < 5; i++) {
            String sk = "ITEM#" + i;
            dynamo.putItem(b -> b.tableName(table).item(Map.of("PK", AttributeValue.fromS("PAGE"), "SK", AttributeValue.fromS(sk))));
        }

        List<String> seen = new ArrayList<>();
        Map<String, AttributeValue> start = Map.of();
        int pages = 0;
        do {
            Map<String, AttributeValue> from = start;
            DynamoResponse page = dynamo.query(b -> b.tableName(table).keyConditionExpression("PK = :pk")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("PAGE"))).limit(2).exclusiveStartKey(from)
                    .consistentRead(true));
            page.items().forEach(item -> seen.add(item.get("SK").s()));
            start = page.lastEvaluatedKey();
            pages++;
        } while (!start.isEmpty());

        assertEquals(List.of("ITEM#0", "ITEM#1", "ITEM#2", "ITEM#3", "ITEM#4"), seen);
        assertEquals(3, pages);

        Map<String, AttributeValue> key = Map.of("PK", AttributeValue.fromS("PAGE"), "SK", AttributeValue.fromS("ITEM#0"));
        assertThrows(ConditionalCheckFailedException.class, () -> dynamo.putItem(b -> b.tableName(table)
                .item(key).conditionExpression("attribute_not_exists(PK)")));
        DynamoResponse updated = dynamo.updateItem(b -> b.tableName(table).key(key).updateExpression("SET #n = :n")
                .expressionAttributeNames(Map.of("#n", "note")).expressionAttributeValues(Map.of(":n", AttributeValue.fromS("hi")))
                .returnValues(ReturnValue.ALL_NEW));
        assertEquals(AttributeValue.fromS("hi"), updated.attributes().get("note"));
        assertEquals(AttributeValue.fromS("ITEM#0"), updated.attributes().get("SK"));
    }

    private static DynamoResponse response(String json) {
        return new DynamoResponse(Json.parseObject(json));
    }
}
