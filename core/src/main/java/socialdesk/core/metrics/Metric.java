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
 */
public enum Metric {
    POSTS_PUBLISHED("PostsPublished", Unit.COUNT, List.of(List.of(PLATFORM))),
    /** Also without dimensions: one alarm covers every platform (see docs/operations.md). */
    POSTS_FAILED("PostsFailed", Unit.COUNT, List.of(List.of(PLATFORM), List.of())),
    POSTS_BLOCKED("PostsBlocked", Unit.COUNT, List.of(List.of(PLATFORM))),
    /** How long after its due time a delivery went out. */
    PUBLISH_DELAY("PublishDelay", Unit.MILLISECONDS, List.of(List.of(PLATFORM))),
    /** New comments stored (redeliveries and edits are not counted). */
    COMMENTS_STORED("CommentsStored", Unit.COUNT, List.of(List.of(CATEGORY, SEVERITY))),
    /** Comments put on the bus as flagged; also by severity alone, for the high-severity alarm. */
    COMMENTS_FLAGGED("CommentsFlagged", Unit.COUNT, List.of(List.of(CATEGORY, SEVERITY), List.of(SEVERITY))),
    /** From a comment's arrival to a person's reply in its thread, by platform and the comment's severity. */
    COMMENT_RESPONSE_TIME("CommentResponseTime", Unit.MILLISECONDS, List.of(List.of(PLATFORM, SEVERITY))),
    /**
     * How long the oldest flagged comment nobody has answered, hidden or dismissed has waited, by
     * severity (zero when none waits); written every collection run, watched by the response-time alarm.
     */
    OLDEST_WAITING_COMMENT("OldestWaitingComment", Unit.SECONDS, List.of(List.of(SEVERITY))),
    WEBHOOK_REQUESTS_REJECTED("WebhookRequestsRejected", Unit.COUNT, List.of(List.of(REASON))),
    /** Reads that went to the secrets store because the container's cache had no fresh value. */
    SECRETS_CACHE_MISSES("SecretsCacheMisses", Unit.COUNT, List.of(List.of())),
    /** Days until a platform's first free posting slot, after evergreen posts were queued. */
    QUEUE_RUNWAY_DAYS("QueueRunwayDays", Unit.NONE, List.of(List.of(PLATFORM))),
    /** Platforms whose runway is still below their target after evergreen posts were queued. */
    QUEUES_RUNNING_LOW("QueuesRunningLow", Unit.COUNT, List.of(List.of())),
    ;

    /** The one namespace of the desk's metrics; the template's alarms name it too. */
    public static final String NAMESPACE = "SocialDesk";

    /** CloudWatch units used here, spelled as CloudWatch spells them. */
    public enum Unit {
        COUNT("Count"),
        MILLISECONDS("Milliseconds"),
        SECONDS("Seconds"),
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
    private final List<List<Dimension>> dimensionSets;

    Metric(String metricName, Unit unit, List<List<Dimension>> dimensionSets) {
        this.metricName = metricName;
        this.unit = unit;
        this.dimensionSets = dimensionSets;
    }

    /** The name in CloudWatch. */
    public String metricName() {
        return metricName;
    }

    public Unit unit() {
        return unit;
    }

    /** The dimensions a value is recorded with, in the order {@link DeskMetrics#add} takes their values. */
    public List<Dimension> dimensions() {
        return dimensionSets.getFirst();
    }

    /**
     * Every combination the metric is published under: {@link #dimensions()} first, then the
     * roll-ups (subsets) an alarm or a dashboard reads without summing each value.
     */
    public List<List<Dimension>> dimensionSets() {
        return dimensionSets;
    }

    /** Counts are summed over an invocation; other values are kept one by one (a distribution). */
    public boolean summed() {
        return unit == Unit.COUNT;
    }
}
