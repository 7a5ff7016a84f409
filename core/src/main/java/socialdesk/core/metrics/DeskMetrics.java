package socialdesk.core.metrics;

/**
 * Where the domain records business facts (a post published, a comment flagged) without knowing how
 * they become metrics. Implementations are thread-safe: the publisher records from many virtual
 * threads at once.
 */
public interface DeskMetrics {

    /** Records nothing: for tests and tools that do not look at metrics. */
    DeskMetrics NONE = new DeskMetrics() {
        @Override
        public void add(Metric metric, double value, String... dimensionValues) {
        }
    };

    /**
     * Records one value.
     *
     * @param dimensionValues one per {@link Metric#dimensions()}, in that order, each from a small
     *                        closed set (never an id or text from outside)
     */
    void add(Metric metric, double value, String... dimensionValues);

    /** Records one occurrence of a counted fact. */
    default void count(Metric metric, String... dimensionValues) {
        add(metric, 1, dimensionValues);
    }

    /** Writes out what was recorded since the last flush; the handler calls it once per invocation. */
    default void flush() {
    }
}
