package socialdesk.aws.dynamo;

import static socialdesk.aws.dynamo.Attr.n;
import static socialdesk.aws.dynamo.Attr.s;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import socialdesk.core.events.Announcement;
import socialdesk.core.events.PendingEvents;
import socialdesk.core.post.Claim;
import socialdesk.core.post.Delivery;
import socialdesk.core.post.DeliveryStatus;
import socialdesk.core.post.EvergreenEntry;
import socialdesk.core.post.InFlight;
import socialdesk.core.post.LeaseLostException;
import socialdesk.core.post.Platform;
import socialdesk.core.post.Post;
import socialdesk.core.post.PostConflictException;
import socialdesk.core.post.PostContent;
import socialdesk.core.post.PostImage;
import socialdesk.core.post.PostNotFoundException;
import socialdesk.core.post.PostPage;
import socialdesk.core.post.PostQuery;
import socialdesk.core.post.PostStatus;
import socialdesk.core.post.PostStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * The post queue in the single table.
 *
 * <p>A post is on the sparse index GSI1 (key {@code DUE#all}, sort key the epoch millisecond at
 * which it next needs attention) for as long as it has work left: queued, waiting for a retry, or
 * held under a lease (the sort key is then the lease's expiry, so a crashed run's post comes due
 * again by itself). A final state removes the index keys. The attribute {@code claimableAt}
 * mirrors the index sort key on the item so that the claim can be a conditional write on it.
 *
 * <p>A published delivery is on GSI1 too, as the remote index: {@code GSI1PK = REMOTE#<platform>#<remote id>},
 * {@code GSI1SK = REMOTE}, so the webhook finds the post a platform's id belongs to with one Query,
 * and recording the delivery is one write. A post in a final state whose events are not yet on the
 * bus is on GSI1 under the outbox ({@link DynamoEventOutbox}).
 *
 * <p>Every post is also on GSI2 under its due month ({@code POSTS#<yyyy-MM>}, sort key
 * {@code <due ms>#<id>}) for listing by date range, and an evergreen post has one entry per platform
 * ({@code SK = EVERGREEN#<platform>}) on GSI2 under {@code EVERGREEN#<platform>}, sorted by when
 * it, or its latest repeat, was last due. See {@link TableDefinition#GSI2} for why.
 */
public final class DynamoPostStore implements PostStore {
    /**
     * One index partition holds every due post: a tick reads it with a single Query. A partition
     * takes about 1,000 writes a second, hundreds of times a company's posting rate.
     */
    static final String DUE_BUCKET = "DUE#all";
    /** The attributes of a claim's in-flight mark, removed together when the claim is released. */
    private static final String IN_FLIGHT_MARK = "inFlightAt, inFlightOwner, inFlightFingerprint";

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

    static String evergreenKey(Platform platform) {
        return "EVERGREEN#" + platform.id();
    }

    /** The listing partition of a due time: its UTC month. */
    static String monthKey(Instant dueAt) {
        return "POSTS#" + YearMonth.from(dueAt.atOffset(ZoneOffset.UTC));
    }

    private static String dueSortKey(Instant at, String postId) {
        return epochKey(at.toEpochMilli()) + "#" + postId;
    }

    /**
     * Epoch milliseconds as 13 digits, so keys sort as times do until the year 2286. Not
     * {@code String.format}: its first use loads the locale data, ten milliseconds of a cold start.
     */
    static String epochKey(long epochMillis) {
        String digits = Long.toString(epochMillis);
        return "0".repeat(Math.max(0, 13 - digits.length())) + digits;
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
        if (post.content().hasImage()) {
            item.put("images", images(post.content().images()));
        }
        item.put("platforms", Attr.strings(post.platforms().stream().map(Platform::id).toList()));
        item.put("dueAt", s(post.dueAt().toString()));
        item.put("status", s(post.status().name()));
        item.put("version", n(post.version()));
        item.put("createdAt", s(post.createdAt().toString()));
        item.put("contentHash", s(post.content().fingerprint()));
        item.put(TableDefinition.GSI2PK, s(monthKey(post.dueAt())));
        item.put(TableDefinition.GSI2SK, s(dueSortKey(post.dueAt(), post.id())));
        if (post.evergreen()) {
            item.put("evergreen", AttributeValue.fromBool(true));
        }
        putIfPresent(item, "evergreenOf", post.evergreenOf());
        putIfPresent(item, "requestHash", post.requestHash());
        if (post.status() == PostStatus.QUEUED) {
            item.put("claimableAt", n(post.dueAt().toEpochMilli()));
            item.put(TableDefinition.GSI1PK, s(DUE_BUCKET));
            item.put(TableDefinition.GSI1SK, s(dueSortKey(post.dueAt(), post.id())));
        }
        try {
            dynamo.putItem(b -> b.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(PK)"));
        } catch (ConditionalCheckFailedException e) {
            if (!ourOwnWrite(post)) {
                return false;
            }
        }
        for (Platform platform : post.platforms()) {
            putDelivery(Delivery.pending(post.id(), platform), false);
        }
        if (post.evergreen()) {
            for (Platform platform : post.platforms()) {
                putEvergreenEntry(post, platform);
            }
        }
        return true;
    }

    /**
     * Whether the post already stored is this very write, which the SDK retried after an attempt
     * timed out (the first attempt landed, the retry's condition failed): same creation instant and
     * content, which no other request shares.
     */
    private boolean ourOwnWrite(Post post) {
        return find(post.id()).map(stored -> post.createdAt() != null && post.createdAt().equals(stored.createdAt())
                && post.content().equals(stored.content()) && post.platforms().equals(stored.platforms())).orElse(false);
    }

    /** An evergreen entry for the original {@code post} on {@code platform}, last due at the post's due time. */
    private void putEvergreenEntry(Post post, Platform platform) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(TableDefinition.PK, s(postKey(post.id())));
        item.put(TableDefinition.SK, s(evergreenKey(platform)));
        item.put("type", s("evergreen"));
        item.put("platform", s(platform.id()));
        item.put("latestPostId", s(post.id()));
        item.put("lastAt", s(post.dueAt().toString()));
        item.put(TableDefinition.GSI2PK, s(evergreenKey(platform)));
        item.put(TableDefinition.GSI2SK, s(dueSortKey(post.dueAt(), post.id())));
        try {
            // Only while the original itself is the latest: an entry that already moved to a repeat stays.
            dynamo.putItem(b -> b.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(PK) OR latestPostId = :self")
                    .expressionAttributeValues(Map.of(":self", s(post.id()))));
        } catch (ConditionalCheckFailedException e) {
            // Repeated already; the entry follows the repeat.
        }
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
        QueryResponse page = dynamo.query(b -> b.tableName(table)
                .indexName(TableDefinition.GSI1)
                .keyConditionExpression("GSI1PK = :bucket AND GSI1SK < :upper")
                .expressionAttributeValues(Map.of(
                        ":bucket", s(DUE_BUCKET),
                        ":upper", s(epochKey(now.toEpochMilli() + 1))))
                .limit(limit));
        List<String> ids = new ArrayList<>();
        for (Map<String, AttributeValue> item : page.items()) {
            ids.add(Attr.string(item, TableDefinition.PK).substring("POST#".length()));
        }
        return ids;
    }

    /**
     * One conditional write takes the lease and marks the post's sends as in flight (time, claim
     * number, content fingerprint, owner: the {@code inFlight*} attributes), before any request
     * leaves; {@link #release} removes the mark. The write answers the item as it was, so a mark
     * still there from a run that never released the post reaches the caller without another read.
     */
    @Override
    public Optional<Claim> claim(String postId, Instant now, Instant leaseUntil, String owner) {
        UpdateItemResponse response;
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":queued", s(PostStatus.QUEUED.name()));
        values.put(":publishing", s(PostStatus.PUBLISHING.name()));
        values.put(":now", n(now.toEpochMilli()));
        values.put(":lease", n(leaseUntil.toEpochMilli()));
        values.put(":owner", s(owner));
        values.put(":sortKey", s(dueSortKey(leaseUntil, postId)));
        values.put(":one", n(1));
        values.put(":zero", n(0));
        values.put(":noHash", s(""));
        try {
            response = dynamo.updateItem(b -> b.tableName(table)
                    .key(key(postKey(postId), "POST"))
                    .conditionExpression("#status IN (:queued, :publishing) AND claimableAt <= :now")
                    .updateExpression("SET #status = :publishing, claimableAt = :lease, leaseOwner = :owner, "
                            + "GSI1SK = :sortKey, version = version + :one, "
                            + "inFlightAt = :now, inFlightOwner = :owner, inFlightClaim = if_not_exists(inFlightClaim, :zero) + :one, "
                            + "inFlightFingerprint = if_not_exists(contentHash, :noHash)")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_OLD));
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
        Map<String, AttributeValue> before = response.attributes();
        Post was = toPost(before);
        Post claimed = new Post(was.id(), was.content(), was.platforms(), was.dueAt(), PostStatus.PUBLISHING,
                was.version() + 1, was.createdAt(), was.evergreen(), was.evergreenOf(), was.requestHash());
        InFlight abandoned = before.containsKey("inFlightAt") && before.containsKey("leaseOwner")
                ? new InFlight(Instant.ofEpochMilli(Attr.number(before, "inFlightAt", 0)),
                        (int) Attr.number(before, "inFlightClaim", 0),
                        Objects.requireNonNullElse(Attr.string(before, "inFlightFingerprint"), ""),
                        Attr.string(before, "inFlightOwner"))
                : null;
        return Optional.of(new Claim(claimed, deliveries(postId), owner, abandoned));
    }

    @Override
    public void recordDelivery(Delivery delivery) {
        putDelivery(delivery, true);
    }

    private void putDelivery(Delivery d, boolean guardPublished) {
        Map<String, AttributeValue> item = deliveryItem(d);
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

    private static Map<String, AttributeValue> deliveryItem(Delivery d) {
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
        if (d.inDoubtSince() != null) {
            item.put("inDoubtSince", s(d.inDoubtSince().toString()));
        }
        putIfPresent(item, "decision", d.decision());
        if (d.status() == DeliveryStatus.PUBLISHED && d.remoteId() != null) {
            // The remote index, in the same write: a published delivery always has its way back from the platform's id.
            item.put(TableDefinition.GSI1PK, s(remoteKey(d.platform(), d.remoteId())));
            item.put(TableDefinition.GSI1SK, s("REMOTE"));
        }
        return item;
    }

    private static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, s(value));
        }
    }

    @Override
    public PendingEvents release(Claim claim, PostStatus status, Instant nextAttemptAt, Announcement announcement) {
        String postId = claim.post().id();
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":owner", s(claim.owner()));
        values.put(":publishing", s(PostStatus.PUBLISHING.name()));
        values.put(":status", s(status.name()));
        values.put(":one", n(1));
        String update;
        Map<String, AttributeValue> key = key(postKey(postId), "POST");
        if (status.isFinal() && !announcement.isEmpty()) {
            // Off the due index and onto the outbox (GSI3) in one write, the in-flight mark cleared.
            update = DynamoEventOutbox.UpdateClauses.of(announcement, values).appendTo("SET #status = :status, version = version + :one")
                    + " REMOVE GSI1PK, GSI1SK, claimableAt, leaseOwner, " + IN_FLIGHT_MARK;
        } else if (status.isFinal()) {
            update = "SET #status = :status, version = version + :one "
                    + "REMOVE GSI1PK, GSI1SK, claimableAt, leaseOwner, " + IN_FLIGHT_MARK;
        } else {
            values.put(":next", n(nextAttemptAt.toEpochMilli()));
            values.put(":sortKey", s(dueSortKey(nextAttemptAt, postId)));
            update = "SET #status = :status, claimableAt = :next, GSI1SK = :sortKey, version = version + :one "
                    + "REMOVE leaseOwner, " + IN_FLIGHT_MARK;
        }
        String updateExpression = update;
        try {
            dynamo.updateItem(b -> b.tableName(table)
                    .key(key)
                    .conditionExpression("leaseOwner = :owner AND #status = :publishing")
                    .updateExpression(updateExpression)
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException e) {
            throw new LeaseLostException(postId);
        }
        return status.isFinal() ? DynamoEventOutbox.pending(key, announcement) : DynamoEventOutbox.none(key);
    }

    @Override
    public Delivery confirmUncertain(String postId, Platform platform, String remoteId, String remoteUrl, String decision) {
        Delivery confirmed = uncertainDelivery(postId, platform).confirmed(remoteId, remoteUrl, decision);
        // With a remote id, the delivery's own item carries the remote index (deliveryItem).
        replaceUncertain(confirmed);
        List<Delivery> all = deliveries(postId);
        if (all.stream().noneMatch(d -> d.status() == DeliveryStatus.UNCERTAIN)
                && all.stream().allMatch(d -> d.status().isFinal())) {
            long published = all.stream().filter(d -> d.status() == DeliveryStatus.PUBLISHED).count();
            PostStatus settled = published == all.size() ? PostStatus.PUBLISHED
                    : published == 0 ? PostStatus.FAILED : PostStatus.PARTIALLY_PUBLISHED;
            try {
                dynamo.updateItem(b -> b.tableName(table).key(key(postKey(postId), "POST"))
                        .conditionExpression("#status = :uncertain")
                        .updateExpression("SET #status = :settled, version = version + :one")
                        .expressionAttributeNames(Map.of("#status", "status"))
                        .expressionAttributeValues(Map.of(":uncertain", s(PostStatus.UNCERTAIN.name()),
                                ":settled", s(settled.name()), ":one", n(1))));
            } catch (ConditionalCheckFailedException e) {
                // Still publishing on another platform: the run that settles it sees this delivery published.
            }
        }
        return confirmed;
    }

    @Override
    public Delivery resendUncertain(String postId, Platform platform, Instant now, String decision) {
        Delivery resend = uncertainDelivery(postId, platform).resendRequested(now, decision);
        replaceUncertain(resend);
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(postKey(postId), "POST"))
                    .conditionExpression("#status = :uncertain")
                    .updateExpression("SET #status = :publishing, claimableAt = :now, GSI1PK = :bucket, GSI1SK = :sortKey, "
                            + "version = version + :one")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":uncertain", s(PostStatus.UNCERTAIN.name()),
                            ":publishing", s(PostStatus.PUBLISHING.name()), ":now", n(now.toEpochMilli()),
                            ":bucket", s(DUE_BUCKET), ":sortKey", s(dueSortKey(now, postId)), ":one", n(1))));
        } catch (ConditionalCheckFailedException e) {
            // Still publishing on another platform: its next claim finds this delivery due.
        }
        return resend;
    }

    private Delivery uncertainDelivery(String postId, Platform platform) {
        if (find(postId).isEmpty()) {
            throw new PostNotFoundException(postId);
        }
        Delivery current = deliveries(postId).stream().filter(d -> d.platform() == platform).findFirst()
                .orElseThrow(() -> new PostNotFoundException(postId));
        if (current.status() != DeliveryStatus.UNCERTAIN) {
            throw notUncertain(current);
        }
        return current;
    }

    /** Writes a person's decision over the delivery only while it is still UNCERTAIN, so two decisions never both apply. */
    private void replaceUncertain(Delivery decided) {
        Map<String, AttributeValue> item = deliveryItem(decided);
        try {
            dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("#status = :uncertain")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":uncertain", s(DeliveryStatus.UNCERTAIN.name()))));
        } catch (ConditionalCheckFailedException e) {
            throw notUncertain(deliveries(decided.postId()).stream().filter(d -> d.platform() == decided.platform())
                    .findFirst().orElse(decided));
        }
    }

    private static PostConflictException notUncertain(Delivery current) {
        return new PostConflictException(PostConflictException.NOT_UNCERTAIN, "the " + current.platform().id()
                + " delivery of post " + current.postId() + " is " + current.status() + ", not UNCERTAIN: nothing to decide"
                + (current.decision() == null ? "" : " (decided already: " + current.decision() + ")"));
    }

    @Override
    public PostPage list(PostQuery query) {
        String after = query.cursor() == null ? null : ListingCursor.decode(query.cursor());
        Instant start = query.from();
        if (after != null) {
            Instant cursorAt = Instant.ofEpochMilli(Long.parseLong(after.substring(0, 13)));
            start = cursorAt.isAfter(start) ? cursorAt : start;
        }
        String fromKey = epochKey(query.from().toEpochMilli());
        String lower = after != null && after.compareTo(fromKey) > 0 ? after : fromKey;
        String upper = epochKey(query.to().toEpochMilli()) + "~";
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> filterValues = new HashMap<>();
        String filter = null;
        if (!query.statuses().isEmpty()) {
            names.put("#status", "status");
            List<String> placeholders = new ArrayList<>();
            for (PostStatus status : query.statuses()) {
                String placeholder = ":s" + status.ordinal();
                placeholders.add(placeholder);
                filterValues.put(placeholder, s(status.name()));
            }
            filter = "#status IN (" + String.join(", ", placeholders) + ")";
        }
        List<Map<String, AttributeValue>> found = new ArrayList<>();
        YearMonth last = YearMonth.from(query.to().atOffset(ZoneOffset.UTC));
        for (YearMonth month = YearMonth.from(start.atOffset(ZoneOffset.UTC));
                !month.isAfter(last) && found.size() <= query.limit(); month = month.plusMonths(1)) {
            Map<String, AttributeValue> values = new HashMap<>(filterValues);
            values.put(":month", s("POSTS#" + month));
            values.put(":lower", s(lower));
            values.put(":upper", s(upper));
            String filterExpression = filter;
            Map<String, AttributeValue> startKey = null;
            do {
                Map<String, AttributeValue> from = startKey;
                QueryResponse page = dynamo.query(b -> {
                    b.tableName(table).indexName(TableDefinition.GSI2)
                            .keyConditionExpression("GSI2PK = :month AND GSI2SK BETWEEN :lower AND :upper")
                            .expressionAttributeValues(values)
                            .exclusiveStartKey(from)
                            .limit(100);
                    if (filterExpression != null) {
                        b.filterExpression(filterExpression).expressionAttributeNames(names);
                    }
                });
                for (Map<String, AttributeValue> item : page.items()) {
                    if (!Attr.string(item, TableDefinition.GSI2SK).equals(after) && found.size() <= query.limit()) {
                        found.add(item);
                    }
                }
                startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            } while (startKey != null && found.size() <= query.limit());
        }
        String next = null;
        if (found.size() > query.limit()) {
            found = found.subList(0, query.limit());
            next = ListingCursor.encode(Attr.string(found.getLast(), TableDefinition.GSI2SK));
        }
        return new PostPage(found.stream().map(DynamoPostStore::toPost).toList(), next);
    }

    @Override
    public Post updateQueued(Post revised, long expectedVersion) {
        String id = revised.id();
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":queued", s(PostStatus.QUEUED.name()));
        values.put(":expected", n(expectedVersion));
        values.put(":one", n(1));
        values.put(":text", s(revised.content().text()));
        values.put(":platforms", Attr.strings(revised.platforms().stream().map(Platform::id).toList()));
        values.put(":dueAt", s(revised.dueAt().toString()));
        values.put(":claimableAt", n(revised.dueAt().toEpochMilli()));
        values.put(":dueKey", s(dueSortKey(revised.dueAt(), id)));
        values.put(":month", s(monthKey(revised.dueAt())));
        values.put(":hash", s(revised.content().fingerprint()));
        String update = "SET #text = :text, platforms = :platforms, dueAt = :dueAt, claimableAt = :claimableAt, contentHash = :hash, "
                + "GSI1SK = :dueKey, GSI2PK = :month, GSI2SK = :dueKey, version = version + :one";
        List<String> removed = new ArrayList<>(List.of("imageUrl"));
        if (revised.content().link() != null) {
            values.put(":link", s(revised.content().link()));
            update += ", link = :link";
        } else {
            removed.add("link");
        }
        if (revised.content().hasImage()) {
            values.put(":images", images(revised.content().images()));
            update += ", images = :images";
        } else {
            removed.add("images");
        }
        update += " REMOVE " + String.join(", ", removed);
        String updateExpression = update;
        UpdateItemResponse response;
        try {
            response = dynamo.updateItem(b -> b.tableName(table)
                    .key(key(postKey(id), "POST"))
                    .conditionExpression("#status = :queued AND version = :expected")
                    .updateExpression(updateExpression)
                    .expressionAttributeNames(Map.of("#status", "status", "#text", "text"))
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_OLD));
        } catch (ConditionalCheckFailedException e) {
            throw conflictFor(id, "changed");
        }
        Post before = toPost(response.attributes());
        Post after = new Post(id, revised.content(), revised.platforms(), revised.dueAt(), PostStatus.QUEUED,
                before.version() + 1, before.createdAt(), before.evergreen(), before.evergreenOf(), before.requestHash());
        for (Platform platform : before.platforms()) {
            if (!after.platforms().contains(platform)) {
                deleteUnsentDelivery(id, platform);
                if (after.evergreen()) {
                    deleteEvergreenEntry(id, platform);
                }
            }
        }
        for (Platform platform : after.platforms()) {
            if (!before.platforms().contains(platform)) {
                putDelivery(Delivery.pending(id, platform), false);
            }
            if (after.evergreen()) {
                putEvergreenEntry(after, platform);
            }
        }
        return after;
    }

    @Override
    public Post cancel(String postId) {
        UpdateItemResponse response;
        try {
            response = dynamo.updateItem(b -> b.tableName(table)
                    .key(key(postKey(postId), "POST"))
                    .conditionExpression("#status = :queued")
                    .updateExpression("SET #status = :cancelled, version = version + :one REMOVE GSI1PK, GSI1SK, claimableAt")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(
                            ":queued", s(PostStatus.QUEUED.name()),
                            ":cancelled", s(PostStatus.CANCELLED.name()),
                            ":one", n(1)))
                    .returnValues(ReturnValue.ALL_NEW));
        } catch (ConditionalCheckFailedException e) {
            Post current = find(postId).orElseThrow(() -> new PostNotFoundException(postId));
            if (current.status() == PostStatus.CANCELLED) {
                return current;
            }
            throw conflictFor(postId, "cancelled");
        }
        Post cancelled = toPost(response.attributes());
        if (cancelled.evergreen()) {
            cancelled.platforms().forEach(platform -> deleteEvergreenEntry(postId, platform));
        }
        return cancelled;
    }

    /** Why a conditional write on a queued post failed, read back from the post as it is now. */
    private PostConflictException conflictFor(String postId, String verb) {
        Post current = find(postId).orElseThrow(() -> new PostNotFoundException(postId));
        return switch (current.status()) {
            case QUEUED -> new PostConflictException(PostConflictException.VERSION_MISMATCH,
                    "post " + postId + " was changed by someone else (now version " + current.version() + "); read it again");
            case CANCELLED -> new PostConflictException(PostConflictException.CANCELLED,
                    "post " + postId + " is cancelled and cannot be " + verb);
            default -> new PostConflictException(PostConflictException.PUBLISHING_STARTED,
                    "post " + postId + " is " + current.status() + ": publishing has started, it can no longer be " + verb);
        };
    }

    /** Removes the delivery of a platform the post no longer targets, unless an attempt was made already. */
    private void deleteUnsentDelivery(String postId, Platform platform) {
        try {
            dynamo.deleteItem(b -> b.tableName(table).key(key(postKey(postId), deliveryKey(platform)))
                    .conditionExpression("attempts = :zero")
                    .expressionAttributeValues(Map.of(":zero", n(0))));
        } catch (ConditionalCheckFailedException e) {
            // Attempted already: keep the record of it.
        }
    }

    private void deleteEvergreenEntry(String postId, Platform platform) {
        dynamo.deleteItem(b -> b.tableName(table).key(key(postKey(postId), evergreenKey(platform))));
    }

    @Override
    public List<EvergreenEntry> evergreen(Platform platform, int limit) {
        QueryResponse response = dynamo.query(b -> b.tableName(table).indexName(TableDefinition.GSI2)
                .keyConditionExpression("GSI2PK = :entries")
                .expressionAttributeValues(Map.of(":entries", s(evergreenKey(platform))))
                .limit(limit));
        return response.items().stream().map(item -> new EvergreenEntry(
                Attr.string(item, TableDefinition.PK).substring("POST#".length()),
                platform,
                Attr.string(item, "latestPostId"),
                Attr.instant(item, "lastAt"))).toList();
    }

    /**
     * Moves the entry first (conditional on the latest post it was read with), then queues the copy:
     * two runs cannot both repeat the same original, and a run that stops in between leaves an entry
     * pointing at a repeat that does not exist, which only means the rest counts from that slot.
     */
    @Override
    public boolean requeueEvergreen(EvergreenEntry entry, Post copy) {
        try {
            dynamo.updateItem(b -> b.tableName(table)
                    .key(key(postKey(entry.originalId()), evergreenKey(entry.platform())))
                    .conditionExpression("latestPostId = :previous")
                    .updateExpression("SET latestPostId = :copy, lastAt = :at, GSI2SK = :sortKey")
                    .expressionAttributeValues(Map.of(
                            ":previous", s(entry.latestPostId()),
                            ":copy", s(copy.id()),
                            ":at", s(copy.dueAt().toString()),
                            ":sortKey", s(dueSortKey(copy.dueAt(), entry.originalId())))));
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
        return create(copy);
    }

    /** Images as a list of maps ({@code url}, {@code alt}), in their order. */
    private static AttributeValue images(List<PostImage> images) {
        return AttributeValue.fromL(images.stream()
                .map(i -> AttributeValue.fromM(Map.of("url", s(i.url()), "alt", s(i.alt()))))
                .toList());
    }

    /** The post's images; a post stored before images had alt text holds one {@code imageUrl}, read as an image without alt. */
    private static List<PostImage> images(Map<String, AttributeValue> item) {
        AttributeValue images = item.get("images");
        if (images != null && images.hasL()) {
            return images.l().stream().map(i -> new PostImage(Attr.string(i.m(), "url"), Attr.string(i.m(), "alt"))).toList();
        }
        String legacy = Attr.string(item, "imageUrl");
        return legacy == null ? List.of() : List.of(new PostImage(legacy, ""));
    }

    private static Post toPost(Map<String, AttributeValue> item) {
        String id = Attr.string(item, TableDefinition.PK).substring("POST#".length());
        return new Post(
                id,
                new PostContent(Attr.string(item, "text"), Attr.string(item, "link"), images(item)),
                Attr.stringList(item, "platforms").stream().map(Platform::fromId).toList(),
                Attr.instant(item, "dueAt"),
                PostStatus.valueOf(Attr.string(item, "status")),
                Attr.number(item, "version", 0),
                Attr.instant(item, "createdAt"),
                item.containsKey("evergreen") && Boolean.TRUE.equals(item.get("evergreen").bool()),
                Attr.string(item, "evergreenOf"),
                Attr.string(item, "requestHash"));
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
                Attr.instant(item, "nextAttemptAt"),
                Attr.instant(item, "inDoubtSince"),
                Attr.string(item, "decision"));
    }
}
