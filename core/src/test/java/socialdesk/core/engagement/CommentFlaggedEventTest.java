package socialdesk.core.engagement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import socialdesk.core.events.DomainEvent;
import socialdesk.core.post.Platform;

class CommentFlaggedEventTest {
    @Test
    void carriesWhatAPersonNeedsWithAShortExcerptAndNoHoles() {
        CommentVerdict verdict = new CommentVerdict("ABUSE", "medium", true, "vi", List.of("insult (ngu)"), "HIDE_OR_REPORT", null);
        Comment comment = new Comment("c1", CommentKind.REPLY, new Author("u1", null), "x ".repeat(500), null,
                Instant.parse("2025-11-26T09:00:00Z"));

        DomainEvent event = CommentFlaggedEvent.of(new StoredComment(Owners.unmatched(Platform.X), Platform.X, null, comment, verdict, false));

        assertEquals("social.engagement", event.source());
        assertEquals("CommentFlagged", event.detailType());
        Map<String, Object> d = event.detail();
        assertEquals("", d.get("postId"));
        assertEquals(false, d.get("matched"));
        assertEquals("u1", d.get("author"));
        assertEquals("", d.get("suggestedReply"));
        assertEquals("HIDE_OR_REPORT", d.get("action"));
        assertEquals(List.of("ABUSE"), d.get("categories"));
        assertTrue(((String) d.get("excerpt")).length() <= CommentFlaggedEvent.EXCERPT_CHARS);
    }
}
