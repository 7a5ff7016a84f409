package socialdesk.core.reply;

/** Where one reply stands. */
public enum ReplyStatus {
    /** Claimed; the send is under way (or was, when its lease has run out). */
    SENDING,
    /** The platform holds the reply. */
    SENT,
    /**
     * The send may or may not have landed and the platform cannot be asked safely (no idempotency
     * key): a person checks the thread; the desk never sends it again on its own.
     */
    UNCERTAIN,
    /** The platform refused it; a new request may try again (a new attempt, a new key). */
    FAILED
}
