package socialdesk.aws.dynamo;

import static socialdesk.aws.dynamo.Attr.s;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import socialdesk.core.engagement.polling.PollCursor;
import socialdesk.core.engagement.polling.PollCursorStore;
import socialdesk.core.post.Platform;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Polling cursors in the single table, one item per platform account: {@code CURSOR#<platform>} /
 * {@code CURSOR}, attributes {@code position} (sorts in the order of progress), {@code state} (the
 * platform's own cursor) and {@code updatedAt}. Written with a PutItem conditional on the stored
 * position being smaller, so an overlapping or stale run can never move it backwards.
 */
public final class DynamoPollCursorStore implements PollCursorStore {
    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public DynamoPollCursorStore(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    static String cursorKey(Platform platform) {
        return "CURSOR#" + platform.id();
    }

    private static Map<String, AttributeValue> key(Platform platform) {
        return Map.of(TableDefinition.PK, s(cursorKey(platform)), TableDefinition.SK, s("CURSOR"));
    }

    @Override
    public Optional<PollCursor> find(Platform platform) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(key(platform)).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        String position = Attr.string(item, "position");
        String state = Attr.string(item, "state");
        return position == null || state == null ? Optional.empty() : Optional.of(new PollCursor(position, state));
    }

    @Override
    public boolean advance(Platform platform, PollCursor next) {
        Map<String, AttributeValue> item = new HashMap<>(key(platform));
        item.put("type", s("cursor"));
        item.put("platform", s(platform.id()));
        item.put("position", s(next.position()));
        item.put("state", s(next.state()));
        item.put("updatedAt", s(clock.instant().toString()));
        try {
            dynamo.putItem(b -> b.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(PK) OR #position < :position")
                    .expressionAttributeNames(Map.of("#position", "position"))
                    .expressionAttributeValues(Map.of(":position", s(next.position()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }
}
