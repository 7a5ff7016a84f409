package socialdesk.aws.dynamo;

import static socialdesk.aws.dynamo.Attr.n;
import static socialdesk.aws.dynamo.Attr.s;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import socialdesk.core.engagement.Author;
import socialdesk.core.engagement.Comment;
import socialdesk.core.engagement.CommentKind;
import socialdesk.core.engagement.CommentVerdict;
import socialdesk.core.engagement.Counter;
import socialdesk.core.engagement.EngagementStore;
import socialdesk.core.engagement.MarkerKind;
import socialdesk.core.engagement.StoredComment;
import socialdesk.core.post.Platform;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Engagement in the single table. Owners are our post ids or {@code unmatched#<platform>}
 * (engagement on posts the remote index does not know), so every item of a post sits in its
 * partition {@code POST#<owner>}:
 *
 * <table>
 *   <tr><th>item</th><th>PK</th><th>SK</th><th>how it is written</th></tr>
 *   <tr><td>counters</td><td>{@code POST#<owner>}</td><td>{@code ENGAGEMENT#<platform>}</td>
 *       <td>{@code ADD comments, replies, mentions, reactions, shares} (never read-modify-write)</td></tr>
 *   <tr><td>comment</td><td>{@code POST#<owner>}</td><td>{@code COMMENT#<platform>#<commentId>}</td>
 *       <td>put once ({@code attribute_not_exists}); edits and removal are conditional updates; a
 *       removal of an unseen comment puts a tombstone</td></tr>
 *   <tr><td>reaction marker</td><td>{@code POST#<owner>}</td><td>{@code REACTION#<platform>#<targetId>#<actorId>}</td>
 *       <td>conditional update of {@code active} unless a newer change ({@code changedAtMs}) is stored</td></tr>
 *   <tr><td>share marker</td><td>{@code POST#<owner>}</td><td>{@code SHARE#<platform>#<shareId>}</td><td>same</td></tr>
 *   <tr><td>webhook dedupe</td><td>{@code EVENT#<platform>#<eventId>}</td><td>{@code EVENT}</td>
 *       <td>put after the event is stored; {@code expiresAt} (TTL, epoch seconds) a few days out</td></tr>
 * </table>
 * The remote index ({@code REMOTE#<platform>#<remoteId>} / {@code REMOTE}, attribute {@code postId})
 * is written by {@link DynamoPostStore} at publish time and only read here.
 */
public final class DynamoEngagementStore implements EngagementStore {
    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public DynamoEngagementStore(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    static String ownerKey(String ownerId) {
        return DynamoPostStore.postKey(ownerId);
    }

    static String countersKey(Platform platform) {
        return "ENGAGEMENT#" + platform.id();
    }

    static String commentKey(Platform platform, String commentId) {
        return "COMMENT#" + platform.id() + "#" + commentId;
    }

    static String markerKey(MarkerKind kind, Platform platform, String markerId) {
        return kind.name() + "#" + platform.id() + "#" + markerId;
    }

    static String eventKey(Platform platform, String eventId) {
        return "EVENT#" + platform.id() + "#" + eventId;
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(TableDefinition.PK, s(pk), TableDefinition.SK, s(sk));
    }

    // ---------------------------------------------------------------- dedupe

    @Override
    public boolean seen(Platform platform, String eventId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                .key(key(eventKey(platform, eventId), "EVENT")).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return false;
        }
        // TTL deletion lags (up to days, and never on dynalite): an expired record no longer counts.
        return Attr.number(item, TableDefinition.TTL, Long.MAX_VALUE) > clock.instant().getEpochSecond();
    }

    @Override
    public void remember(Platform platform, String eventId, Instant expiresAt) {
        Map<String, AttributeValue> item = new HashMap<>(key(eventKey(platform, eventId), "EVENT"));
        item.put("type", s("event"));
        item.put("platform", s(platform.id()));
        item.put(TableDefinition.TTL, n(expiresAt.getEpochSecond()));
        dynamo.putItem(b -> b.tableName(table).item(item));
    }

    // ---------------------------------------------------------------- remote index

    @Override
    public Optional<String> findPostId(Platform platform, String remotePostId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                .key(key(DynamoPostStore.remoteKey(platform, remotePostId), "REMOTE"))
                .projectionExpression("postId")).item();
        return Optional.ofNullable(item == null ? null : Attr.string(item, "postId"));
    }

    // ---------------------------------------------------------------- comments

    @Override
    public boolean putCommentOnce(StoredComment stored) {
        Comment c = stored.comment();
        Map<String, AttributeValue> item = new HashMap<>(key(ownerKey(stored.ownerId()), commentKey(stored.platform(), c.id())));
        item.put("type", s("comment"));
        item.put("platform", s(stored.platform().id()));
        item.put("commentId", s(c.id()));
        item.put("kind", s(c.kind().name()));
        item.put("writtenAt", s(c.at().toString()));
        item.put("changedAtMs", n(c.at().toEpochMilli()));
        putText(item, "remotePostId", stored.remotePostId());
        putText(item, "authorId", c.author().id());
        putText(item, "authorName", c.author().name());
        putText(item, "text", c.text());
        putText(item, "permalink", c.permalink());
        putVerdict(item, stored.verdict());
        DynamoReplyStore.index(item, stored);
        try {
            dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(PK)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void deleteComment(String ownerId, Platform platform, String commentId) {
        dynamo.deleteItem(b -> b.tableName(table).key(key(ownerKey(ownerId), commentKey(platform, commentId))));
    }

    @Override
    public Revision reviseComment(StoredComment stored) {
        Comment c = stored.comment();
        Map<String, AttributeValue> k = key(ownerKey(stored.ownerId()), commentKey(stored.platform(), c.id()));
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":text", s(Text.clean(c.text() == null ? "" : c.text())));
        values.put(":at", n(c.at().toEpochMilli()));
        values.put(":editedAt", s(c.at().toString()));
        Map<String, AttributeValue> verdict = new HashMap<>();
        putVerdict(verdict, stored.verdict());
        // Attribute names go through placeholders: some (text, action) are DynamoDB reserved words.
        Map<String, String> names = new HashMap<>();
        names.put("#text", "text");
        StringBuilder update = new StringBuilder("SET #text = :text, changedAtMs = :at, editedAt = :editedAt");
        for (Map.Entry<String, AttributeValue> e : verdict.entrySet()) {
            update.append(", #v_").append(e.getKey()).append(" = :v_").append(e.getKey());
            names.put("#v_" + e.getKey(), e.getKey());
            values.put(":v_" + e.getKey(), e.getValue());
        }
        StringBuilder remove = new StringBuilder();
        for (String name : List.of("action", "suggestedReply")) {
            if (!verdict.containsKey(name)) {
                remove.append(remove.isEmpty() ? " REMOVE " : ", ").append("#r_").append(name);
                names.put("#r_" + name, name);
            }
        }
        try {
            UpdateItemResponse response = dynamo.updateItem(b -> b.tableName(table).key(k)
                    .conditionExpression("attribute_exists(PK) AND attribute_not_exists(removedAt) "
                            + "AND (attribute_not_exists(#text) OR #text <> :text) AND changedAtMs <= :at")
                    .updateExpression(update.toString() + remove)
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.UPDATED_OLD));
            AttributeValue wasFlagged = response.attributes() == null ? null : response.attributes().get("flagged");
            return wasFlagged != null && Boolean.TRUE.equals(wasFlagged.bool()) ? Revision.UPDATED_WAS_FLAGGED : Revision.UPDATED;
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(k)
                    .consistentRead(true).projectionExpression("PK")).item();
            return item == null || item.isEmpty() ? Revision.MISSING : Revision.UNCHANGED;
        }
    }

    @Override
    public Removal removeComment(String ownerId, Platform platform, String commentId, CommentKind kind, Instant at) {
        Map<String, AttributeValue> k = key(ownerKey(ownerId), commentKey(platform, commentId));
        try {
            dynamo.updateItem(b -> b.tableName(table).key(k)
                    .conditionExpression("attribute_exists(PK) AND attribute_not_exists(removedAt)")
                    .updateExpression("SET removedAt = :at")
                    .expressionAttributeValues(Map.of(":at", s(at.toString()))));
            return Removal.REMOVED;
        } catch (ConditionalCheckFailedException e) {
            // Either removed before, or never seen: a tombstone keeps a late creation from counting.
        }
        Map<String, AttributeValue> tombstone = new HashMap<>(k);
        tombstone.put("type", s("comment"));
        tombstone.put("platform", s(platform.id()));
        tombstone.put("commentId", s(commentId));
        tombstone.put("kind", s(kind.name()));
        tombstone.put("removedAt", s(at.toString()));
        tombstone.put("changedAtMs", n(at.toEpochMilli()));
        try {
            dynamo.putItem(b -> b.tableName(table).item(tombstone).conditionExpression("attribute_not_exists(PK)"));
            return Removal.TOMBSTONED;
        } catch (ConditionalCheckFailedException e) {
            return Removal.ALREADY_REMOVED;
        }
    }

    @Override
    public void restoreComment(String ownerId, Platform platform, String commentId) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(ownerKey(ownerId), commentKey(platform, commentId)))
                    .conditionExpression("attribute_exists(removedAt)")
                    .updateExpression("REMOVE removedAt"));
        } catch (ConditionalCheckFailedException e) {
            // Nothing to restore.
        }
    }

    @Override
    public Optional<StoredComment> findComment(String ownerId, Platform platform, String commentId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                .key(key(ownerKey(ownerId), commentKey(platform, commentId))).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(storedComment(ownerId, platform, commentId, item));
    }

    /** The comment of a comment item. */
    static StoredComment storedComment(String ownerId, Platform platform, String commentId, Map<String, AttributeValue> item) {
        String written = Attr.string(item, "writtenAt");
        Instant at = written != null ? Instant.parse(written) : Instant.ofEpochMilli(Attr.number(item, "changedAtMs", 0));
        Comment comment = new Comment(commentId, CommentKind.valueOf(Attr.string(item, "kind")),
                new Author(Attr.string(item, "authorId"), Attr.string(item, "authorName")),
                Attr.string(item, "text"), Attr.string(item, "permalink"), at);
        CommentVerdict verdict = Attr.string(item, "category") == null ? CommentVerdict.UNTRIAGED : new CommentVerdict(
                Attr.string(item, "category"), Attr.string(item, "severity"),
                item.containsKey("flagged") && Boolean.TRUE.equals(item.get("flagged").bool()),
                Attr.string(item, "lang"), Attr.stringList(item, "reasons"),
                Attr.string(item, "action"), Attr.string(item, "suggestedReply"));
        return new StoredComment(ownerId, platform, Attr.string(item, "remotePostId"), comment, verdict,
                item.containsKey("removedAt"));
    }

    // ---------------------------------------------------------------- markers

    @Override
    public int setMarker(String ownerId, Platform platform, MarkerKind kind, String markerId, boolean active, Instant at) {
        UpdateItemResponse response;
        try {
            response = dynamo.updateItem(b -> b.tableName(table)
                    .key(key(ownerKey(ownerId), markerKey(kind, platform, markerId)))
                    .conditionExpression("attribute_not_exists(changedAtMs) OR changedAtMs <= :at")
                    .updateExpression("SET active = :active, changedAtMs = :at, #type = :type, platform = :platform")
                    .expressionAttributeNames(Map.of("#type", "type"))
                    .expressionAttributeValues(Map.of(
                            ":active", AttributeValue.fromBool(active),
                            ":at", n(at.toEpochMilli()),
                            ":type", s(kind.name().toLowerCase(java.util.Locale.ROOT)),
                            ":platform", s(platform.id())))
                    .returnValues(ReturnValue.UPDATED_OLD));
        } catch (ConditionalCheckFailedException e) {
            return 0;
        }
        AttributeValue old = response.attributes() == null ? null : response.attributes().get("active");
        boolean wasActive = old != null && Boolean.TRUE.equals(old.bool());
        return (active ? 1 : 0) - (wasActive ? 1 : 0);
    }

    // ---------------------------------------------------------------- counters

    @Override
    public void addCounters(String ownerId, Platform platform, Map<Counter, Long> deltas) {
        if (deltas.isEmpty()) {
            return;
        }
        Map<String, AttributeValue> values = new HashMap<>();
        StringBuilder add = new StringBuilder("ADD ");
        for (Map.Entry<Counter, Long> e : deltas.entrySet()) {
            if (values.size() > 0) {
                add.append(", ");
            }
            String name = e.getKey().attribute();
            add.append(name).append(" :").append(name);
            values.put(":" + name, n(e.getValue()));
        }
        values.put(":platform", s(platform.id()));
        values.put(":type", s("engagement"));
        String update = add + " SET platform = :platform, #type = :type";
        dynamo.updateItem(b -> b.tableName(table).key(key(ownerKey(ownerId), countersKey(platform)))
                .updateExpression(update)
                .expressionAttributeNames(Map.of("#type", "type"))
                .expressionAttributeValues(values));
    }

    @Override
    public Map<Counter, Long> counters(String ownerId, Platform platform) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                .key(key(ownerKey(ownerId), countersKey(platform))).consistentRead(true)).item();
        Map<Counter, Long> out = new EnumMap<>(Counter.class);
        for (Counter c : Counter.values()) {
            out.put(c, item == null ? 0L : Attr.number(item, c.attribute(), 0));
        }
        return out;
    }

    // ---------------------------------------------------------------- helpers

    private static void putVerdict(Map<String, AttributeValue> item, CommentVerdict v) {
        item.put("category", s(v.category()));
        item.put("severity", s(v.severity()));
        item.put("flagged", AttributeValue.fromBool(v.flagged()));
        item.put("lang", s(v.lang()));
        item.put("reasons", Attr.strings(v.reasons().stream().map(Text::clean).toList()));
        putText(item, "action", v.action());
        putText(item, "suggestedReply", v.suggestedReply());
    }

    private static void putText(Map<String, AttributeValue> item, String name, String value) {
        if (value != null && !value.isEmpty()) {
            item.put(name, s(Text.clean(value)));
        }
    }
}
