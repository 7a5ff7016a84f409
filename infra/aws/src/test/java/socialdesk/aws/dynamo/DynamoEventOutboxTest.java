package socialdesk.aws.dynamo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import socialdesk.aws.testing.Dynalite;
import socialdesk.core.events.Announcement;
import socialdesk.core.events.DomainEvent;
import socialdesk.core.events.PendingEvents;
import socialdesk.core.post.Platform;
import socialdesk.core.publish.AccountEvents;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The outbox against dynalite: what a write leaves pending, what a sweep finds, and what taking events off leaves. */
class DynamoEventOutboxTest {
    private static final Instant NOW = Instant.parse("2026-12-06T05:00:00Z");

    private DynamoDbClient dynamo;
    private String table;
    private DynamoEventOutbox outbox;
    private DynamoAccountHealthStore health;

    @BeforeEach
    void freshTable() {
        dynamo = Dynalite.shared().client();
        table = Dynalite.shared().createTable();
        outbox = new DynamoEventOutbox(dynamo, table);
        health = new DynamoAccountHealthStore(dynamo, table);
    }

    @Test
    void anEventReadBackIsTheEventWritten() {
        DomainEvent event = AccountEvents.rejected(Platform.X, "401 token revoked", NOW, NOW.plusSeconds(600));

        DomainEvent read = DynamoEventOutbox.event(DynamoEventOutbox.document(event));

        assertEquals(event, read);
        assertEquals(DynamoEventOutbox.document(event), DynamoEventOutbox.document(read));
    }

    @Test
    void aTransitionHoldsItsEventOnTheItemUntilAnnouncedAndTheSweepWaitsForTheWritersDeadline() {
        DomainEvent rejected = AccountEvents.rejected(Platform.X, "401 token revoked", NOW, NOW.plusSeconds(600));

        PendingEvents pending = health.markBlocked(Platform.X, "401 token revoked", NOW, NOW.plusSeconds(600),
                Announcement.of(rejected, NOW.plusSeconds(60))).orElseThrow();

        assertEquals(List.of(), outbox.overdue(NOW.plusSeconds(59), 10));
        assertEquals(List.of(pending), outbox.overdue(NOW.plusSeconds(60), 10));
        outbox.announced(pending);
        assertEquals(List.of(), outbox.overdue(NOW.plusSeconds(3600), 10));
        assertEquals(Set.of(Platform.X), health.blocked().keySet(), "the state change itself stays");
    }

    @Test
    void takingSomeEventsOffLeavesTheRestPendingAndTakingThemTwiceIsHarmless() {
        DomainEvent expiring = AccountEvents.expiring(Platform.X, NOW.plusSeconds(86_400), NOW);
        DomainEvent rejected = AccountEvents.rejected(Platform.X, "401", NOW, NOW.plusSeconds(600));
        PendingEvents first = health.markExpiryNotified(Platform.X, NOW.plusSeconds(86_400), Announcement.of(expiring, NOW)).orElseThrow();
        PendingEvents second = health.markBlocked(Platform.X, "401", NOW, NOW.plusSeconds(600), Announcement.of(rejected, NOW)).orElseThrow();

        outbox.announced(first);
        outbox.announced(first);

        List<PendingEvents> left = outbox.overdue(NOW, 10);
        assertEquals(1, left.size());
        assertEquals(List.of(rejected), left.getFirst().events());
        outbox.announced(second);
        assertEquals(List.of(), outbox.overdue(NOW, 10));
    }

    @Test
    void anOverlappingSweepDoesNotGetWhatAnotherTookAndADeadSweepsItemsComeDueAgainAfterItsLease() {
        DomainEvent rejected = AccountEvents.rejected(Platform.X, "401", NOW, NOW.plusSeconds(600));
        health.markBlocked(Platform.X, "401", NOW, NOW.plusSeconds(600), Announcement.of(rejected, NOW));

        List<PendingEvents> first = outbox.overdue(NOW, 10);
        List<PendingEvents> overlapping = outbox.overdue(NOW, 10);

        assertEquals(List.of(rejected), first.getFirst().events());
        assertEquals(List.of(), overlapping);
        assertEquals(List.of(), outbox.overdue(NOW.plus(DynamoEventOutbox.SWEEP_LEASE).minusMillis(1), 10));
        assertEquals(first, outbox.overdue(NOW.plus(DynamoEventOutbox.SWEEP_LEASE), 10), "the first sweep died before announcing");
    }

    @Test
    void aWriteWithoutEventsIsNotOnTheOutbox() {
        health.markBlocked(Platform.X, "401", NOW, NOW.plusSeconds(600), new Announcement(List.of(), NOW));

        assertEquals(List.of(), outbox.overdue(NOW.plusSeconds(3600), 10));
    }
}
