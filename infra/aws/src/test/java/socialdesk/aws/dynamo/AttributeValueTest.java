package socialdesk.aws.dynamo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import socialdesk.aws.testing.Dynalite;
import socialdesk.core.json.Json;
import socialdesk.core.json.JsonException;

/** DynamoDB attribute values in their JSON wire form, both ways, and through a real server (dynalite). */
class AttributeValueTest {

    static Stream<Arguments> everyType() {
        return Stream.of(
                Arguments.of(AttributeValue.fromS("Chào 😀 \"quoted\" \\ / \n"), "{\"S\":\"Chào 😀 \\\"quoted\\\" \\\\ / \\n\"}"),
                Arguments.of(AttributeValue.fromS(""), "{\"S\":\"\"}"),
                Arguments.of(AttributeValue.fromN("1776"), "{\"N\":\"1776\"}"),
                Arguments.of(AttributeValue.fromN("-0.000123456789012345678901234567890123456789"),
                        "{\"N\":\"-0.000123456789012345678901234567890123456789\"}"),
                Arguments.of(AttributeValue.fromN("1E+38"), "{\"N\":\"1E+38\"}"),
                Arguments.of(AttributeValue.fromBool(true), "{\"BOOL\":true}"),
                Arguments.of(AttributeValue.fromBool(false), "{\"BOOL\":false}"),
                Arguments.of(AttributeValue.fromNul(), "{\"NULL\":true}"),
                Arguments.of(AttributeValue.fromL(List.of()), "{\"L\":[]}"),
                Arguments.of(AttributeValue.fromL(List.of(AttributeValue.fromS("a"), AttributeValue.fromN("2"), AttributeValue.fromNul())),
                        "{\"L\":[{\"S\":\"a\"},{\"N\":\"2\"},{\"NULL\":true}]}"),
                Arguments.of(AttributeValue.fromM(Map.of()), "{\"M\":{}}"),
                Arguments.of(AttributeValue.fromM(Map.of("k", AttributeValue.fromBool(false))), "{\"M\":{\"k\":{\"BOOL\":false}}}"),
                Arguments.of(AttributeValue.fromSs(List.of("b", "a", "é")), "{\"SS\":[\"b\",\"a\",\"é\"]}"),
                Arguments.of(AttributeValue.fromM(Map.of("list", AttributeValue.fromL(List.of(
                                AttributeValue.fromM(Map.of("tags", AttributeValue.fromSs(List.of("x")))),
                                AttributeValue.fromL(List.of(AttributeValue.fromL(List.of(AttributeValue.fromN("0"))))))))),
                        "{\"M\":{\"list\":{\"L\":[{\"M\":{\"tags\":{\"SS\":[\"x\"]}}},{\"L\":[{\"L\":[{\"N\":\"0\"}]}]}]}}}"));
    }

    @ParameterizedTest
    @MethodSource("everyType")
    void writesTheWireForm(AttributeValue value, String json) {
        assertEquals(json, Json.write(value.toJson()));
    }

    @ParameterizedTest
    @MethodSource("everyType")
    void readsTheWireFormBack(AttributeValue value, String json) {
        assertEquals(value, AttributeValue.fromJson(Json.parse(json)));
        assertEquals(value, AttributeValue.fromJson(Json.parse(Json.write(value.toJson()))));
    }

    @Test
    void aMapWithSeveralEntriesRoundTrips() {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("PK", AttributeValue.fromS("POST#1"));
        item.put("count", AttributeValue.fromN("3"));
        item.put("nested", AttributeValue.fromM(Map.of("a", AttributeValue.fromS("1"), "b", AttributeValue.fromNul())));

        String json = Json.write(AttributeValue.toJson(item));

        assertTrue(json.startsWith("{\"PK\":{\"S\":\"POST#1\"},\"count\":{\"N\":\"3\"},\"nested\":{\"M\":{"), json);
        assertEquals(item, AttributeValue.itemFromJson(Json.parse(json)));
    }

    @Test
    void eachAccessorAnswersOnlyForItsOwnType() {
        AttributeValue number = AttributeValue.fromN("7");

        assertEquals("7", number.n());
        assertNull(number.s());
        assertNull(number.bool());
        assertFalse(number.hasL());
        assertEquals(List.of(), number.l());
        assertFalse(number.hasM());
        assertEquals(Map.of(), number.m());
        assertEquals(List.of(), number.ss());
        assertNull(AttributeValue.fromS("7").n());
        assertNull(AttributeValue.fromNul().s());
        assertTrue(AttributeValue.fromL(List.of()).hasL());
        assertTrue(AttributeValue.fromM(Map.of()).hasM());
    }

