package socialdesk.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
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
        assertEquals(true, e.getMessage().startsWith("nesting deeper than"));
    }

    @Test
    void refusesNumbersTooLongOrTooLargeToBeData() {
        assertThrows(JsonException.class, () -> Json.parse("1" + "0".repeat(100)));
        assertThrows(JsonException.class, () -> Json.parse("1e999999999"));
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
