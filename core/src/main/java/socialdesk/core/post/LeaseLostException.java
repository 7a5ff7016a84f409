package socialdesk.core.post;

/** Another run took the post over after this run's lease expired; this run must stop touching it. */
public final class LeaseLostException extends RuntimeException {
    public LeaseLostException(String postId) {
        super("lease on post " + postId + " is held by another run", null, false, false);
    }
}
