package socialdesk.aws.dynamo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import socialdesk.aws.testing.Dynalite;
import socialdesk.core.platform.BlueskyRules;
import socialdesk.core.platform.MastodonRules;
import socialdesk.core.post.InvalidPostException;
import socialdesk.core.post.Platform;
import socialdesk.core.post.Post;
import socialdesk.core.post.PostDraft;
import socialdesk.core.post.PostQueue;
import socialdesk.core.post.PostStatus;

/** Queueing through the domain service into the real store (dynalite). */
class PostQueueTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T09:00:00Z"), ZoneOffset.UTC);

    private DynamoPostStore store;
    private PostQueue queue;

    @BeforeEach
    void freshTable() {
        Dynalite dynalite = Dynalite.shared();
        store = new DynamoPostStore(dynalite.client(), dynalite.createTable());
        queue = new PostQueue(store, Map.of(Platform.MASTODON, new MastodonRules(), Platform.BLUESKY, new BlueskyRules()), CLOCK);
    }

    @Test
    void queuesAPostDueAtALocalTimeAsUtc() {
        Post post = queue.enqueue(new PostDraft(null, "Chào buổi sáng!", "https://example.com/vn",
                List.of("mastodon", "Bluesky"), "2026-11-27T09:00:00+07:00"));

        assertEquals(Instant.parse("2026-11-27T02:00:00Z"), post.dueAt());
        assertEquals(List.of(Platform.MASTODON, Platform.BLUESKY), post.platforms());
        assertEquals(PostStatus.QUEUED, store.find(post.id()).orElseThrow().status());
        assertEquals(2, store.deliveries(post.id()).size());
    }

    @Test
    void namesEveryProblemAtOnce() {
        PostDraft draft = new PostDraft(null, "é".repeat(301), "not a link", List.of("bluesky", "myspace"), "tomorrow 9am");

        InvalidPostException e = assertThrows(InvalidPostException.class, () -> queue.enqueue(draft));

        assertEquals(4, e.problems().size(), e.problems().toString());
        assertTrue(e.problems().stream().anyMatch(p -> p.startsWith("dueAt 'tomorrow 9am'")));
        assertTrue(e.problems().stream().anyMatch(p -> p.contains("myspace")));
        assertTrue(e.problems().stream().anyMatch(p -> p.startsWith("link")));
        assertTrue(e.problems().stream().anyMatch(p -> p.startsWith("bluesky:")));
    }

    @Test
    void refusesATimeWithoutAnOffsetAndAPlatformItCannotPublishTo() {
        PostDraft draft = new PostDraft(null, "Hello", null, List.of("linkedin"), "2026-11-27T09:00:00");

        InvalidPostException e = assertThrows(InvalidPostException.class, () -> queue.enqueue(draft));

        assertEquals(List.of(
                "dueAt '2026-11-27T09:00:00' has no offset: add the UTC offset it is in (e.g. 2026-11-27T09:00:00+07:00)",
                "linkedin: publishing to this platform is not supported yet"), e.problems());
    }

    @Test
    void queueingTheSameIdAgainAnswersTheFirstPost() {
        PostDraft draft = new PostDraft("launch-2026", "Launch day", null, List.of("mastodon"), "2026-11-27T09:00:00Z");

        Post first = queue.enqueue(draft);
        Post again = queue.enqueue(draft);

        assertEquals(first, again);
        assertEquals(List.of(first.id()), store.findDue(Instant.parse("2026-11-28T00:00:00Z"), 10));
    }
}
