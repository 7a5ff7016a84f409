package socialdesk.core.post;

/** A listing cursor that this store did not hand out (or that was altered). */
public final class InvalidCursorException extends RuntimeException {
    public InvalidCursorException() {
        super("the cursor is not one this listing handed out", null, false, false);
    }
}
