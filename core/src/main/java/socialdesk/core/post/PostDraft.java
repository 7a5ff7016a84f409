package socialdesk.core.post;

import java.util.List;

/**
 * A post as a person or a calendar file asks for it, before validation: platform names and the due
 * time are still text. {@code id} may be null (one is made); given, it makes queueing idempotent.
 * {@code images} are optional (Instagram needs one). {@code evergreen} asks for the post to be
 * queued again, later, when the queue runs short.
 */
public record PostDraft(String id, String text, String link, List<PostImage> images, List<String> platforms, String dueAt,
                        boolean evergreen) {
    public PostDraft {
        images = images == null ? List.of() : List.copyOf(images);
        platforms = platforms == null ? List.of() : List.copyOf(platforms);
    }

    /** A one-off draft without an image. */
    public PostDraft(String id, String text, String link, List<String> platforms, String dueAt) {
        this(id, text, link, List.of(), platforms, dueAt, false);
    }
}
