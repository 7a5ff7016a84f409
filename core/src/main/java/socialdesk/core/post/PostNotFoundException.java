package socialdesk.core.post;

/** No post has this id. */
public final class PostNotFoundException extends RuntimeException {
    public PostNotFoundException(String postId) {
        super("no post " + postId, null, false, false);
    }
}
