package socialdesk.core.metrics;

import static socialdesk.core.metrics.Dimension.CATEGORY;
import static socialdesk.core.metrics.Dimension.PLATFORM;
import static socialdesk.core.metrics.Dimension.REASON;
import static socialdesk.core.metrics.Dimension.SEVERITY;

import java.util.List;

/**
 * Every business metric the desk emits, in one place: the code records these, and the template's
 * alarms are checked against them (tests/template-contract), so a renamed metric cannot leave an
 * alarm watching nothing.
 *
 * <p>Each metric is recorded with its {@link #dimensions()}, whose values go into the EMF line (so
 * Logs Insights can split by them), and published to CloudWatch under its {@link #dimensionSets()}
 * only. Every distinct set of dimension values is a custom metric billed by the month, so a split is
 * published only where an alarm or the rarity of the event pays for it
 * (docs/performance-and-cost.md counts them).
 */
public enum Metric {
    /** Per platform in the log line (Logs Insights); one CloudWatch metric for all platforms. */
    POSTS_PUBLISHED("PostsPublished", Unit.COUNT, List.of(PLATFORM), List.of(List.of())),
    /** Per platform (failures are rare, so each platform's metric is billed only in hours with one) and the roll-up the alarm reads. */
    POSTS_FAILED("PostsFailed", Unit.COUNT, List.of(PLATFORM), List.of(List.of(PLATFORM), List.of())),
    POSTS_BLOCKED("PostsBlocked", Unit.COUNT, List.of(PLATFORM), List.of(List.of(PLATFORM))),
    /** How long after its due time a delivery went out; per platform in the log line only. */
    PUBLISH_DELAY("PublishDelay", Unit.MILLISECONDS, List.of(PLATFORM), List.of(List.of())),
    /** New comments stored (redeliveries and edits are not counted); category and severity in the log line only. */
    COMMENTS_STORED("CommentsStored", Unit.COUNT, List.of(CATEGORY, SEVERITY), List.of(List.of())),
    /** Comments put on the bus as flagged, by severity (the high-severity alarm); the category in the log line only. */
    COMMENTS_FLAGGED("CommentsFlagged", Unit.COUNT, List.of(CATEGORY, SEVERITY), List.of(List.of(SEVERITY))),
    WEBHOOK_REQUESTS_REJECTED("WebhookRequestsRejected", Unit.COUNT, List.of(REASON), List.of(List.of(REASON))),
    /** Reads that went to the credentials store because the container's cache had no fresh value. */
    SECRETS_CACHE_MISSES("SecretsCacheMisses", Unit.COUNT, List.of(), List.of(List.of())),
    /** Days until a platform's first free posting slot, after evergreen posts were queued (once a day). */
    QUEUE_RUNWAY_DAYS("QueueRunwayDays", Unit.NONE, List.of(PLATFORM), List.of(List.of(PLATFORM))),
    /** Platforms whose runway is still below their target after evergreen posts were queued. */
    QUEUES_RUNNING_LOW("QueuesRunningLow", Unit.COUNT, List.of(), List.of(List.of())),
    ;

    /** The one namespace of the desk's metrics; the template's alarms name it too. */
    public static final String NAMESPACE = "SocialDesk";

    /** CloudWatch units used here, spelled as CloudWatch spells them. */
    public enum Unit {
        COUNT("Count"),
        MILLISECONDS("Milliseconds"),
        NONE("None");

        private final String cloudWatchName;

        Unit(String cloudWatchName) {
            this.cloudWatchName = cloudWatchName;
        }

        public String cloudWatchName() {
            return cloudWatchName;
        }
    }

    private final String metricName;
    private final Unit unit;
    private final List<Dimension> dimensions;
    private final List<List<Dimension>> dimensionSets;

    Metric(String metricName, Unit unit, List<Dimension> dimensions, List<List<Dimension>> dimensionSets) {
        this.metricName = metricName;
        this.unit = unit;
        this.dimensions = dimensions;
        this.dimensionSets = dimensionSets;
    }

    /** The name in CloudWatch. */
    public String metricName() {
        return metricName;
    }

    public Unit unit() {
        return unit;
    }

    /** The dimensions a value is recorded with (written into its EMF line), in the order {@link DeskMetrics#add} takes their values. */
    public List<Dimension> dimensions() {
        return dimensions;
    }

    /**
     * Every combination the metric is published under in CloudWatch, each a subset of
     * {@link #dimensions()}: the splits an alarm or a dashboard reads without summing each value.
     */
    public List<List<Dimension>> dimensionSets() {
        return dimensionSets;
    }

    /** Counts are summed over an invocation; other values are kept one by one (a distribution). */
    public boolean summed() {
        return unit == Unit.COUNT;
    }
}
