package socialdesk.aws.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import socialdesk.aws.testing.LoopbackAws;
import socialdesk.core.events.DomainEvent;
import socialdesk.core.json.Json;

/** The publisher through the SDK's EventBridge client, against a loopback bus that answers as PutEvents does. */
class EventBridgePublisherTest {
    private static final String JSON_11 = "application/x-amz-json-1.1";

    private static DomainEvent event(int n) {
        return DomainEvent.of("social.publishing", "PostPublished", "p-" + n, Map.of("postId", "p-" + n));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> entries(Map<String, Object> request) {
        return (List<Map<String, Object>>) request.get("Entries");
    }

    /** Every entry accepted, or the ones at {@code refused} positions refused. */
    private static LoopbackAws.Answer answer(Map<String, Object> request, List<Integer> refused) {
        List<Object> results = new ArrayList<>();
        for (int i = 0; i < entries(request).size(); i++) {
            results.add(refused.contains(i) ? Map.of("ErrorCode", "InternalFailure", "ErrorMessage", "try again")
                    : Map.of("EventId", "e-" + i));
        }
        return new LoopbackAws.Answer(200, Json.write(Map.of("FailedEntryCount", refused.size(), "Entries", results)));
    }

    @Test
    void putsTenEntriesARequestOnTheBusWithTheEventAsDetail() {
        try (LoopbackAws bus = new LoopbackAws(JSON_11, r -> answer(r, List.of()))) {
            new EventBridgePublisher(bus.clients().eventBridge(), "the-bus")
                    .publish(IntStream.range(0, 12).mapToObj(EventBridgePublisherTest::event).toList());

            assertEquals(List.of(10, 2), bus.requests().stream().map(r -> entries(r).size()).toList());
            Map<String, Object> first = entries(bus.requests().getFirst()).getFirst();
            assertEquals("the-bus", first.get("EventBusName"));
            assertEquals("social.publishing", first.get("Source"));
            assertEquals("PostPublished", first.get("DetailType"));
            // The stable id travels in the detail, first: consumers dedupe on it.
            assertEquals(Map.of("eventId", event(0).id(), "postId", "p-0"), Json.parseObject((String) first.get("Detail")));
            assertTrue(((String) first.get("Detail")).startsWith("{\"eventId\":\"" + event(0).id() + "\""));
        }
    }

    @Test
    void anEntryTheBusRefusesIsPutOnceMoreAlone() {
        AtomicInteger calls = new AtomicInteger();
        try (LoopbackAws bus = new LoopbackAws(JSON_11, r -> answer(r, calls.getAndIncrement() == 0 ? List.of(1) : List.of()))) {
            new EventBridgePublisher(bus.clients().eventBridge(), "the-bus").publish(List.of(event(0), event(1), event(2)));

            assertEquals(2, bus.requests().size());
            assertEquals(List.of("{\"eventId\":\"" + event(1).id() + "\",\"postId\":\"p-1\"}"), entries(bus.requests().get(1)).stream().map(e -> e.get("Detail")).toList());
        }
    }

    @Test
    void anEntryRefusedTwiceFailsThePublish() {
        try (LoopbackAws bus = new LoopbackAws(JSON_11, r -> answer(r, List.of(0)))) {
            EventBridgePublisher publisher = new EventBridgePublisher(bus.clients().eventBridge(), "the-bus");

            IllegalStateException e = assertThrows(IllegalStateException.class, () -> publisher.publish(List.of(event(0))));
            assertEquals("the bus refused 1 events twice", e.getMessage());
        }
    }
}
