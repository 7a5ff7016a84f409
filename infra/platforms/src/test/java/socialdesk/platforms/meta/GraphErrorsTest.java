package socialdesk.platforms.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import socialdesk.core.json.Json;
import socialdesk.core.publish.PublishOutcome.CredentialsRejected;
import socialdesk.core.publish.PublishOutcome.Permanent;
import socialdesk.core.publish.PublishOutcome.Transient;
import socialdesk.platforms.PlatformHttp;
import socialdesk.platforms.PlatformHttp.Response;
import socialdesk.platforms.fake.FakeGraph;

class GraphErrorsTest {
    private static final Instant NOW = Instant.parse("2026-11-26T09:00:00Z");
    private final PlatformHttp http = new PlatformHttp("facebook", HttpClient.newHttpClient(), Duration.ofSeconds(1),
            Clock.fixed(NOW, ZoneOffset.UTC));

    private static Response answer(int status, Map<String, String> headers, int code) {
        return new Response(status, HttpHeaders.of(headers.entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue()))), (a, b) -> true),
                Json.write(FakeGraph.error("message " + code, "OAuthException", code, null)));
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 17, 32, 613, 80001, 80006, 80014})
    void rateLimitCodesAreTransient(int code) {
        assertInstanceOf(Transient.class, GraphErrors.outcome(http, answer(400, Map.of(), code)));
    }

    @ParameterizedTest
    @ValueSource(ints = {190, 102, 10, 200, 299})
    void tokenAndPermissionCodesAreCredentialsRejected(int code) {
        assertInstanceOf(CredentialsRejected.class, GraphErrors.outcome(http, answer(400, Map.of(), code)));
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 368, 506, 80015})
    void otherCodesArePermanent(int code) {
        assertInstanceOf(Permanent.class, GraphErrors.outcome(http, answer(400, Map.of(), code)));
    }

    @Test
    void theLargestEstimateInAnyUsageHeaderWins() {
        String buc = "{\"123\":[{\"type\":\"pages\",\"call_count\":100,\"estimated_time_to_regain_access\":5},"
                + "{\"type\":\"instagram\",\"call_count\":90,\"estimated_time_to_regain_access\":12}]}";
        Transient limited = assertInstanceOf(Transient.class, GraphErrors.outcome(http,
                answer(400, Map.of("x-business-use-case-usage", buc, "x-app-usage", "{\"call_count\":10}"), 80001)));
        assertEquals(NOW.plusSeconds(12 * 60), limited.notBefore());
        assertNull(GraphErrors.regainAccessAt(http, HttpHeaders.of(Map.of("x-app-usage", List.of("not json")), (a, b) -> true)));
    }
}
