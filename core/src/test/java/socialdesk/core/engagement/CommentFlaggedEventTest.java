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
        assertEquals("./social hide x 'c1'", d.get("answerCommand"), "abuse has no reply to accept: the next step is to hide it");
        assertEquals("POST /comments/x/c1/hide", d.get("answerApi"));
    }

    @Test
    void aConcernWithASuggestedReplyIsAnsweredWithIt() {
        CommentVerdict verdict = new CommentVerdict("CONCERN", "high", true, "en", List.of("refund"), "REPLY",
                "We're sorry. Please send us your order number and we'll fix it today.");
        Comment comment = new Comment("c2", CommentKind.COMMENT, new Author("u2", null), "Still no refund!", null,
                Instant.parse("2025-11-26T09:00:00Z"));

        Map<String, Object> d = CommentFlaggedEvent.of(new StoredComment(Owners.unmatched(Platform.FACEBOOK), Platform.FACEBOOK, null,
                comment, verdict, false)).detail();

        assertEquals("./social reply facebook 'c2' --accept", d.get("answerCommand"));
        assertEquals("POST /comments/facebook/c2/reply", d.get("answerApi"));
    }
}
