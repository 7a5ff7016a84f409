package socialdesk.core.triage;

/** What the desk should do with a flagged comment. */
public enum Action {
    /** Answer calmly in public and move the details to a private channel. */
    REPLY,
    /** Answer calmly in public, and hand it to a senior person now (safety, legal, money, data). */
    ESCALATE,
    /** Do not answer: hide the comment or report it to the platform. */
    HIDE_OR_REPORT
}
