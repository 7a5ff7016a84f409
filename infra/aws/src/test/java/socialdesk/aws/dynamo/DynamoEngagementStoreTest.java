package socialdesk.aws.dynamo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import socialdesk.aws.testing.Dynalite;
import socialdesk.core.engagement.Author;
import socialdesk.core.engagement.Comment;
import socialdesk.core.engagement.CommentFlaggedEvent;
import socialdesk.core.engagement.CommentKind;
import socialdesk.core.engagement.CommentVerdict;
import socialdesk.core.engagement.Counter;
import socialdesk.core.engagement.EngagementStore.Removal;
import socialdesk.core.engagement.EngagementStore.Revision;
import socialdesk.core.engagement.MarkerKind;
import socialdesk.core.engagement.StoredComment;
import socialdesk.core.events.Announcement;
import socialdesk.core.events.DomainEvent;
import socialdesk.core.events.PendingEvents;
import socialdesk.core.post.Delivery;
import socialdesk.core.post.DeliveryStatus;
import socialdesk.core.post.Platform;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

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
        store = new DynamoEngagementStore(dynamo, table);
    }

    private static final Announcement NOTHING = new Announcement(List.of(), NOW);

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
        assertTrue(store.putCommentOnce(comment("charged twice", NOW, CONCERN), NOTHING).isPresent());
        assertFalse(store.putCommentOnce(comment("charged twice", NOW, CONCERN), NOTHING).isPresent());

        StoredComment found = store.findComment("p1", Platform.FACEBOOK, "c1").orElseThrow();
        assertEquals("charged twice", found.comment().text());
        assertEquals(CONCERN, found.verdict());
        assertEquals(NOW, found.comment().at());
    }

    @Test
    void revisesOnlyNewerDifferentTextAndSaysWhetherItWasFlagged() {
        assertEquals(Revision.MISSING, store.reviseComment(comment("x", NOW, CommentVerdict.UNTRIAGED), NOTHING).revision());
        store.putCommentOnce(comment("charged twice", NOW, CONCERN), NOTHING);

        assertEquals(Revision.UNCHANGED, store.reviseComment(comment("charged twice", NOW.plusSeconds(5), CONCERN), NOTHING).revision());
        assertEquals(Revision.UNCHANGED, store.reviseComment(comment("older edit", NOW.minusSeconds(5), CONCERN), NOTHING).revision());
        assertEquals(Revision.UPDATED_WAS_FLAGGED,
                store.reviseComment(comment("sorted, thanks", NOW.plusSeconds(9), CommentVerdict.UNTRIAGED), NOTHING).revision());
        assertEquals(Revision.UPDATED, store.reviseComment(comment("charged twice again", NOW.plusSeconds(20), CONCERN), NOTHING).revision());

        StoredComment found = store.findComment("p1", Platform.FACEBOOK, "c1").orElseThrow();
        assertEquals("charged twice again", found.comment().text());
        assertEquals(CONCERN, found.verdict());
    }

    @Test
    void aFlaggedCommentHoldsItsEventFromThePutUntilItIsAnnounced() {
        StoredComment flagged = comment("charged twice", NOW, CONCERN);
        DomainEvent event = CommentFlaggedEvent.of(flagged);
        DynamoEventOutbox outbox = new DynamoEventOutbox(dynamo, table);

        PendingEvents pending = store.putCommentOnce(flagged, Announcement.of(event, NOW.plusSeconds(10))).orElseThrow();

        assertEquals(List.of(event), pending.events());
        assertEquals(List.of(), outbox.overdue(NOW.plusSeconds(9), 10), "not before the writer's deadline");
        List<PendingEvents> swept = outbox.overdue(NOW.plusSeconds(10), 10);
        assertEquals(List.of(pending), swept);
        // As a sweep does: the events read back from the table are what it takes off.
        outbox.announced(swept.getFirst());
        assertEquals(List.of(), outbox.overdue(NOW.plusSeconds(60), 10));
        assertEquals(CONCERN, store.findComment("p1", Platform.FACEBOOK, "c1").orElseThrow().verdict());
    }

    @Test
    void anEditThatFlagsACommentCarriesTheEventOnlyTheFirstTime() {
        DynamoEventOutbox outbox = new DynamoEventOutbox(dynamo, table);
        store.putCommentOnce(comment("hello", NOW, CommentVerdict.UNTRIAGED), NOTHING);
        StoredComment edited = comment("charged twice", NOW.plusSeconds(5), CONCERN);
        DomainEvent event = CommentFlaggedEvent.of(edited);

        var revised = store.reviseComment(edited, Announcement.of(event, NOW.plusSeconds(10)));
        StoredComment again = comment("charged twice, still", NOW.plusSeconds(6), CONCERN);
        var revisedAgain = store.reviseComment(again, Announcement.of(CommentFlaggedEvent.of(again), NOW.plusSeconds(10)));

        assertEquals(Revision.UPDATED, revised.revision());
        assertEquals(List.of(event), revised.pending().events());
        assertEquals(Revision.UPDATED_WAS_FLAGGED, revisedAgain.revision());
        assertEquals(List.of(), revisedAgain.pending().events());
        assertEquals(List.of(event), outbox.overdue(NOW.plusSeconds(10), 10).getFirst().events());
    }

    @Test
    void removesALiveCommentOnceAndTombstonesAnUnseenOne() {
        store.putCommentOnce(comment("hi", NOW, CommentVerdict.UNTRIAGED), NOTHING);

        assertEquals(Removal.REMOVED, store.removeComment("p1", Platform.FACEBOOK, "c1", CommentKind.COMMENT, NOW));
        assertEquals(Removal.ALREADY_REMOVED, store.removeComment("p1", Platform.FACEBOOK, "c1", CommentKind.COMMENT, NOW));
        assertEquals(Removal.TOMBSTONED, store.removeComment("p1", Platform.FACEBOOK, "c2", CommentKind.COMMENT, NOW));
        assertFalse(store.putCommentOnce(new StoredComment("p1", Platform.FACEBOOK, "1_2",
                new Comment("c2", CommentKind.COMMENT, Author.UNKNOWN, "late", null, NOW), CommentVerdict.UNTRIAGED, false),
                NOTHING).isPresent());
        assertTrue(store.findComment("p1", Platform.FACEBOOK, "c1").orElseThrow().removed());
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
    void countersAreCountedFromLiveCommentsAndActiveMarkersOfThePlatform() {
        assertEquals(0L, store.counters("p1", Platform.LINKEDIN).get(Counter.SHARES));
        for (String id : List.of("c1", "c2", "c3")) {
            store.putCommentOnce(new StoredComment("p1", Platform.LINKEDIN, "r1",
                    new Comment(id, CommentKind.COMMENT, Author.UNKNOWN, "hi " + id, null, NOW), CommentVerdict.UNTRIAGED, false), NOTHING);
        }
        store.putCommentOnce(new StoredComment("p1", Platform.LINKEDIN, "r1",
                new Comment("m1", CommentKind.MENTION, Author.UNKNOWN, "@desk", null, NOW), CommentVerdict.UNTRIAGED, false), NOTHING);
        store.removeComment("p1", Platform.LINKEDIN, "c3", CommentKind.COMMENT, NOW);
        store.removeComment("p1", Platform.LINKEDIN, "never-seen", CommentKind.COMMENT, NOW);
        store.setMarker("p1", Platform.LINKEDIN, MarkerKind.REACTION, "t#u1", true, NOW);
        store.setMarker("p1", Platform.LINKEDIN, MarkerKind.REACTION, "t#u2", true, NOW);
        store.setMarker("p1", Platform.LINKEDIN, MarkerKind.REACTION, "t#u2", false, NOW.plusSeconds(1));
        store.setMarker("p1", Platform.LINKEDIN, MarkerKind.SHARE, "s1", true, NOW);
        store.setMarker("p1", Platform.X, MarkerKind.SHARE, "s1", true, NOW);

        Map<Counter, Long> counters = store.counters("p1", Platform.LINKEDIN);

        assertEquals(2L, counters.get(Counter.COMMENTS));
        assertEquals(1L, counters.get(Counter.MENTIONS));
        assertEquals(1L, counters.get(Counter.REACTIONS));
        assertEquals(1L, counters.get(Counter.SHARES));
        assertEquals(0L, counters.get(Counter.REPLIES));
    }

    @Test
    void loneSurrogatesInTextAreStoredAsReplacementCharacters() {
        assertTrue(store.putCommentOnce(comment("bad \ud800 text", NOW, CommentVerdict.UNTRIAGED), NOTHING).isPresent());

        assertEquals("bad \ufffd text", store.findComment("p1", Platform.FACEBOOK, "c1").orElseThrow().comment().text());
    }
}
