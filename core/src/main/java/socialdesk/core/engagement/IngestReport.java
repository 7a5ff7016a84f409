package socialdesk.core.engagement;

/**
 * What one delivery changed.
 *
 * @param stored    events that changed something (a new comment, a marker flipped)
 * @param unchanged events already reflected in the store (redeliveries, stale edits)
 * @param flagged   comments flagged (their CommentFlagged stored for the bus)
 * @param unmatched events kept under the unmatched owner
 */
public record IngestReport(int stored, int unchanged, int flagged, int unmatched) {
    public static final IngestReport EMPTY = new IngestReport(0, 0, 0, 0);
}
