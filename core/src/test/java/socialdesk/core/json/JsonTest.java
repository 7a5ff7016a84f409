package socialdesk.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void readsEveryKindOfValue() {
        Object value = Json.parse("{\"s\":\"a\\u00e9\\n\\\"b\",\"i\":-12,\"big\":123456789012345678901,"
                + "\"d\":1.5e3,\"t\":true,\"f\":false,\"n\":null,\"l\":[1,[2],{}]}");

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("s", "aé\n\"b");
        expected.put("i", -12L);
        expected.put("big", new BigDecimal("123456789012345678901"));
        expected.put("d", new BigDecimal("1.5e3"));
        expected.put("t", true);
        expected.put("f", false);
        expected.put("n", null);
        expected.put("l", List.of(1L, List.of(2L), Map.of()));
        assertEquals(expected, value);
    }

    @Test
    void writesWhatItReads() {
        String text = "{\"text\":\"Chào bạn 👋\\n\\\"quoted\\\" \\\\ \\u0001\",\"n\":[1,2.5,null,true]}";

        assertEquals(Json.parse(text), Json.parse(Json.write(Json.parse(text))));
        assertEquals("\"\\u0001\\u2028\"", Json.write("\u0001\u2028"));
        assertEquals("[1500,0.25,-3]", Json.write(Json.parse("[1.5e3,0.25,-3]")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "[1,]", "{\"a\" 1}", "{\"a\":1,}", "tru", "01", "1.", "-", "\"\\x\"",
            "\"\\u12\"", "\"unterminated", "{\"a\":1} extra", "[1 2]", "\"\u0001\"", "1e", "{1:2}"})
    void refusesMalformedText(String text) {
        assertThrows(JsonException.class, () -> Json.parse(text));
    }

    @Test
    void refusesDeepNestingWithoutOverflowingTheStack() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);

        JsonException e = assertThrows(JsonException.class, () -> Json.parse(deep));
        assertTrue(e.getMessage().contains("nesting depth"), e.getMessage());
    }

    @Test
    void acceptsNestingUpToTheLimit() {
        String atLimit = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);
        String beyond = "{\"a\":".repeat(Json.MAX_DEPTH + 1) + "1" + "}".repeat(Json.MAX_DEPTH + 1);

        assertTrue(Json.parse(atLimit) instanceof List<?>);
        assertThrows(JsonException.class, () -> Json.parse(beyond));
    }

    @Test
    void refusesNumbersTooLongOrTooLargeToBeData() {
        assertThrows(JsonException.class, () -> Json.parse("1" + "0".repeat(100)));
        assertThrows(JsonException.class, () -> Json.parse("0." + "1".repeat(100)));
        assertThrows(JsonException.class, () -> Json.parse("1e999999999"));
    }

    @Test
    void refusesStringsLongerThanAnInvokePayload() {
        String huge = "\"" + "a".repeat(Json.MAX_STRING_LENGTH + 1) + "\"";

        assertThrows(JsonException.class, () -> Json.parse(huge));
    }

    @Test
    void refusesDocumentsLargerThanTheLimit() {
        String manySmallStrings = "[" + "\"aaaaaaaa\",".repeat((int) (Json.MAX_DOCUMENT_LENGTH / 11) + 1) + "1]";

        assertThrows(JsonException.class, () -> Json.parse(manySmallStrings));
    }

    @Test
    void refusesLongObjectKeys() {
        assertThrows(JsonException.class, () -> Json.parse("{\"" + "k".repeat(Json.MAX_NAME_LENGTH + 1) + "\":1}"));
    }

    @Test
    void refusesBytesThatAreNotUtf8() {
        byte[] latin1 = "{\"name\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);

        assertThrows(JsonException.class, () -> Json.parse(latin1));
        assertEquals(Map.of("name", "café"), Json.parseObject("{\"name\":\"caf\u00e9\"}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void refusesTrailingContentAndNonObjectsWhereAnObjectIsRequired() {
        assertThrows(JsonException.class, () -> Json.parse("{} {}"));
        assertThrows(JsonException.class, () -> Json.parse("1 2"));
        assertThrows(JsonException.class, () -> Json.parseObject("[1]"));
        assertThrows(JsonException.class, () -> Json.parse((String) null));
    }

    @Test
    void readsIntegersAsLongsAndDecimalsAsBigDecimals() {
        Map<String, Object> tree = Json.parseObject("{\"small\":1,\"long\":9007199254740993,\"max\":9223372036854775807,"
                + "\"past\":9223372036854775808,\"d\":0.1}");

        assertEquals(1L, tree.get("small"));
        assertEquals(9007199254740993L, tree.get("long"));
        assertEquals(Long.MAX_VALUE, tree.get("max"));
        assertEquals(new BigDecimal("9223372036854775808"), tree.get("past"));
        assertEquals(new BigDecimal("0.1"), tree.get("d"));
    }

    @Test
    void writesEnumsAndOtherValuesAsStrings() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("at", Instant.parse("2026-12-06T10:00:00Z"));
        value.put("unit", RoundingMode.HALF_UP);
        value.put("n", null);

        assertEquals("{\"at\":\"2026-12-06T10:00:00Z\",\"unit\":\"HALF_UP\",\"n\":null}", Json.write(value));
    }

    @Test
    void refusesToWriteNestingDeeperThanTheWriteLimit() {
        Object deep = List.of();
        for (int i = 0; i < Json.MAX_WRITE_DEPTH + 1; i++) {
            deep = List.of(deep);
        }
        Object tooDeep = deep;

        assertThrows(JsonException.class, () -> Json.write(tooDeep));
    }

    @Test
    void navigatesLenientlyByPath() {
        Object tree = Json.parse("{\"a\":{\"b\":\"x\",\"n\":7,\"id\":12345678901234}}");

        assertEquals("x", JsonRead.string(tree, "a", "b"));
        assertEquals(null, JsonRead.string(tree, "a", "n"));
        assertEquals("12345678901234", JsonRead.id(tree, "a", "id"));
        assertEquals(List.of(), JsonRead.list(tree, "missing"));
        assertEquals(null, JsonRead.object(tree, "a", "b", "c"));
    }
}
