package socialdesk.aws.dynamo;

import static socialdesk.aws.dynamo.Attr.n;
import static socialdesk.aws.dynamo.Attr.s;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import socialdesk.core.post.Claim;
import socialdesk.core.post.Delivery;
import socialdesk.core.post.DeliveryStatus;
import socialdesk.core.post.LeaseLostException;
import socialdesk.core.post.Platform;
import socialdesk.core.post.Post;
import socialdesk.core.post.PostContent;
import socialdesk.core.post.PostStatus;
import socialdesk.core.post.PostStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * The post queue in the single table.
 *
 * <p>A post is on the sparse index GSI1 (key {@code DUE#all}, sort key the epoch millisecond at
 * which it next needs attention) for as long as it has work left: queued, waiting for a retry, or
 * held under a lease (the sort key is then the lease's expiry, so a crashed run's post comes due
 * again by itself). A final state removes the index keys. The attribute {@code claimableAt}
 * mirrors the index sort key on the item so that the claim can be a conditional write on it.
 */
public final class DynamoPostStore implements PostStore {
    /**
     * One index partition holds every due post: a tick reads it with a single Query. A partition
     * takes about 1,000 writes a second, hundreds of times a company's posting rate.
     */
    static final String DUE_BUCKET = "DUE#all";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoPostStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    static String postKey(String postId) {
        return "POST#" + postId;
    }

    static String deliveryKey(Platform platform) {
        return "DELIVERY#" + platform.id();
    }

    static String remoteKey(Platform platform, String remoteId) {
        return "REMOTE#" + platform.id() + "#" + remoteId;
    }

    private static String dueSortKey(Instant at, String postId) {
        return String.format("%013d#%s", at.toEpochMilli(), postId);
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(TableDefinition.PK, s(pk), TableDefinition.SK, s(sk));
    }

    @Override
    public boolean create(Post post) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(TableDefinition.PK, s(postKey(post.id())));
        item.put(TableDefinition.SK, s("POST"));
        item.put("type", s("post"));
        item.put("text", s(post.content().text()));
        if (post.content().link() != null) {
            item.put("link", s(post.content().link()));
        }
        if (post.content().imageUrl() != null) {
            item.put("imageUrl", s(post.content().imageUrl()));
        }
        item.put("platforms", Attr.strings(post.platforms().stream().map(Platform::id).toList()));
        item.put("dueAt", s(post.dueAt().toString()));
        item.put("status", s(post.status().name()));
        item.put("version", n(post.version()));
        item.put("createdAt", s(post.createdAt().toString()));
        if (post.status() == PostStatus.QUEUED) {
            item.put("claimableAt", n(post.dueAt().toEpochMilli()));
            item.put(TableDefinition.GSI1PK, s(DUE_BUCKET));
            item.put(TableDefinition.GSI1SK, s(dueSortKey(post.dueAt(), post.id())));
        }
        try {
            dynamo.putItem(b -> b.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(PK)"));
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
        for (Platform platform : post.platforms()) {
            putDelivery(Delivery.pending(post.id(), platform), false);
        }
        return true;
    }

    @Override
    public Optional<Post> find(String postId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                .key(key(postKey(postId), "POST")).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toPost(item));
    }

    @Override
    public List<Delivery> deliveries(String postId) {
        List<Delivery> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(b -> b.tableName(table).consistentRead(true)
                    .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                    .expressionAttributeValues(Map.of(":pk", s(postKey(postId)), ":prefix", s("DELIVERY#")))
                    .exclusiveStartKey(from));
            page.items().forEach(item -> out.add(toDelivery(postId, item)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return out;
    }

    @Override
    public List<String> findDue(Instant now, int limit) {
        QueryRequest request = QueryRequest.builder()
                .tableName(table)
                .indexName(TableDefinition.GSI1)
                .keyConditionExpression("GSI1PK = :bucket AND GSI1SK < :upper")
                .expressionAttributeValues(Map.of(
                        ":bucket", s(DUE_BUCKET),
                        ":upper", s(String.format("%013d", now.toEpochMilli() + 1))))
                .limit(limit)
                .build();
        List<String> ids = new ArrayList<>();
        for (Map<String, AttributeValue> item : dynamo.query(request).items()) {
            ids.add(Attr.string(item, TableDefinition.PK).substring("POST#".length()));
        }
        return ids;
    }

    @Override
    public Optional<Claim> claim(String postId, Instant now, Instant leaseUntil, String owner) {
        UpdateItemResponse response;
        try {
            response = dynamo.updateItem(b -> b.tableName(table)
                    .key(key(postKey(postId), "POST"))
                    .conditionExpression("#status IN (:queued, :publishing) AND claimableAt <= :now")
                    .updateExpression("SET #status = :publishing, claimableAt = :lease, leaseOwner = :owner, "
                            + "GSI1SK = :sortKey, version = version + :one")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(
                            ":queued", s(PostStatus.QUEUED.name()),
                            ":publishing", s(PostStatus.PUBLISHING.name()),
                            ":now", n(now.toEpochMilli()),
                            ":lease", n(leaseUntil.toEpochMilli()),
                            ":owner", s(owner),
                            ":sortKey", s(dueSortKey(leaseUntil, postId)),
                            ":one", n(1)))
                    .returnValues(ReturnValue.ALL_NEW));
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
        return Optional.of(new Claim(toPost(response.attributes()), deliveries(postId), owner));
    }

    @Override
    public void recordDelivery(Delivery delivery) {
        if (delivery.status() == DeliveryStatus.PUBLISHED) {
            putRemoteIndex(delivery);
        }
        putDelivery(delivery, true);
    }

    /** Written before the delivery, so a published delivery always has its way back from the platform's id. */
    private void putRemoteIndex(Delivery delivery) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(TableDefinition.PK, s(remoteKey(delivery.platform(), delivery.remoteId())));
        item.put(TableDefinition.SK, s("REMOTE"));
        item.put("type", s("remote"));
        item.put("postId", s(delivery.postId()));
        item.put("platform", s(delivery.platform().id()));
        if (delivery.remoteUrl() != null) {
            item.put("url", s(delivery.remoteUrl()));
        }
        dynamo.putItem(b -> b.tableName(table).item(item));
    }

    private void putDelivery(Delivery d, boolean guardPublished) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(TableDefinition.PK, s(postKey(d.postId())));
        item.put(TableDefinition.SK, s(deliveryKey(d.platform())));
        item.put("type", s("delivery"));
        item.put("platform", s(d.platform().id()));
        item.put("status", s(d.status().name()));
        item.put("attempts", n(d.attempts()));
        putIfPresent(item, "remoteId", d.remoteId());
        putIfPresent(item, "remoteUrl", d.remoteUrl());
        putIfPresent(item, "lastError", d.lastError());
        if (d.nextAttemptAt() != null) {
            item.put("nextAttemptAt", s(d.nextAttemptAt().toString()));
        }
        try {
            dynamo.putItem(b -> {
                b.tableName(table).item(item);
                if (guardPublished) {
                    b.conditionExpression("attribute_not_exists(PK) OR #status <> :published")
                            .expressionAttributeNames(Map.of("#status", "status"))
                            .expressionAttributeValues(Map.of(":published", s(DeliveryStatus.PUBLISHED.name())));
                } else {
                    b.conditionExpression("attribute_not_exists(PK)");
                }
            });
        } catch (ConditionalCheckFailedException e) {
            // Already published (by an earlier run whose answer we did not see) or already queued: keep what is there.
        }
    }

    private static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, s(value));
        }
    }

    @Override
    public void release(Claim claim, PostStatus status, Instant nextAttemptAt) {
        String postId = claim.post().id();
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":owner", s(claim.owner()));
        values.put(":publishing", s(PostStatus.PUBLISHING.name()));
        values.put(":status", s(status.name()));
        values.put(":one", n(1));
        String update;
        if (status.isFinal()) {
            update = "SET #status = :status, version = version + :one "
                    + "REMOVE GSI1PK, GSI1SK, claimableAt, leaseOwner";
        } else {
            values.put(":next", n(nextAttemptAt.toEpochMilli()));
            values.put(":sortKey", s(dueSortKey(nextAttemptAt, postId)));
            update = "SET #status = :status, claimableAt = :next, GSI1SK = :sortKey, version = version + :one "
                    + "REMOVE leaseOwner";
        }
        try {
            dynamo.updateItem(b -> b.tableName(table)
                    .key(key(postKey(postId), "POST"))
                    .conditionExpression("leaseOwner = :owner AND #status = :publishing")
                    .updateExpression(update)
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException e) {
            throw new LeaseLostException(postId);
        }
    }

    private static Post toPost(Map<String, AttributeValue> item) {
        String id = Attr.string(item, TableDefinition.PK).substring("POST#".length());
        return new Post(
                id,
                new PostContent(Attr.string(item, "text"), Attr.string(item, "link"), Attr.string(item, "imageUrl")),
                Attr.stringList(item, "platforms").stream().map(Platform::fromId).toList(),
                Attr.instant(item, "dueAt"),
                PostStatus.valueOf(Attr.string(item, "status")),
                Attr.number(item, "version", 0),
                Attr.instant(item, "createdAt"));
    }

    private static Delivery toDelivery(String postId, Map<String, AttributeValue> item) {
        return new Delivery(
                postId,
                Platform.fromId(Attr.string(item, "platform")),
                DeliveryStatus.valueOf(Attr.string(item, "status")),
                (int) Attr.number(item, "attempts", 0),
                Attr.string(item, "remoteId"),
                Attr.string(item, "remoteUrl"),
                Attr.string(item, "lastError"),
                Attr.instant(item, "nextAttemptAt"));
    }
}
