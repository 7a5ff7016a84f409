package socialdesk.core.metrics;

/**
 * A dimension a metric is split by. Every value is drawn from a small closed set (an enum's id, a
 * rejection code), never an id or free text: each distinct value is a CloudWatch metric of its own,
 * billed by the month.
 */
public enum Dimension {
    /** {@code Platform.id()}: mastodon, x, ... */
    PLATFORM("platform"),
    /** The triage category, lower case: concern, abuse, spam, question, praise, neutral. */
    CATEGORY("category"),
    /** The triage severity's wire form: high, medium, low, none. */
    SEVERITY("severity"),
    /** Why a webhook request was refused: the error code of its 4xx answer. */
    REASON("reason");

    private final String key;

    Dimension(String key) {
        this.key = key;
    }

    /** The dimension's name in CloudWatch and in the alarms of template.yaml. */
    public String key() {
        return key;
    }
}
