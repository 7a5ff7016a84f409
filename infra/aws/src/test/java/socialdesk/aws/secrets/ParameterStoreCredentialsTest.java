package socialdesk.aws.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import socialdesk.aws.testing.EmfCapture;
import socialdesk.aws.testing.LoopbackAws;
import socialdesk.core.json.Json;
import socialdesk.core.metrics.DeskMetrics;
import socialdesk.core.metrics.Metric;

/**
 * The credentials reader through the SDK's SSM client, against a loopback service that answers
 * GetParametersByPath as Parameter Store does: pages of at most ten, a NextToken between them.
 */
class ParameterStoreCredentialsTest {
    private static final Instant START = Instant.parse("2026-12-06T09:00:00Z");
    private static final String PATH = "/social-desk/platforms";

    /** Parameter Store with {@code count} parameters under {@link #PATH}, named p0, p1, ..., answered ten a page. */
    private static LoopbackAws parameterStore(int count) {
        return new LoopbackAws("application/x-amz-json-1.1", request -> {
            if (!PATH.equals(request.get("Path")) || !Boolean.TRUE.equals(request.get("WithDecryption"))) {
                return new LoopbackAws.Answer(400, "{\"__type\":\"ValidationException\",\"message\":\"unexpected request\"}");
            }
            int from = request.get("NextToken") == null ? 0 : Integer.parseInt((String) request.get("NextToken"));
            List<Object> page = new java.util.ArrayList<>();
            for (int i = from; i < Math.min(count, from + 10); i++) {
                page.add(Map.of("Name", PATH + "/p" + i, "Type", "SecureString", "Value", "{\"token\":\"t" + i + "\"}", "Version", 1));
            }
            Map<String, Object> answer = new java.util.LinkedHashMap<>();
            answer.put("Parameters", page);
            if (from + 10 < count) {
                answer.put("NextToken", Integer.toString(from + 10));
            }
            return new LoopbackAws.Answer(200, Json.write(answer));
        });
    }

    @Test
    void readsEveryParameterOfThePathInOneRequestAndAgainOnlyAfterItsTimeInMemory() {
        try (LoopbackAws service = parameterStore(3)) {
            AdjustableClock clock = new AdjustableClock(START);
            ParameterStoreCredentials credentials = new ParameterStoreCredentials(service.clients().ssm(), PATH, clock,
                    Duration.ofMinutes(5), DeskMetrics.NONE);

            assertEquals(Optional.of("{\"token\":\"t0\"}"), credentials.find(PATH + "/p0"));
            assertEquals(Optional.of("{\"token\":\"t2\"}"), credentials.find(PATH + "/p2"));
            clock.now = START.plus(Duration.ofMinutes(4));
            credentials.find(PATH + "/p1");
            assertEquals(1, service.requests().size());
            clock.now = START.plus(Duration.ofMinutes(6));
            credentials.find(PATH + "/p1");
            assertEquals(2, service.requests().size());
        }
    }

    /**
     * The count the cost model uses: a warm publisher reads its five platforms on every one-minute
     * tick for an hour, and the cache sends a request only when its value is older than fifteen minutes.
     */
    @Test
    void aWarmContainerTickingEveryMinuteAsksFourTimesAnHour() {
        try (LoopbackAws service = parameterStore(5)) {
            AdjustableClock clock = new AdjustableClock(START);
            ParameterStoreCredentials credentials = new ParameterStoreCredentials(service.clients().ssm(), PATH, clock,
                    ParameterStoreCredentials.DEFAULT_TTL, DeskMetrics.NONE);

            for (int minute = 0; minute < 60; minute++) {
                clock.now = START.plus(Duration.ofMinutes(minute));
                for (int platform = 0; platform < 5; platform++) {
                    credentials.find(PATH + "/p" + platform);
                }
            }

            System.out.printf("GetParametersByPath requests in an hour of one-minute ticks (5 platforms, %s cache): %d%n",
                    ParameterStoreCredentials.DEFAULT_TTL, service.requests().size());
            assertEquals(4, service.requests().size(), "one read every sixteen minutes: the value is refreshed once older than fifteen");
        }
    }

    @Test
    void followsNextTokenAcrossPages() {
        try (LoopbackAws service = parameterStore(23)) {
            ParameterStoreCredentials credentials = new ParameterStoreCredentials(service.clients().ssm(), PATH, DeskMetrics.NONE);

            assertEquals(Optional.of("{\"token\":\"t22\"}"), credentials.find(PATH + "/p22"));
            assertEquals(3, service.requests().size());
            assertEquals("20", service.requests().get(2).get("NextToken"));
        }
    }

    @Test
    void aNameWithNoParameterIsEmptyAndTheAnswerIsCachedToo() {
        try (LoopbackAws service = parameterStore(1)) {
            ParameterStoreCredentials credentials = new ParameterStoreCredentials(service.clients().ssm(), PATH, DeskMetrics.NONE);

            assertEquals(Optional.empty(), credentials.find(PATH + "/bluesky"));
            assertEquals(Optional.empty(), credentials.find(PATH + "/bluesky"));
            assertEquals(1, service.requests().size());
        }
    }

    @Test
    void readsThatMissTheCacheAreCountedAndCachedReadsAreNot() {
        try (LoopbackAws service = parameterStore(2)) {
            AdjustableClock clock = new AdjustableClock(START);
            EmfCapture emf = new EmfCapture(clock);
            ParameterStoreCredentials credentials = new ParameterStoreCredentials(service.clients().ssm(), PATH, clock,
                    Duration.ofMinutes(5), emf.metrics());

            credentials.find(PATH + "/p0");
            credentials.find(PATH + "/p1");
            clock.now = START.plus(Duration.ofMinutes(6));
            credentials.find(PATH + "/p0");
            emf.metrics().flush();

            assertEquals(2, service.requests().size());
            assertEquals(List.of(2.0), emf.valuesOf(Metric.SECRETS_CACHE_MISSES.metricName(), Map.of()));
        }
    }

    @Test
    void aNameOutsideThePathIsRefusedWithoutARequest() {
        try (LoopbackAws service = parameterStore(1)) {
            ParameterStoreCredentials credentials = new ParameterStoreCredentials(service.clients().ssm(), PATH, DeskMetrics.NONE);

            assertThrows(IllegalArgumentException.class, () -> credentials.find("/social-desk/webhooks/meta"));
            assertThrows(IllegalArgumentException.class, () -> credentials.find(PATH + "/nested/p0"));
            assertEquals(0, service.requests().size());
        }
    }

    @Test
    void aPathMustStartWithASlashAndNotEndWithOne() {
        try (LoopbackAws service = parameterStore(0)) {
            assertThrows(IllegalArgumentException.class,
                    () -> new ParameterStoreCredentials(service.clients().ssm(), "social-desk/platforms", DeskMetrics.NONE));
            assertThrows(IllegalArgumentException.class,
                    () -> new ParameterStoreCredentials(service.clients().ssm(), "/social-desk/platforms/", DeskMetrics.NONE));
        }
    }

    private static final class AdjustableClock extends Clock {
        volatile Instant now;

        AdjustableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
