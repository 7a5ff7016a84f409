package socialdesk.core.engagement;

import java.time.Instant;
import java.util.Objects;

/**
 * A comment, reply or mention as a platform delivered it.
 *
 * @param id        the platform's id of the comment (unique per platform)
 * @param kind      comment, reply or mention
 * @param author    who wrote it
 * @param text      its text; null when the platform sends only ids (Instagram mentions)
 * @param permalink a link to it on the platform, or null
 * @param at        when it was written (or edited)
 */
public record Comment(String id, CommentKind kind, Author author, String text, String permalink, Instant at) {
    public Comment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
        author = author == null ? Author.UNKNOWN : author;
    }
}
