package socialdesk.aws.dynamo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import socialdesk.aws.testing.Dynalite;
import socialdesk.core.engagement.Author;
import socialdesk.core.engagement.Comment;
import socialdesk.core.engagement.CommentKind;
import socialdesk.core.engagement.CommentVerdict;
import socialdesk.core.engagement.Counter;
import socialdesk.core.engagement.EngagementStore.Removal;
import socialdesk.core.engagement.EngagementStore.Revision;
import socialdesk.core.engagement.MarkerKind;
import socialdesk.core.engagement.StoredComment;
import socialdesk.core.post.Delivery;
import socialdesk.core.post.DeliveryStatus;
import socialdesk.core.post.Platform;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * DynamoEngagementStore against dynalite (a real DynamoDB-compatible server on loopback); another
 * tier runs the same tests on its own server by overriding {@link #dynamo()} and {@link #createTable()}
 * (tests/moto).
 */
class DynamoEngagementStoreTest {
    private static final Instant NOW = Instant.parse("2025-11-26T09:45:00Z");
    private static final CommentVerdict CONCERN = new CommentVerdict("CONCERN", "high", true, "en",
            List.of("money lost"), "ESCALATE", "Sorry, please DM us.");

    private DynamoDbClient dynamo;
    private String table;
    private DynamoEngagementStore store;

    /** The server's client; the tests do not close it. */
    DynamoDbClient dynamo() {
        return Dynalite.shared().client();
    }

    /** A new, active table with the project's key schema; answers its name. */
    String createTable() {
        return Dynalite.shared().createTable();
    }

    @BeforeEach
    void freshTable() {
        dynamo = dynamo();
        table = createTable();
        store = new DynamoEngagementStore(dynamo, table, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static StoredComment comment(String text, Instant at, CommentVerdict verdict) {
        return new StoredComment("p1", Platform.FACEBOOK, "1_2",
                new Comment("c1", CommentKind.COMMENT, new Author("u1", "Ana"), text, "https://www.facebook.com/c1", at),
                verdict, false);
    }

    @Test
    void findsOurPostThroughTheRemoteIndexThePublisherWrites() {
        new DynamoPostStore(dynamo, table).recordDelivery(new Delivery("p1", Platform.FACEBOOK, DeliveryStatus.PUBLISHED, 1,
                "1_2", "https://www.facebook.com/1_2", null, null));

        assertEquals(Optional.of("p1"), store.findPostId(Platform.FACEBOOK, "1_2"));
        assertEquals(Optional.empty(), store.findPostId(Platform.FACEBOOK, "1_3"));
    }

    @Test
    void putsACommentOnceWithItsTriage() {
        assertTrue(store.putCommentOnce(comment("charged twice", NOW, CONCERN)));
        assertFalse(store.putCommentOnce(comment("charged twice", NOW, CONCERN)));

        StoredComment found = store.findComment("p1", Platform.FACEBOOK, "c1").orElseThrow();
        assertEquals("charged twice", found.comment().text());
        assertEquals(CONCERN, found.verdict());
        assertEquals(NOW, found.comment().at());
    }

    @Test
    void revisesOnlyNewerDifferentTextAndSaysWhetherItWasFlagged() {
        assertEquals(Revision.MISSING, store.reviseComment(comment("x", NOW, CommentVerdict.UNTRIAGED)));
        store.putCommentOnce(comment("charged twice", NOW, CONCERN));

        assertEquals(Revision.UNCHANGED, store.reviseComment(comment("charged twice", NOW.plusSeconds(5), CONCERN)));
        assertEquals(Revision.UNCHANGED, store.reviseComment(comment("older edit", NOW.minusSeconds(5), CONCERN)));
        assertEquals(Revision.UPDATED_WAS_FLAGGED, store.reviseComment(comment("sorted, thanks", NOW.plusSeconds(9), CommentVerdict.UNTRIAGED)));
        assertEquals(Revision.UPDATED, store.reviseComment(comment("charged twice again", NOW.plusSeconds(20), CONCERN)));

        StoredComment found = store.findComment("p1", Platform.FACEBOOK, "c1").orElseThrow();
        assertEquals("charged twice again", found.comment().text());
        assertEquals(CONCERN, found.verdict());
    }

    @Test
    void removesALiveCommentOnceAndTombstonesAnUnseenOne() {
        store.putCommentOnce(comment("hi", NOW, CommentVerdict.UNTRIAGED));

        assertEquals(Removal.REMOVED, store.removeComment("p1", Platform.FACEBOOK, "c1", CommentKind.COMMENT, NOW));
        assertEquals(Removal.ALREADY_REMOVED, store.removeComment("p1", Platform.FACEBOOK, "c1", CommentKind.COMMENT, NOW));
        assertEquals(Removal.TOMBSTONED, store.removeComment("p1", Platform.FACEBOOK, "c2", CommentKind.COMMENT, NOW));
        assertFalse(store.putCommentOnce(new StoredComment("p1", Platform.FACEBOOK, "1_2",
                new Comment("c2", CommentKind.COMMENT, Author.UNKNOWN, "late", null, NOW), CommentVerdict.UNTRIAGED, false)));

        store.restoreComment("p1", Platform.FACEBOOK, "c1");
        assertFalse(store.findComment("p1", Platform.FACEBOOK, "c1").orElseThrow().removed());
    }

    @Test
    void markersFlipOnlyForwardInTimeAndAnswerTheChange() {
        assertEquals(1, store.setMarker("p1", Platform.X, MarkerKind.REACTION, "t#u", true, NOW));
        assertEquals(0, store.setMarker("p1", Platform.X, MarkerKind.REACTION, "t#u", true, NOW));
        assertEquals(0, store.setMarker("p1", Platform.X, MarkerKind.REACTION, "t#u", false, NOW.minusSeconds(1)));
        assertEquals(-1, store.setMarker("p1", Platform.X, MarkerKind.REACTION, "t#u", false, NOW.plusSeconds(1)));
        assertEquals(1, store.setMarker("p1", Platform.X, MarkerKind.REACTION, "t#u", true, NOW.plusSeconds(2)));
        assertEquals(0, store.setMarker("p1", Platform.X, MarkerKind.SHARE, "s1", false, NOW));
        assertEquals(0, store.setMarker("p1", Platform.X, MarkerKind.SHARE, "s1", true, NOW.minusSeconds(1)));
    }

    @Test
    void countersAddUpAndReadAsZeroWhenUntouched() {
        assertEquals(0L, store.counters("p1", Platform.LINKEDIN).get(Counter.SHARES));

        store.addCounters("p1", Platform.LINKEDIN, Map.of(Counter.COMMENTS, 2L, Counter.REACTIONS, 1L));
        store.addCounters("p1", Platform.LINKEDIN, Map.of(Counter.COMMENTS, -1L));

        Map<Counter, Long> counters = store.counters("p1", Platform.LINKEDIN);
        assertEquals(1L, counters.get(Counter.COMMENTS));
        assertEquals(1L, counters.get(Counter.REACTIONS));
        assertEquals(0L, counters.get(Counter.SHARES));
    }

    @Test
    void aDedupeRecordCountsUntilItExpiresEvenIfTtlHasNotDeletedIt() {
        assertFalse(store.seen(Platform.X, "tweet:1"));

        store.remember(Platform.X, "tweet:1", NOW.plus(Duration.ofDays(3)));
        store.remember(Platform.X, "tweet:2", NOW.minusSeconds(1));

        assertTrue(store.seen(Platform.X, "tweet:1"));
        assertFalse(store.seen(Platform.X, "tweet:2"));
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(Map.of(
                "PK", AttributeValue.fromS("EVENT#x#tweet:1"), "SK", AttributeValue.fromS("EVENT")))).item();
        assertEquals(Long.toString(NOW.plus(Duration.ofDays(3)).getEpochSecond()), item.get("expiresAt").n());
    }

    @Test
    void loneSurrogatesInTextAreStoredAsReplacementCharacters() {
        assertTrue(store.putCommentOnce(comment("bad \ud800 text", NOW, CommentVerdict.UNTRIAGED)));

        assertEquals("bad \ufffd text", store.findComment("p1", Platform.FACEBOOK, "c1").orElseThrow().comment().text());
    }
}
