package socialdesk.core.post;

/**
 * One image of a post: where it is (a public http(s) URL the publisher fetches, or a platform fetches
 * itself) and its alt text, the description a screen reader speaks in its place.
 */
public record PostImage(String url, String alt) {
    /** The most images one post carries: what Mastodon, Bluesky and X accept, and every other platform at least. */
    public static final int MAX_PER_POST = 4;

    public PostImage {
        url = url == null ? "" : url.strip();
        alt = alt == null ? "" : alt.strip();
    }
}
