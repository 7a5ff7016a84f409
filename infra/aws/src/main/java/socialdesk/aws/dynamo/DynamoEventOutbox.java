package socialdesk.aws.dynamo;

import static socialdesk.aws.dynamo.Attr.s;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import socialdesk.core.events.Announcement;
import socialdesk.core.events.DomainEvent;
import socialdesk.core.events.EventOutbox;
import socialdesk.core.events.PendingEvents;
import socialdesk.core.json.Json;
import socialdesk.core.json.JsonRead;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The outbox in the single table. An item whose change must reach the bus carries, from the write
 * that made the change:
 * <ul>
 *   <li>{@code outbox}: a string set, one JSON document per event ({@code id}, {@code source},
 *       {@code detailType}, {@code detail});</li>
 *   <li>{@code GSI3PK = OUTBOX}, {@code GSI3SK = <announce-after epoch ms, 13 digits>}: on the
 *       sparse index GSI3 for as long as it holds events, sorted by when a sweep may take them.</li>
 * </ul>
 * Items on the outbox partition are posts in a final state, comments and account-health items. The
 * outbox has an index of its own because a comment is on GSI1 (its lookup by platform id) and GSI2
 * (its state) at the same time; taking the events off must not take the comment off those. A sweep claims
 * each overdue item by moving its sort key a minute on (conditional on the key it saw), so
 * overlapping sweeps do not both send it. Taking
 * announced events off is one update: {@code DELETE} them from the set and, when they were all
 * it held, {@code REMOVE} the index keys in the same write.
 */
