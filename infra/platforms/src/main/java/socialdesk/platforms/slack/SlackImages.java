package socialdesk.platforms.slack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import socialdesk.core.post.PostImage;

/**
 * The blocks of a Slack message with images: the (already escaped) text in {@code section} blocks,
 * then one {@code image} block per image ({@code image_url}, which Slack fetches itself, and its
 * {@code alt_text}). With blocks, the top-level {@code text} is only the notification's fallback, so
 * the text goes in the sections too; a section holds at most {@value #MAX_SECTION_CHARS} characters,
 * so a long text takes several.
 */
final class SlackImages {
    static final int MAX_SECTION_CHARS = 3000;

    private SlackImages() {
    }

    static List<Object> blocks(String escapedText, List<PostImage> images) {
        List<Object> blocks = new ArrayList<>();
        for (String part : sections(escapedText)) {
            blocks.add(Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", part)));
        }
        for (PostImage image : images) {
            Map<String, Object> block = new LinkedHashMap<>();
            block.put("type", "image");
            block.put("image_url", image.url());
            block.put("alt_text", image.alt());
            blocks.add(block);
        }
        return blocks;
    }

    /** The text in pieces of at most {@value #MAX_SECTION_CHARS}, never splitting an escape ({@code &amp;}) or a surrogate pair. */
    static List<String> sections(String text) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = Math.min(text.length(), start + MAX_SECTION_CHARS);
            if (end < text.length()) {
                int amp = text.lastIndexOf('&', end - 1);
                if (amp >= start && amp > end - 5 && text.indexOf(';', amp) >= end) {
                    end = amp;
                }
                if (Character.isLowSurrogate(text.charAt(end))) {
                    end--;
                }
            }
            String part = text.substring(start, end);
            if (!part.isBlank()) {
                parts.add(part);
            }
            start = end;
        }
        return parts;
    }
}