    @Test
    void typesAreNeverEqualToEachOther() {
        assertNotEquals(AttributeValue.fromS("1"), AttributeValue.fromN("1"));
        assertNotEquals(AttributeValue.fromL(List.of(AttributeValue.fromS("a"))), AttributeValue.fromSs(List.of("a")));
        assertNotEquals(AttributeValue.fromBool(true), AttributeValue.fromNul());
        assertEquals(AttributeValue.fromS("x").hashCode(), AttributeValue.fromS("x").hashCode());
    }

    @Test
    void nullIsRefusedWhereAValueIsNeeded() {
        IllegalArgumentException s = assertThrows(IllegalArgumentException.class, () -> AttributeValue.fromS(null));
        assertThrows(IllegalArgumentException.class, () -> AttributeValue.fromN(null));

        assertTrue(s.getMessage().contains("fromNul()"), s.getMessage());
    }

    @Test
    void listsAndMapsAreCopied() {
        List<AttributeValue> list = new ArrayList<>(List.of(AttributeValue.fromS("a")));
        Map<String, AttributeValue> map = new LinkedHashMap<>(Map.of("k", AttributeValue.fromS("v")));
        AttributeValue l = AttributeValue.fromL(list);
        AttributeValue m = AttributeValue.fromM(map);

        list.add(AttributeValue.fromS("b"));
        map.put("k2", AttributeValue.fromS("v2"));

        assertEquals(1, l.l().size());
        assertEquals(1, m.m().size());
    }

    @Test
    void anAbsentItemReadsAsEmpty() {
        assertEquals(Map.of(), AttributeValue.itemFromJson(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"B\":\"AAEC\"}", "{\"NS\":[\"1\"]}", "{}", "{\"S\":\"a\",\"N\":\"1\"}", "\"just text\"", "[]",
        "{\"S\":5}", "{\"N\":1}", "{\"BOOL\":\"true\"}", "{\"L\":{}}", "{\"M\":[]}", "{\"SS\":[1]}", "{\"S\":null}", "{\"L\":[{\"X\":1}]}"})
    void aValueOfAnotherShapeIsAJsonError(String json) {
        assertThrows(JsonException.class, () -> AttributeValue.fromJson(Json.parse(json)));
    }

    @Test
    void theErrorSaysWhatTheValueHeld() {
        JsonException e = assertThrows(JsonException.class, () -> AttributeValue.fromJson(Json.parse("{\"S\":5}")));

        assertEquals("a DynamoDB S attribute cannot hold Long", e.getMessage());
    }

    @Test
    void anItemThatIsNotAnObjectIsAJsonError() {
        assertThrows(JsonException.class, () -> AttributeValue.itemFromJson(List.of()));
    }

    /** Every type written to a real server and read back; a string set may come back in another order. */
    @Test
    void everyTypeSurvivesAPutAndAGetOnDynalite() {
        Dynalite dynalite = Dynalite.shared();
        String table = dynalite.createTable();
        DynamoDb dynamo = dynalite.client();
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("PK", AttributeValue.fromS("TYPES#1"));
        item.put("SK", AttributeValue.fromS("ALL"));
        item.put("s", AttributeValue.fromS("Chào 😀 \"quoted\" \\ / \n\t"));
        item.put("n", AttributeValue.fromN("-12.5"));
        item.put("big", AttributeValue.fromN("12345678901234567890123456789012345678"));
        item.put("yes", AttributeValue.fromBool(true));
        item.put("no", AttributeValue.fromBool(false));
        item.put("nothing", AttributeValue.fromNul());
        item.put("list", AttributeValue.fromL(List.of(AttributeValue.fromS("a"), AttributeValue.fromN("1"), AttributeValue.fromNul(),
                AttributeValue.fromL(List.of()), AttributeValue.fromM(Map.of("deep", AttributeValue.fromBool(true))))));
        item.put("map", AttributeValue.fromM(Map.of("inner", AttributeValue.fromM(Map.of("list", AttributeValue.fromL(List.of(
                AttributeValue.fromS("x"))))), "empty", AttributeValue.fromM(Map.of()))));
        item.put("tags", AttributeValue.fromSs(List.of("mastodon", "bluesky", "é")));

        dynamo.putItem(b -> b.tableName(table).item(item));
        DynamoResponse got = dynamo.getItem(b -> b.tableName(table).key(Map.of("PK", item.get("PK"), "SK", item.get("SK"))).consistentRead(true));

        assertTrue(got.hasItem());
        Map<String, AttributeValue> read = new LinkedHashMap<>(got.item());
        assertEquals(new HashSet<>(item.get("tags").ss()), new HashSet<>(read.remove("tags").ss()));
        Map<String, AttributeValue> expected = new LinkedHashMap<>(item);
        expected.remove("tags");
        assertEquals(expected, read);
    }
}
