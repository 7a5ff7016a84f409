package socialdesk.aws.dynamo;

import static socialdesk.aws.dynamo.Attr.n;
import static socialdesk.aws.dynamo.Attr.s;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import socialdesk.core.engagement.StoredComment;
import socialdesk.core.post.Platform;
import socialdesk.core.reply.CommentState;
import socialdesk.core.reply.Reply;
import socialdesk.core.reply.ReplyStatus;
import socialdesk.core.reply.ReplyStore;
import socialdesk.core.reply.TrackedComment;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Replies and comment states in the single table, beside the comments {@link DynamoEngagementStore}
 * writes:
 *
 * <table>
 *   <tr><th>item</th><th>PK</th><th>SK</th><th>how it is written</th></tr>
 *   <tr><td>reply</td><td>{@code POST#<owner>}</td><td>{@code REPLY#<platform>#<commentId>}</td>
 *       <td>claimed with a conditional put (absent, FAILED, or SENDING with its lease run out when
 *       the platform can take a resend); then conditional updates on {@code status} and {@code attempt}</td></tr>
 * </table>
 * A comment is found by platform and id alone (the API knows no post id) through the first index:
 * every comment item carries {@code GSI1PK = COMMENT#<platform>#<commentId>}, {@code GSI1SK = COMMENT}
 * (a partition of its own, beside the publisher's {@code DUE#all}), written with the comment, so no
 * extra write; the Query answers the item's key, and so its owner (eventually consistent: a comment
 * stored a moment ago may take a moment to be found).
 * On the comment item: {@code state} (absent while NEW), {@code stateAt}, {@code stateBy},
 * {@code replyId}, {@code replyUrl}, {@code replyText}, {@code dismissReason}, {@code hidden}. A
 * flagged comment, and any comment a person acted on, carries {@code GSI2PK = COMMENTS#<state>},
 * {@code GSI2SK = <written epoch ms, 13 digits>#<platform>#<commentId>}, moved to the new state's
 * partition with every change: listing the comments in one state (the waiting ones oldest first, for
 * the response-time check and the report) is one Query of the overloaded second index.
 */
public final class DynamoReplyStore implements ReplyStore {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoReplyStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    static String replyKey(Platform platform, String commentId) {
        return "REPLY#" + platform.id() + "#" + commentId;
    }

    static String commentIndexKey(Platform platform, String commentId) {
        return "COMMENT#" + platform.id() + "#" + commentId;
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(TableDefinition.PK, s(pk), TableDefinition.SK, s(sk));
    }

    private static Map<String, AttributeValue> commentItemKey(String ownerId, Platform platform, String commentId) {
        return key(DynamoEngagementStore.ownerKey(ownerId), DynamoEngagementStore.commentKey(platform, commentId));
    }

    /** Adds a new comment item's index keys: found by its id; a flagged one listed among the NEW ones. */
    static void index(Map<String, AttributeValue> item, StoredComment stored) {
        item.put(TableDefinition.GSI1PK, s(commentIndexKey(stored.platform(), stored.comment().id())));
        item.put(TableDefinition.GSI1SK, s("COMMENT"));
        if (stored.verdict().flagged()) {
            item.put(TableDefinition.GSI2PK, s(statePartition(CommentState.NEW)));
            item.put(TableDefinition.GSI2SK, s(sortKey(stored)));
        }
    }

    static String statePartition(CommentState state) {
        return "COMMENTS#" + state.name();
    }

    /** The index keys that list the comment under {@code state}, as update values {@code :gsiPk} and {@code :gsiSk}. */
    private static void listUnder(Map<String, AttributeValue> values, CommentState state, StoredComment stored) {
        values.put(":gsiPk", s(statePartition(state)));
        values.put(":gsiSk", s(sortKey(stored)));
    }

    private static String sortKey(StoredComment stored) {
        return String.format("%013d", stored.comment().at().toEpochMilli()) + "#" + stored.platform().id() + "#" + stored.comment().id();
    }

    // ---------------------------------------------------------------- comments

    @Override
    public Optional<TrackedComment> findComment(Platform platform, String commentId) {
        List<Map<String, AttributeValue>> found = dynamo.query(q -> q.tableName(table).indexName(TableDefinition.GSI1)
                .keyConditionExpression("GSI1PK = :id")
                .expressionAttributeValues(Map.of(":id", s(commentIndexKey(platform, commentId))))
                .limit(1)).items();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        String pk = Attr.string(found.getFirst(), TableDefinition.PK);
        String owner = pk.substring(pk.indexOf('#') + 1);
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                .key(commentItemKey(owner, platform, commentId)).consistentRead(true)).item();
        if (item == null || item.isEmpty() || Attr.string(item, "kind") == null) {
            return Optional.empty();
        }
        return Optional.of(tracked(owner, platform, commentId, item));
    }

    static TrackedComment tracked(String owner, Platform platform, String commentId, Map<String, AttributeValue> item) {
        StoredComment stored = DynamoEngagementStore.storedComment(owner, platform, commentId, item);
        String state = Attr.string(item, "state");
        CommentState s = state == null ? CommentState.NEW : CommentState.valueOf(state);
        String note = s == CommentState.DISMISSED ? Attr.string(item, "dismissReason")
                : s == CommentState.ANSWERED ? Attr.string(item, "replyUrl") : null;
        boolean hidden = item.containsKey("hidden") && Boolean.TRUE.equals(item.get("hidden").bool());
        return new TrackedComment(stored, s, Attr.instant(item, "stateAt"), Attr.string(item, "stateBy"), note, hidden);
    }

    /**
     * The comments in {@code state} (the flagged ones, and every one a person acted on), the waiting
     * ones (NEW) oldest first and the others newest first, at most {@code limit}, of one severity
     * when it is given: Queries of one index partition (eventually consistent: a comment answered a
     * moment ago may still be listed as NEW).
     */
    public List<TrackedComment> list(CommentState state, String severity, int limit) {
        return list(state, severity, null, limit);
    }

    /** As {@link #list(CommentState, String, int)}, of the comments written at or after {@code since} (null: all). */
    public List<TrackedComment> list(CommentState state, String severity, Instant since, int limit) {
        List<TrackedComment> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":pk", s(statePartition(state)));
        if (severity != null) {
            values.put(":severity", s(severity));
        }
        if (since != null) {
            values.put(":since", s(String.format("%013d", Math.max(0, since.toEpochMilli()))));
        }
        String key = since == null ? "GSI2PK = :pk" : "GSI2PK = :pk AND GSI2SK >= :since";
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(q -> q.tableName(table).indexName(TableDefinition.GSI2)
                    .keyConditionExpression(key)
                    .filterExpression(severity == null ? null : "severity = :severity")
                    .expressionAttributeValues(values)
                    .scanIndexForward(state == CommentState.NEW)
                    .limit(100)
                    .exclusiveStartKey(from));
            for (Map<String, AttributeValue> item : page.items()) {
                if (out.size() < limit) {
                    String pk = Attr.string(item, TableDefinition.PK);
                    String owner = pk.substring(pk.indexOf('#') + 1);
                    out.add(tracked(owner, Platform.fromId(Attr.string(item, "platform")), Attr.string(item, "commentId"), item));
                }
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null && out.size() < limit);
        return out;
    }

    /** The flagged comments nobody has acted on, oldest first. */
    public List<TrackedComment> unanswered(int limit) {
        return list(CommentState.NEW, null, limit);
    }

    @Override
    public void answered(TrackedComment comment, Reply sent) {
        StoredComment c = comment.stored();
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":state", s(CommentState.ANSWERED.name()));
        values.put(":at", s(sent.sentAt().toString()));
        values.put(":by", s(sent.approvedBy()));
        values.put(":text", s(Text.clean(sent.text())));
        listUnder(values, CommentState.ANSWERED, c);
        StringBuilder set = new StringBuilder("SET #state = :state, stateAt = :at, stateBy = :by, replyText = :text, "
                + "GSI2PK = :gsiPk, GSI2SK = :gsiSk");
        if (sent.remoteId() != null) {
            set.append(", replyId = :replyId");
            values.put(":replyId", s(sent.remoteId()));
        }
        if (sent.url() != null) {
            set.append(", replyUrl = :replyUrl");
            values.put(":replyUrl", s(sent.url()));
        }
        dynamo.updateItem(b -> b.tableName(table).key(commentItemKey(c.ownerId(), c.platform(), c.comment().id()))
                .conditionExpression("attribute_exists(PK)")
                .updateExpression(set.toString())
                .expressionAttributeNames(Map.of("#state", "state"))
                .expressionAttributeValues(values));
    }

    @Override
    public void hidden(TrackedComment comment, boolean hidden, String by, Instant at) {
        StoredComment c = comment.stored();
        Map<String, AttributeValue> k = commentItemKey(c.ownerId(), c.platform(), c.comment().id());
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":hidden", AttributeValue.fromBool(hidden));
        values.put(":at", s(at.toString()));
        values.put(":by", s(by));
        CommentState state;
        if (hidden) {
            state = CommentState.HIDDEN;
        } else {
            // Shown again: back to ANSWERED when a reply went out before, else waiting again.
            Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(k).consistentRead(true)
                    .projectionExpression("replyText")).item();
            state = item != null && item.containsKey("replyText") ? CommentState.ANSWERED : CommentState.NEW;
        }
        values.put(":state", s(state.name()));
        listUnder(values, state, c);
        String update = "SET #hidden = :hidden, #state = :state, stateAt = :at, stateBy = :by, GSI2PK = :gsiPk, GSI2SK = :gsiSk";
        dynamo.updateItem(b -> b.tableName(table).key(k).conditionExpression("attribute_exists(PK)")
                .updateExpression(update)
                .expressionAttributeNames(Map.of("#state", "state", "#hidden", "hidden"))
                .expressionAttributeValues(values));
    }

    @Override
    public void dismissed(TrackedComment comment, String reason, String by, Instant at) {
        StoredComment c = comment.stored();
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":state", s(CommentState.DISMISSED.name()));
        values.put(":at", s(at.toString()));
        values.put(":by", s(by));
        values.put(":reason", s(Text.clean(reason)));
        listUnder(values, CommentState.DISMISSED, c);
        dynamo.updateItem(b -> b.tableName(table).key(commentItemKey(c.ownerId(), c.platform(), c.comment().id()))
                .conditionExpression("attribute_exists(PK)")
                .updateExpression("SET #state = :state, stateAt = :at, stateBy = :by, dismissReason = :reason, "
                        + "GSI2PK = :gsiPk, GSI2SK = :gsiSk")
                .expressionAttributeNames(Map.of("#state", "state"))
                .expressionAttributeValues(values));
    }

    // ---------------------------------------------------------------- replies

    @Override
    public Optional<Reply> findReply(String ownerId, Platform platform, String commentId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                .key(key(DynamoEngagementStore.ownerKey(ownerId), replyKey(platform, commentId))).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        long lease = Attr.number(item, "leaseUntilMs", -1);
        return Optional.of(new Reply(ownerId, platform, commentId, Attr.string(item, "text"), Attr.string(item, "approvedBy"),
                ReplyStatus.valueOf(Attr.string(item, "status")), (int) Attr.number(item, "attempt", 1),
                Attr.instant(item, "requestedAt"), lease < 0 ? null : Instant.ofEpochMilli(lease),
                Attr.string(item, "remoteId"), Attr.string(item, "url"), Attr.instant(item, "sentAt"),
                Attr.string(item, "lastError"),
                item.containsKey("lashOutConfirmed") && Boolean.TRUE.equals(item.get("lashOutConfirmed").bool())));
    }

    @Override
    public boolean claim(Reply reply, Instant now, boolean takeOverExpiredLease) {
        Map<String, AttributeValue> item = new HashMap<>(key(DynamoEngagementStore.ownerKey(reply.ownerId()),
                replyKey(reply.platform(), reply.commentId())));
        item.put("type", s("reply"));
        item.put("platform", s(reply.platform().id()));
        item.put("commentId", s(reply.commentId()));
        item.put("text", s(Text.clean(reply.text())));
        item.put("approvedBy", s(reply.approvedBy()));
        item.put("status", s(ReplyStatus.SENDING.name()));
        item.put("attempt", n(reply.attempt()));
        item.put("requestedAt", s(reply.requestedAt().toString()));
        item.put("leaseUntilMs", n(reply.leaseUntil().toEpochMilli()));
        item.put("lashOutConfirmed", AttributeValue.fromBool(reply.lashOutConfirmed()));
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":failed", s(ReplyStatus.FAILED.name()));
        String condition = "attribute_not_exists(PK) OR #status = :failed";
        if (takeOverExpiredLease) {
            condition += " OR (#status = :sending AND leaseUntilMs < :now AND attempt = :attempt)";
            values.put(":sending", s(ReplyStatus.SENDING.name()));
            values.put(":now", n(now.toEpochMilli()));
            values.put(":attempt", n(reply.attempt()));
        }
        String finalCondition = condition;
        try {
            dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression(finalCondition)
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void markSent(Reply reply, String remoteId, String url, Instant at) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":sent", s(ReplyStatus.SENT.name()));
        values.put(":at", s(at.toString()));
        values.put(":attempt", n(reply.attempt()));
        StringBuilder set = new StringBuilder("SET #status = :sent, sentAt = :at");
        if (remoteId != null) {
            set.append(", remoteId = :remoteId");
            values.put(":remoteId", s(remoteId));
        }
        if (url != null) {
            set.append(", #url = :url");
            values.put(":url", s(url));
        }
        dynamo.updateItem(b -> b.tableName(table).key(replyItemKey(reply))
                .conditionExpression("attempt = :attempt")
                .updateExpression(set + " REMOVE leaseUntilMs, lastError")
                .expressionAttributeNames(url != null ? Map.of("#status", "status", "#url", "url") : Map.of("#status", "status"))
                .expressionAttributeValues(values));
    }

    @Override
    public void markUncertain(Reply reply, String reason) {
        setStatus(reply, ReplyStatus.UNCERTAIN, reason);
    }

    @Override
    public void markFailed(Reply reply, String reason) {
        setStatus(reply, ReplyStatus.FAILED, reason);
    }

    @Override
    public void release(Reply reply) {
        dynamo.updateItem(b -> b.tableName(table).key(replyItemKey(reply))
                .conditionExpression("#status = :sending AND attempt = :attempt")
                .updateExpression("SET leaseUntilMs = :zero")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":sending", s(ReplyStatus.SENDING.name()), ":attempt", n(reply.attempt()),
                        ":zero", n(0))));
    }

    private void setStatus(Reply reply, ReplyStatus status, String reason) {
        dynamo.updateItem(b -> b.tableName(table).key(replyItemKey(reply))
                .conditionExpression("#status = :sending AND attempt = :attempt")
                .updateExpression("SET #status = :status, lastError = :reason REMOVE leaseUntilMs")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":sending", s(ReplyStatus.SENDING.name()), ":attempt", n(reply.attempt()),
                        ":status", s(status.name()), ":reason", s(Text.clean(reason == null ? "" : reason)))));
    }

    private static Map<String, AttributeValue> replyItemKey(Reply reply) {
        return key(DynamoEngagementStore.ownerKey(reply.ownerId()), replyKey(reply.platform(), reply.commentId()));
    }
}
