package socialdesk.core.post;

/**
 * What a post says: its text, an optional link and an optional image. Platforms receive
 * {@link #fullText()}; the link goes on its own line after the text so every platform renders it as
 * a link.
 *
 * @param imageUrl a public http(s) URL of one image, or null. Platforms that fetch media by URL use
 *                 it (Instagram requires it, Threads posts it when present); the others ignore it.
 */
public record PostContent(String text, String link, String imageUrl) {
    public PostContent {
        text = text == null ? "" : text;
        link = link == null || link.isBlank() ? null : link.strip();
        imageUrl = imageUrl == null || imageUrl.isBlank() ? null : imageUrl.strip();
    }

    /** Text and link only, no image. */
    public PostContent(String text, String link) {
        this(text, link, null);
    }

    public String fullText() {
        return link == null ? text : text.isEmpty() ? link : text + "\n\n" + link;
    }

    public boolean hasImage() {
        return imageUrl != null;
    }

    /**
     * What identifies this content: SHA-256 over the text, link and image URL (hex). Recorded with a
     * send in flight, so a later run can tell that what it looks for is what was sent.
     */
    public String fingerprint() {
        try {
            java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {text, link, imageUrl}) {
                digest.update((part == null ? "\u0000" : part + "\u0001").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            return java.util.HexFormat.of().formatHex(digest.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
