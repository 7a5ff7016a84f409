package socialdesk.core.post;

import java.util.List;

/**
 * What a post says: its text, an optional link and up to {@value PostImage#MAX_PER_POST} images,
 * each with alt text. Platforms receive {@link #fullText()}; the link goes on its own line after the
 * text so every platform renders it as a link.
 *
 * @param images in the order they are shown; empty for a text post
 */
public record PostContent(String text, String link, List<PostImage> images) {
    public PostContent {
        text = text == null ? "" : text;
        link = link == null || link.isBlank() ? null : link.strip();
        images = images == null ? List.of() : List.copyOf(images);
    }

    /** Text and link only, no image. */
    public PostContent(String text, String link) {
        this(text, link, List.of());
    }

    public String fullText() {
        return link == null ? text : text.isEmpty() ? link : text + "\n\n" + link;
    }

    public boolean hasImage() {
        return !images.isEmpty();
    }
}