public final class DynamoEventOutbox implements EventOutbox {
    static final String PARTITION = "OUTBOX";
    static final String EVENTS = "outbox";
    /** How long a sweep holds the items it took; one that dies leaves them to the sweep after that. */
    static final Duration SWEEP_LEASE = Duration.ofMinutes(1);

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoEventOutbox(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    // ---------------------------------------------------------------- writing (for the stores)

    /** The outbox attributes of a new item (a put) holding the announcement; nothing for an empty one. */
    static void putInto(Map<String, AttributeValue> item, Announcement announcement) {
        if (announcement.isEmpty()) {
            return;
        }
        item.put(EVENTS, AttributeValue.fromSs(documents(announcement.events())));
        item.put(TableDefinition.GSI3PK, s(PARTITION));
        item.put(TableDefinition.GSI3SK, s(DynamoPostStore.epochKey(announcement.announceAfter().toEpochMilli())));
    }

    /**
     * The clauses an update adds to hold the announcement: a {@code SET} list and an {@code ADD}
     * list, both empty for an empty announcement, with their values put into {@code values}.
     */
    record UpdateClauses(String set, String add) {
        static UpdateClauses of(Announcement announcement, Map<String, AttributeValue> values) {
            if (announcement.isEmpty()) {
                return new UpdateClauses("", "");
            }
            values.put(":outboxEvents", AttributeValue.fromSs(documents(announcement.events())));
            values.put(":outboxPartition", s(PARTITION));
            values.put(":outboxAfter", s(DynamoPostStore.epochKey(announcement.announceAfter().toEpochMilli())));
            return new UpdateClauses("GSI3PK = :outboxPartition, GSI3SK = :outboxAfter", EVENTS + " :outboxEvents");
        }

        /** {@code expression} with this SET list appended to its own (which must exist), and this ADD clause after it. */
        String appendTo(String setExpression) {
            return set.isEmpty() ? setExpression : setExpression + ", " + set + " ADD " + add;
        }
    }

    /** What an item written with {@code key} holds pending after a write of {@code announcement}. */
    static PendingEvents pending(Map<String, AttributeValue> key, Announcement announcement) {
        return new PendingEvents(itemRef(key), announcement.events());
    }

    /** No events pending (a write that announced nothing). */
    static PendingEvents none(Map<String, AttributeValue> key) {
        return new PendingEvents(itemRef(key), List.of());
    }

    // ---------------------------------------------------------------- EventOutbox

    @Override
    public List<PendingEvents> overdue(Instant now, int limit) {
        QueryResponse due = dynamo.query(b -> b.tableName(table).indexName(TableDefinition.GSI3)
                .keyConditionExpression("GSI3PK = :outbox AND GSI3SK <= :now")
                .expressionAttributeValues(Map.of(":outbox", s(PARTITION), ":now", s(DynamoPostStore.epochKey(now.toEpochMilli()))))
                .limit(limit));
        if (due.items().isEmpty()) {
            return List.of();
        }
        // The index holds keys only. Each item is claimed for a sweep's lease by moving its sort key
        // on, conditional on the key the Query saw; the update answers the events. An overlapping
        // sweep that saw the same key loses the condition and skips the item.
        String leaseUntil = DynamoPostStore.epochKey(now.plus(SWEEP_LEASE).toEpochMilli());
        List<PendingEvents> out = new ArrayList<>();
        for (Map<String, AttributeValue> indexed : due.items()) {
            Map<String, AttributeValue> key = Map.of(TableDefinition.PK, indexed.get(TableDefinition.PK),
                    TableDefinition.SK, indexed.get(TableDefinition.SK));
            Map<String, AttributeValue> item;
            try {
                item = dynamo.updateItem(b -> b.tableName(table).key(key)
                        .conditionExpression("GSI3PK = :outbox AND GSI3SK = :seen")
                        .updateExpression("SET GSI3SK = :lease")
                        .expressionAttributeValues(Map.of(":outbox", s(PARTITION), ":seen", indexed.get(TableDefinition.GSI3SK),
                                ":lease", s(leaseUntil)))
                        .returnValues(ReturnValue.ALL_NEW)).attributes();
            } catch (ConditionalCheckFailedException e) {
                continue;
            }
            AttributeValue events = item == null ? null : item.get(EVENTS);
            if (events != null && events.hasSs()) {
                out.add(new PendingEvents(itemRef(key), events.ss().stream().map(DynamoEventOutbox::event).toList()));
            }
        }
        return out;
    }

    @Override
    public void announced(PendingEvents pending) {
        if (pending.events().isEmpty()) {
            return;
        }
        Map<String, AttributeValue> key = key(pending.item());
        AttributeValue done = AttributeValue.fromSs(documents(pending.events()));
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key)
                    .conditionExpression(EVENTS + " = :done")
                    .updateExpression("DELETE " + EVENTS + " :done REMOVE GSI3PK, GSI3SK")
                    .expressionAttributeValues(Map.of(":done", done)));
        } catch (ConditionalCheckFailedException e) {
            // The item holds more (a later write added events) or less (a sweep took them already):
            // take off only these; the index keys stay for whatever is left, which the sweep clears.
            dynamo.updateItem(b -> b.tableName(table).key(key)
                    .updateExpression("DELETE " + EVENTS + " :done")
                    .expressionAttributeValues(Map.of(":done", done)));
        }
    }

    // ---------------------------------------------------------------- documents

    private static List<String> documents(List<DomainEvent> events) {
        return events.stream().map(DynamoEventOutbox::document).toList();
    }

    /** One event as stored; the same event always gives the same text, so it can be deleted from the set by value. */
    static String document(DomainEvent event) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("id", event.id());
        doc.put("source", event.source());
        doc.put("detailType", event.detailType());
        doc.put("detail", event.detail());
        return Json.write(doc);
    }

    static DomainEvent event(String document) {
        Object doc = Json.parse(document);
        return new DomainEvent(JsonRead.string(doc, "id"), JsonRead.string(doc, "source"),
                JsonRead.string(doc, "detailType"), JsonRead.object(doc, "detail"));
    }

    private static String itemRef(Map<String, AttributeValue> key) {
        return Json.write(List.of(Attr.string(key, TableDefinition.PK), Attr.string(key, TableDefinition.SK)));
    }

    private static Map<String, AttributeValue> key(String itemRef) {
        List<Object> parts = JsonRead.list(Json.parse(itemRef));
        Map<String, AttributeValue> key = new HashMap<>();
        key.put(TableDefinition.PK, s((String) parts.get(0)));
        key.put(TableDefinition.SK, s((String) parts.get(1)));
        return key;
    }
}
