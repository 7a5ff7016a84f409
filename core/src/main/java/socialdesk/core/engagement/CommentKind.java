package socialdesk.core.engagement;

/** What a piece of text aimed at one of our posts (or at us) is, and which counter it moves. */
public enum CommentKind {
    /** A comment on our post. */
    COMMENT(Counter.COMMENTS),
    /** A reply: to our post on X, or to a comment under our post on Meta. */
    REPLY(Counter.REPLIES),
    /** A mention of our account that is not a reply to one of our posts. */
    MENTION(Counter.MENTIONS);

    private final Counter counter;

    CommentKind(Counter counter) {
        this.counter = counter;
    }

    public Counter counter() {
        return counter;
    }
}
