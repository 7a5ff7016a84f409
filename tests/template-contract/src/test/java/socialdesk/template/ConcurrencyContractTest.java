package socialdesk.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The public webhook URL cannot starve the rest of the account: platform-webhook's concurrency is
 * capped, the publisher has a share of its own, both from parameters with sensible defaults that
 * can be emptied (no reservation) but never set to 0 (which would stop the function).
 */
class ConcurrencyContractTest {
    private final Template template = Template.load();

    @Test
    void theWebhookIsCappedAndThePublisherHasAShareFromParameters() {
        assertEquals(reservation("HasWebhookReservedConcurrency", "WebhookReservedConcurrency"),
                function("PlatformWebhookFunction").get("ReservedConcurrentExecutions"));
        assertEquals(reservation("HasPublisherReservedConcurrency", "PublisherReservedConcurrency"),
                function("PublishDuePostsFunction").get("ReservedConcurrentExecutions"));
        assertEquals("10", parameter("WebhookReservedConcurrency").get("Default"));
        assertEquals("2", parameter("PublisherReservedConcurrency").get("Default"));
    }

    @Test
    void aReservationParameterTakesEmptyOrAPositiveNumberButNeverZero() {
        for (String name : List.of("WebhookReservedConcurrency", "PublisherReservedConcurrency")) {
            String pattern = (String) parameter(name).get("AllowedPattern");
            assertTrue("".matches(pattern), name);
            assertTrue("10".matches(pattern), name);
            assertFalse("0".matches(pattern), name + ": 0 would throttle every invocation");
            assertFalse("-1".matches(pattern), name);
            assertTrue(((String) parameter(name).get("Default")).matches(pattern), name);
        }
    }

    @Test
    void noOtherFunctionReservesConcurrency() {
        template.functions().stream()
                .filter(f -> !List.of("PlatformWebhookFunction", "PublishDuePostsFunction").contains(f.logicalId()))
                .forEach(f -> assertEquals(null, f.reservedConcurrency(), f.logicalId()));
    }

    private static Map<String, Object> reservation(String condition, String parameter) {
        return Map.of("Fn::If", List.of(condition, Map.of("Ref", parameter), Map.of("Ref", "AWS::NoValue")));
    }

    private Map<String, Object> function(String logicalId) {
        return Template.map(template.resource(logicalId).get("Properties"));
    }

    private Map<String, Object> parameter(String name) {
        return Template.map(Template.map(template.document.get("Parameters")).get(name));
    }
}
