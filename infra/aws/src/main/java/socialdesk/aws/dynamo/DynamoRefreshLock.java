package socialdesk.aws.dynamo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import socialdesk.core.platform.token.RefreshLock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The refresh lease as one item of the desk's table, {@code PK = LOCK#<name>}, {@code SK = LOCK},
 * taken with a conditional put (free, or its lease over) and given back by ending the lease with an
 * update conditioned on the holder (an update, not a delete, so the publisher needs no new
 * permission on the table). The item carries the table's TTL attribute a day after the lease, so leftovers of
 * crashed holders disappear. See docs/decisions/2026-12-06-token-refresh.md for why a lock item
 * rather than the secret's version stages.
 */
public final class DynamoRefreshLock implements RefreshLock {
    private static final String PK = TableDefinition.PK;
    private static final String SK = TableDefinition.SK;
    private static final String TTL = TableDefinition.TTL;
    private static final String KIND = "LOCK";

    private final DynamoDbClient client;
    private final String table;
    private final Clock clock;

    public DynamoRefreshLock(DynamoDbClient client, String table, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.table = Objects.requireNonNull(table, "table");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public boolean tryAcquire(String name, String holder, Instant until) {
        Instant now = clock.instant();
        try {
            client.putItem(r -> r.tableName(table)
                    .item(Map.of(PK, s(KIND + "#" + name), SK, s(KIND), "holder", s(holder),
                            "leaseUntil", n(until.toEpochMilli()), TTL, n(until.plus(Duration.ofDays(1)).getEpochSecond())))
                    .conditionExpression("attribute_not_exists(#pk) OR #lease < :now")
                    .expressionAttributeNames(Map.of("#pk", PK, "#lease", "leaseUntil"))
                    .expressionAttributeValues(Map.of(":now", n(now.toEpochMilli()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void release(String name, String holder) {
        try {
            client.updateItem(r -> r.tableName(table).key(Map.of(PK, s(KIND + "#" + name), SK, s(KIND)))
                    .updateExpression("SET #lease = :over")
                    .conditionExpression("#holder = :holder")
                    .expressionAttributeNames(Map.of("#lease", "leaseUntil", "#holder", "holder"))
                    .expressionAttributeValues(Map.of(":over", n(0), ":holder", s(holder))));
        } catch (ConditionalCheckFailedException e) {
            // The lease ran out and someone else holds it now: theirs to release.
        }
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
