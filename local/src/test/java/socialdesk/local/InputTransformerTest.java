package socialdesk.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import socialdesk.core.json.Json;

class InputTransformerTest {
    private static final Map<String, Object> EVENT = Json.parseObject("""
            {"version":"0","id":"e1","detail-type":"PostFailed","source":"social.publishing",
             "detail":{"postId":"p-1","excerpt":"Say \\"hi\\"","attempts":2,
                       "failures":[{"platform":"mastodon","reason":"422 refused"}],"tags":["a","b"]}}""");

    private static String apply(String template, Map<String, String> paths) {
        return new InputTransformer(paths, template).apply(EVENT, "Rule", "arn:rule", "2026-01-01T00:00:00Z");
    }

    @Test
    void quotedTemplateGetsTextEscapedForTheString() {
        Map<String, String> paths = new LinkedHashMap<>();
        paths.put("postId", "$.detail.postId");
        paths.put("excerpt", "$.detail.excerpt");
        paths.put("platform", "$.detail.failures[0].platform");
        paths.put("attempts", "$.detail.attempts");
        String out = apply("\"Post <postId> on <platform> after <attempts>: <excerpt>\"", paths);
        assertEquals("\"Post p-1 on mastodon after 2: Say \\\"hi\\\"\"", out);
        assertEquals("Post p-1 on mastodon after 2: Say \"hi\"", Json.parse(out));
    }

    @Test
    void unquotedPlaceholderInJsonGetsTheJsonValue() {
        String out = apply("{\"id\": <postId>, \"n\": <attempts>, \"tags\": <tags>, \"missing\": <missing>}",
                Map.of("postId", "$.detail.postId", "attempts", "$.detail.attempts", "tags", "$.detail.tags", "missing", "$.detail.nope"));
        assertEquals(Json.parse("{\"id\":\"p-1\",\"n\":2,\"tags\":[\"a\",\"b\"],\"missing\":null}"), Json.parse(out));
    }

    @Test
    void plainTextTemplateGetsRawText() {
        assertEquals("p-1 failed on mastodon", apply("<postId> failed on <platform>",
                Map.of("postId", "$.detail.postId", "platform", "$.detail.failures[0].platform")));
    }

    @Test
    void predefinedVariables() {
        String out = apply("{\"rule\": \"<aws.events.rule-name>\", \"event\": <aws.events.event.json>}", Map.of());
        assertEquals("Rule", ((Map<?, ?>) Json.parse(out)).get("rule"));
        assertEquals(EVENT, ((Map<?, ?>) Json.parse(out)).get("event"));
    }

    @Test
    void paths() {
        assertEquals("PostFailed", InputTransformer.select(EVENT, "$.detail-type"));
        assertEquals("b", InputTransformer.select(EVENT, "$.detail.tags[1]"));
        assertNull(InputTransformer.select(EVENT, "$.detail.tags[5]"));
        assertEquals(EVENT, InputTransformer.select(EVENT, "$"));
        assertThrows(IllegalArgumentException.class, () -> new InputTransformer(Map.of("x", "detail.postId"), "<x>"));
        assertThrows(IllegalArgumentException.class, () -> new InputTransformer(Map.of("aws.x", "$.id"), "<aws.x>"));
    }
}
