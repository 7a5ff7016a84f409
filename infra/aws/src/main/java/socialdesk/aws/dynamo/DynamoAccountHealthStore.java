package socialdesk.aws.dynamo;

import static socialdesk.aws.dynamo.Attr.n;
import static socialdesk.aws.dynamo.Attr.s;

import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import socialdesk.core.events.Announcement;
import socialdesk.core.events.PendingEvents;
import socialdesk.core.post.Platform;
import socialdesk.core.publish.AccountHealth;
import socialdesk.core.publish.AccountHealthStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Account health in the single table: one item per platform, {@code ACCOUNTS} / {@code HEALTH#<platform>},
 * so a run reads every blocked account with one Query. Every transition is a conditional update
 * that writes its event onto the item in the outbox ({@link DynamoEventOutbox}).
 */
public final class DynamoAccountHealthStore implements AccountHealthStore {
    private static final String PK = "ACCOUNTS";
    private static final String BLOCKED = "BLOCKED";
    private static final String OK = "OK";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoAccountHealthStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    private static Map<String, AttributeValue> key(Platform platform) {
        return Map.of(TableDefinition.PK, s(PK), TableDefinition.SK, s("HEALTH#" + platform.id()));
    }

    @Override
    public Map<Platform, AccountHealth> blocked() {
        Map<Platform, AccountHealth> out = new EnumMap<>(Platform.class);
        dynamo.query(b -> b.tableName(table).consistentRead(true)
                        .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                        .filterExpression("#status = :blocked")
                        .expressionAttributeNames(Map.of("#status", "status"))
                        .expressionAttributeValues(Map.of(":pk", s(PK), ":prefix", s("HEALTH#"), ":blocked", s(BLOCKED))))
                .items().forEach(item -> {
                    Platform platform = Platform.fromId(Attr.string(item, "platform"));
                    out.put(platform, new AccountHealth(platform, Attr.string(item, "reason"),
                            Instant.ofEpochMilli(Attr.number(item, "blockedSince", 0)),
                            Instant.ofEpochMilli(Attr.number(item, "nextProbeAt", 0))));
                });
        return out;
    }

    @Override
    public Optional<PendingEvents> markBlocked(Platform platform, String reason, Instant now, Instant nextProbeAt,
                                               Announcement announcement) {
        return transition(platform, announcement,
                "SET #status = :blocked, platform = :platform, reason = :reason, blockedSince = :now, nextProbeAt = :next",
                "attribute_not_exists(PK) OR #status <> :blocked",
                Map.of(":blocked", s(BLOCKED), ":platform", s(platform.id()), ":reason", s(reason),
                        ":now", n(now.toEpochMilli()), ":next", n(nextProbeAt.toEpochMilli())), "");
    }

    @Override
    public boolean claimProbe(Platform platform, Instant now, Instant nextProbeAt) {
        return transition(platform, new Announcement(List.of(), now), "SET nextProbeAt = :next",
                "#status = :blocked AND nextProbeAt <= :now",
                Map.of(":blocked", s(BLOCKED), ":now", n(now.toEpochMilli()), ":next", n(nextProbeAt.toEpochMilli())), "")
                .isPresent();
    }

    @Override
    public Optional<PendingEvents> markHealthy(Platform platform, Announcement announcement) {
        return transition(platform, announcement, "SET #status = :ok",
                "#status = :blocked", Map.of(":ok", s(OK), ":blocked", s(BLOCKED)), " REMOVE reason, blockedSince, nextProbeAt");
    }

    @Override
    public Optional<PendingEvents> markExpiryNotified(Platform platform, Instant expiresAt, Announcement announcement) {
        return transition(platform, announcement, "SET platform = :platform, expiryNotifiedFor = :expiry, "
                        + "#status = if_not_exists(#status, :ok)",
                "attribute_not_exists(expiryNotifiedFor) OR expiryNotifiedFor <> :expiry",
                Map.of(":platform", s(platform.id()), ":expiry", s(expiresAt.toString()), ":ok", s(OK)), "");
    }

    /**
     * One conditional update: {@code set} (a SET clause), the announcement's outbox clauses, then
     * {@code remove} (a REMOVE clause or empty). Empty when the condition did not hold.
     */
    private Optional<PendingEvents> transition(Platform platform, Announcement announcement, String set, String condition,
                                               Map<String, AttributeValue> values, String remove) {
        Map<String, AttributeValue> allValues = new HashMap<>(values);
        String update = DynamoEventOutbox.UpdateClauses.of(announcement, allValues).appendTo(set) + remove;
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(platform))
                    .updateExpression(update)
                    .conditionExpression(condition)
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(allValues));
            return Optional.of(DynamoEventOutbox.pending(key(platform), announcement));
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }
}
