package socialdesk.core.webhook;

import socialdesk.core.engagement.EngagementEvent;

/** One entry of a delivery: an event, or why there is none (a kind the desk ignores, or a tracked kind missing a field). */
record Entry(EngagementEvent event, boolean skipped) {
    static final Entry IGNORED = new Entry(null, false);
    static final Entry SKIPPED = new Entry(null, true);

    static Entry of(EngagementEvent event) {
        return new Entry(event, false);
    }
}
