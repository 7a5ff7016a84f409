package socialdesk.core.reply;

/**
 * Where a comment stands with the desk. Every comment starts {@link #NEW}; a person moves it on,
 * never the desk on its own.
 */
public enum CommentState {
    /** Nobody has acted on it yet. */
    NEW,
    /** A reply was posted in its thread (the reply's id, URL, text, approver and time are kept). */
    ANSWERED,
    /** Hidden on the platform (never deleted); unhiding puts it back to {@link #NEW} or {@link #ANSWERED}. */
    HIDDEN,
    /** A person decided no answer is needed, with a reason. */
    DISMISSED;

    /** Parses a state name, ignoring case; unknown names are an error that names them. */
    public static CommentState fromName(String name) {
        if (name != null) {
            for (CommentState s : values()) {
                if (s.name().equalsIgnoreCase(name.strip())) {
                    return s;
                }
            }
        }
        throw new IllegalArgumentException("unknown comment state '" + name + "'; use one of NEW, ANSWERED, HIDDEN, DISMISSED");
    }
}
