package socialdesk.core.engagement;

/**
 * What one delivery changed.
 *
 * @param stored     events that changed something (a new comment, a counter moved)
 * @param unchanged  events already reflected in the store (redeliveries that raced the dedupe)
 * @param duplicates events skipped because their dedupe record exists
 * @param flagged    CommentFlagged events published
 * @param unmatched  events kept under the unmatched owner
 */
public record IngestReport(int stored, int unchanged, int duplicates, int flagged, int unmatched) {
    public static final IngestReport EMPTY = new IngestReport(0, 0, 0, 0, 0);
}
