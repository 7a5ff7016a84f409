package socialdesk.core.triage;

/** The subject of a concern, used to word a reply that shows the comment was read. */
public enum Topic {
    REFUND,
    BILLING,
    DELIVERY,
    DELAY,
    SAFETY,
    DATA,
    QUALITY,
    STAFF,
    SERVICE,
    LEGAL,
    GENERAL
}
