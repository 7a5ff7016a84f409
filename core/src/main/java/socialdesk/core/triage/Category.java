package socialdesk.core.triage;

/** What a comment is, from the desk's point of view. Only {@link #CONCERN} and {@link #ABUSE} need a human. */
public enum Category {
    /** A legitimate complaint the company should acknowledge publicly, even when angry or sworn. */
    CONCERN,
    /** Insults, harassment, hate or threats aimed at the company, staff or users, with nothing actionable. */
    ABUSE,
    SPAM,
    QUESTION,
    PRAISE,
    NEUTRAL;

    /** True for the categories a human must look at. */
    public boolean flagged() {
        return this == CONCERN || this == ABUSE;
    }
}
