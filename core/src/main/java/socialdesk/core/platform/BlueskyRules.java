package socialdesk.core.platform;

import java.util.ArrayList;
import java.util.List;
import socialdesk.core.post.Platform;
import socialdesk.core.post.PostContent;

/**
 * The {@code app.bsky.feed.post} text limits: at most {@value #MAX_GRAPHEMES} graphemes and
 * {@value #MAX_BYTES} bytes of UTF-8. Links count in full: the desk sends the whole link in the
 * text (Bluesky apps that shorten links do so by rewriting the text itself).
 */
public final class BlueskyRules implements ContentRules {
    public static final int MAX_GRAPHEMES = 300;
    public static final int MAX_BYTES = 3000;

    @Override
    public Platform platform() {
        return Platform.BLUESKY;
    }

    @Override
    public List<String> problems(PostContent content) {
        String text = content.fullText();
        if (text.isBlank()) {
            return List.of("bluesky: text is empty");
        }
        List<String> problems = new ArrayList<>(2);
        int graphemes = TextMeasure.graphemes(text);
        if (graphemes > MAX_GRAPHEMES) {
            problems.add("bluesky: text is " + graphemes + " graphemes, the limit is " + MAX_GRAPHEMES);
        }
        int bytes = TextMeasure.utf8Length(text);
        if (bytes > MAX_BYTES) {
            problems.add("bluesky: text is " + bytes + " bytes in UTF-8, the limit is " + MAX_BYTES);
        }
        problems.addAll(images().problems(content));
        return List.copyOf(problems);
    }

    @Override
    public List<TextCount> counts(PostContent content) {
        String text = content.fullText();
        return List.of(new TextCount(TextMeasure.graphemes(text), MAX_GRAPHEMES, "graphemes"),
                new TextCount(TextMeasure.utf8Length(text), MAX_BYTES, "bytes in UTF-8"));
    }

    @Override
    public String toString() {
        return "BlueskyRules[maxGraphemes=" + MAX_GRAPHEMES + ", maxBytes=" + MAX_BYTES + "]";
    }
}
