package socialdesk.core.engagement.polling;

import socialdesk.core.engagement.IngestReport;
import socialdesk.core.post.Platform;

/**
 * What one run did for one platform.
 *
 * @param pages     pages read
 * @param events    events those pages carried
 * @param ingested  what the ingestion made of them (duplicates are events read before)
 * @param stoppedBy why the run stopped before reading everything (a {@link PollResult.StopReason}
 *                  name, {@code "ahead"} when an overlapping run had stored a later cursor,
 *                  {@code "page-limit"} or {@code "time"}), or null when it read all there was
 * @param cursorAdvanced true when this run stored a newer cursor
 */
public record PollReport(Platform platform, int pages, int events, IngestReport ingested, String stoppedBy,
                         boolean cursorAdvanced) {
}
