package socialdesk.core.post;

/**
 * What a post says: its text and an optional link. Platforms receive {@link #fullText()}; the link
 * goes on its own line after the text so every platform renders it as a link.
 */
public record PostContent(String text, String link) {
    public PostContent {
        text = text == null ? "" : text;
        link = link == null || link.isBlank() ? null : link.strip();
    }

    public String fullText() {
        return link == null ? text : text.isEmpty() ? link : text + "\n\n" + link;
    }
}
