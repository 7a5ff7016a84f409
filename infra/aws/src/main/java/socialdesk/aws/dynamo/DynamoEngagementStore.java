package socialdesk.aws.dynamo;

import static socialdesk.aws.dynamo.Attr.n;
import static socialdesk.aws.dynamo.Attr.s;

import java.time.Instant;
import java.util.EnumMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import socialdesk.core.events.Announcement;
import socialdesk.core.events.PendingEvents;
import socialdesk.core.engagement.Author;
import socialdesk.core.engagement.Comment;
import socialdesk.core.engagement.CommentKind;
import socialdesk.core.engagement.CommentVerdict;
import socialdesk.core.engagement.Counter;
import socialdesk.core.engagement.EngagementHistory;
import socialdesk.core.engagement.EngagementItem;
import socialdesk.core.engagement.EngagementStore;
import socialdesk.core.engagement.MarkerKind;
import socialdesk.core.engagement.StoredComment;
import socialdesk.core.post.Platform;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Engagement in the single table. Owners are our post ids or {@code unmatched#<platform>}
 * (engagement on posts the remote index does not know), so every item of a post sits in its
 * partition {@code POST#<owner>}:
 *
 * <table>
 *   <tr><th>item</th><th>PK</th><th>SK</th><th>how it is written</th></tr>
 *   <tr><td>comment</td><td>{@code POST#<owner>}</td><td>{@code COMMENT#<platform>#<commentId>}</td>
 *       <td>put once ({@code attribute_not_exists}), a flagged one with its event in the outbox
 *       ({@link DynamoEventOutbox}); edits and removal are conditional updates; a removal of an
 *       unseen comment puts a tombstone</td></tr>
 *   <tr><td>reaction marker</td><td>{@code POST#<owner>}</td><td>{@code REACTION#<platform>#<targetId>#<actorId>}</td>
 *       <td>conditional update of {@code active} unless a newer change ({@code changedAtMs}) is stored</td></tr>
 *   <tr><td>share marker</td><td>{@code POST#<owner>}</td><td>{@code SHARE#<platform>#<shareId>}</td><td>same</td></tr>
 * </table>
 * No dedupe record and no counter item: each write is conditional, so a redelivery changes nothing,
 * and counters are counted from the comments and markers when asked for (one Query of the post's
 * partition), so no write can leave them wrong. The remote index (a published delivery's
 * {@code GSI1PK = REMOTE#<platform>#<remoteId>}) is written by {@link DynamoPostStore} with the
 * delivery and only read here.
 */
public final class DynamoEngagementStore implements EngagementStore, EngagementHistory {
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoEngagementStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    static String ownerKey(String ownerId) {
        return DynamoPostStore.postKey(ownerId);
    }

    static String commentKey(Platform platform, String commentId) {
        return "COMMENT#" + platform.id() + "#" + commentId;
    }

    static String markerKey(MarkerKind kind, Platform platform, String markerId) {
        return kind.name() + "#" + platform.id() + "#" + markerId;
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(TableDefinition.PK, s(pk), TableDefinition.SK, s(sk));
    }

    // ---------------------------------------------------------------- remote index

    @Override
    public Optional<String> findPostId(Platform platform, String remotePostId) {
        List<Map<String, AttributeValue>> items = dynamo.query(b -> b.tableName(table).indexName(TableDefinition.GSI1)
                .keyConditionExpression("GSI1PK = :remote")
                .expressionAttributeValues(Map.of(":remote", s(DynamoPostStore.remoteKey(platform, remotePostId))))
                .limit(1)).items();
        return items.isEmpty() ? Optional.empty()
                : Optional.of(Attr.string(items.getFirst(), TableDefinition.PK).substring("POST#".length()));
    }

    // ---------------------------------------------------------------- comments

    @Override
    public Optional<PendingEvents> putCommentOnce(StoredComment stored, Announcement announcement) {
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
        DynamoEventOutbox.putInto(item, announcement);
        try {
            dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(PK)"));
            return Optional.of(DynamoEventOutbox.pending(item, announcement));
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    @Override
    public Revised reviseComment(StoredComment stored, Announcement announcement) {
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
        String condition = "attribute_exists(PK) AND attribute_not_exists(removedAt) "
                + "AND (attribute_not_exists(#text) OR #text <> :text) AND changedAtMs <= :at";
        if (!announcement.isEmpty()) {
            // The event goes with the edit only while no person has the comment yet.
            Map<String, AttributeValue> announcing = new HashMap<>(values);
            announcing.put(":notFlagged", AttributeValue.fromBool(false));
            DynamoEventOutbox.UpdateClauses outbox = DynamoEventOutbox.UpdateClauses.of(announcement, announcing);
            try {
                dynamo.updateItem(b -> b.tableName(table).key(k)
                        .conditionExpression(condition + " AND (attribute_not_exists(flagged) OR flagged = :notFlagged)")
                        .updateExpression(outbox.appendTo(update.toString()) + remove)
                        .expressionAttributeNames(names)
                        .expressionAttributeValues(announcing));
                return new Revised(Revision.UPDATED, DynamoEventOutbox.pending(k, announcement));
            } catch (ConditionalCheckFailedException e) {
                // Flagged already, or nothing to revise: the plain revision below tells which.
            }
        }
        try {
            UpdateItemResponse response = dynamo.updateItem(b -> b.tableName(table).key(k)
                    .conditionExpression(condition)
                    .updateExpression(update.toString() + remove)
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_OLD));
            AttributeValue wasFlagged = response.attributes() == null ? null : response.attributes().get("flagged");
            return new Revised(wasFlagged != null && Boolean.TRUE.equals(wasFlagged.bool()) ? Revision.UPDATED_WAS_FLAGGED : Revision.UPDATED,
                    DynamoEventOutbox.none(k));
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(k)
                    .consistentRead(true).projectionExpression("PK")).item();
            return new Revised(item == null || item.isEmpty() ? Revision.MISSING : Revision.UNCHANGED, DynamoEventOutbox.none(k));
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
                    .returnValues(ReturnValue.ALL_OLD));
        } catch (ConditionalCheckFailedException e) {
            return 0;
        }
        AttributeValue old = response.attributes() == null ? null : response.attributes().get("active");
        boolean wasActive = old != null && Boolean.TRUE.equals(old.bool());
        return (active ? 1 : 0) - (wasActive ? 1 : 0);
    }

    // ---------------------------------------------------------------- counters

    @Override
    public Map<Counter, Long> counters(String ownerId, Platform platform) {
        Map<Counter, Long> out = new EnumMap<>(Counter.class);
        for (Counter c : Counter.values()) {
            out.put(c, 0L);
        }
        String comments = commentKey(platform, "");
        String reactions = markerKey(MarkerKind.REACTION, platform, "");
        String shares = markerKey(MarkerKind.SHARE, platform, "");
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(b -> b.tableName(table).consistentRead(true)
                    .keyConditionExpression("PK = :pk")
                    .projectionExpression("SK, kind, removedAt, active")
                    .expressionAttributeValues(Map.of(":pk", s(ownerKey(ownerId))))
                    .exclusiveStartKey(from));
            for (Map<String, AttributeValue> item : page.items()) {
                String sk = Attr.string(item, TableDefinition.SK);
                Counter counter = null;
                if (sk.startsWith(comments) && !item.containsKey("removedAt")) {
                    counter = CommentKind.valueOf(Attr.string(item, "kind")).counter();
                } else if (sk.startsWith(reactions) && isTrue(item.get("active"))) {
                    counter = MarkerKind.REACTION.counter();
                } else if (sk.startsWith(shares) && isTrue(item.get("active"))) {
                    counter = MarkerKind.SHARE.counter();
                }
                if (counter != null) {
                    out.merge(counter, 1L, Long::sum);
                }
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return out;
    }

    // ---------------------------------------------------------------- history

    /**
     * One Query of the post's partition (paged, eventually consistent: charts can be a second
     * behind), reading only what a chart needs; the post's own items (the post, its deliveries,
     * replies) are skipped by their sort key.
     */
    @Override
    public EngagementHistory.Items items(String ownerId, int max) {
        List<EngagementItem> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(b -> b.tableName(table)
                    .keyConditionExpression("PK = :pk")
                    .projectionExpression("SK, kind, removedAt, active, writtenAt, changedAtMs, category")
                    .expressionAttributeValues(Map.of(":pk", s(ownerKey(ownerId))))
                    .exclusiveStartKey(from));
            for (Map<String, AttributeValue> item : page.items()) {
                EngagementItem read = historyItem(item);
                if (read == null) {
                    continue;
                }
                if (out.size() == max) {
                    return new EngagementHistory.Items(out, true);
                }
                out.add(read);
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return new EngagementHistory.Items(out, false);
    }

    /** A live comment or an active marker of the partition; null for anything else. */
    private static EngagementItem historyItem(Map<String, AttributeValue> item) {
        String[] sk = Attr.string(item, TableDefinition.SK).split("#", 3);
        if (sk.length < 3) {
            return null;
        }
        Platform platform;
        try {
            platform = Platform.fromId(sk[1]);
        } catch (IllegalArgumentException e) {
            return null;
        }
        Instant changed = Instant.ofEpochMilli(Attr.number(item, "changedAtMs", 0));
        return switch (sk[0]) {
            case "COMMENT" -> {
                if (item.containsKey("removedAt") || Attr.string(item, "kind") == null) {
                    yield null;
                }
                String written = Attr.string(item, "writtenAt");
                yield new EngagementItem(platform, CommentKind.valueOf(Attr.string(item, "kind")).counter(),
                        written != null ? Instant.parse(written) : changed, Attr.string(item, "category"));
            }
            case "REACTION" -> isTrue(item.get("active")) ? new EngagementItem(platform, Counter.REACTIONS, changed, null) : null;
            case "SHARE" -> isTrue(item.get("active")) ? new EngagementItem(platform, Counter.SHARES, changed, null) : null;
            default -> null;
        };
    }

    private static boolean isTrue(AttributeValue value) {
        return value != null && Boolean.TRUE.equals(value.bool());
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
