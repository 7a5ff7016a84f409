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

    /**
     * What identifies this content: SHA-256 over the text, the link and each image's URL and alt
     * text (hex). Recorded with a send in flight, so a later run can tell that what it looks for is
     * what was sent.
     */
    public String fingerprint() {
        try {
            java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
            java.util.List<String> parts = new java.util.ArrayList<>(java.util.Arrays.asList(text, link));
            for (PostImage image : images) {
                parts.add(image.url());
                parts.add(image.alt());
            }
            for (String part : parts) {
                digest.update((part == null ? "\u0000" : part + "\u0001").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            return java.util.HexFormat.of().formatHex(digest.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
