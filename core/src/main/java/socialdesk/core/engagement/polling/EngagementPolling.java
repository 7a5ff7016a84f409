package socialdesk.core.engagement.polling;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import socialdesk.core.engagement.EngagementIngestion;
import socialdesk.core.engagement.IngestReport;
import socialdesk.core.log.JsonLog;
import socialdesk.core.post.Platform;

/**
 * Polls platforms that have no webhooks and stores what they report through the same ingestion as
 * webhooks (dedupe, remote index, comments put once, counters, triage, {@code CommentFlagged}).
 *
 * <h2>Cursor discipline</h2>
 * For each platform: read the stored cursor, then page by page: read a page, ingest its events,
 * and only then store the page's cursor with a conditional write. A run that dies after ingesting
 * and before the write leaves the old cursor: the next run reads the page again and the ingestion's
 * dedupe (event ids are the platforms' notification ids) stores nothing twice. A write that finds
 * the same or a later position stored means an overlapping run is ahead: this run stops there for
 * that platform, so the cursor never moves backwards.
 *
 * <p>A platform that answers with a rate limit, a server error or a timeout stops for this run with
 * its cursor kept; refused credentials are logged and skipped (the publisher raises the account
 * alert). A failure of the table or the bus propagates: the cursor has not moved, so the next run
 * does the page again.
 */
public final class EngagementPolling {
    /** Pages read per platform per run, at most; the rest waits for the next run. */
    public static final int DEFAULT_MAX_PAGES = 10;
    /** Stop starting pages when less than this much of the invocation remains. */
    public static final long DEFAULT_RESERVE_MILLIS = 20_000;

    private final EngagementIngestion ingestion;
    private final PollCursorStore cursors;
    private final int maxPages;
    private final long reserveMillis;

    public EngagementPolling(EngagementIngestion ingestion, PollCursorStore cursors) {
        this(ingestion, cursors, DEFAULT_MAX_PAGES, DEFAULT_RESERVE_MILLIS);
    }

    public EngagementPolling(EngagementIngestion ingestion, PollCursorStore cursors, int maxPages, long reserveMillis) {
        if (maxPages < 1) {
            throw new IllegalArgumentException("maxPages must be at least 1");
        }
        this.ingestion = ingestion;
        this.cursors = cursors;
        this.maxPages = maxPages;
        this.reserveMillis = reserveMillis;
    }

    /** Polls each source in turn; {@code remainingMillis} is the invocation's time left. */
    public List<PollReport> run(List<NotificationSource> sources, LongSupplier remainingMillis) {
        List<PollReport> reports = new ArrayList<>(sources.size());
        for (NotificationSource source : sources) {
            reports.add(poll(source, remainingMillis));
        }
        return reports;
    }

    PollReport poll(NotificationSource source, LongSupplier remainingMillis) {
        Platform platform = source.platform();
        PollCursor cursor = cursors.find(platform).orElse(null);
        int pages = 0;
        int events = 0;
        IngestReport total = IngestReport.EMPTY;
        boolean advanced = false;
        String stoppedBy = null;
        while (true) {
            if (pages >= maxPages) {
                stoppedBy = "page-limit";
                break;
            }
            if (remainingMillis.getAsLong() < reserveMillis) {
                stoppedBy = "time";
                break;
            }
            PollResult result = source.next(cursor);
            if (result instanceof PollResult.Stopped stopped) {
                stoppedBy = stopped.reason().name();
                log(platform, stopped);
                break;
            }
            PollResult.Page page = (PollResult.Page) result;
            pages++;
            events += page.events().size();
            if (!page.events().isEmpty()) {
                total = plus(total, ingestion.ingest(page.events(), remainingMillis.getAsLong()));
            }
            if (page.next().isAfter(cursor)) {
                if (!cursors.advance(platform, page.next())) {
                    stoppedBy = "ahead";
                    JsonLog.info("another run stored a later cursor; stopping this platform", "platform", platform.id());
                    break;
                }
                cursor = page.next();
                advanced = true;
            }
            if (!page.more()) {
                break;
            }
        }
        PollReport report = new PollReport(platform, pages, events, total, stoppedBy, advanced);
        JsonLog.info("engagement polled", "platform", platform.id(), "pages", pages, "events", events,
                "stored", total.stored(), "duplicates", total.unchanged(), "flagged", total.flagged(),
                "stoppedBy", stoppedBy, "cursorAdvanced", advanced);
        return report;
    }

    private static void log(Platform platform, PollResult.Stopped stopped) {
        String message = switch (stopped.reason()) {
            case RATE_LIMITED -> "platform rate-limited polling; cursor kept, next run tries again";
            case UNAVAILABLE -> "platform unavailable for polling; cursor kept, next run tries again";
            case CREDENTIALS_REJECTED -> "platform rejected the account's credentials; polling skipped";
            case REFUSED -> "platform refused the polling request; cursor kept";
        };
        Object notBefore = stopped.notBefore() == null ? null : stopped.notBefore().toString();
        if (stopped.reason() == PollResult.StopReason.CREDENTIALS_REJECTED || stopped.reason() == PollResult.StopReason.REFUSED) {
            JsonLog.error(message, "platform", platform.id(), "detail", stopped.detail());
        } else {
            JsonLog.warn(message, "platform", platform.id(), "detail", stopped.detail(), "notBefore", notBefore);
        }
    }

    private static IngestReport plus(IngestReport a, IngestReport b) {
        return new IngestReport(a.stored() + b.stored(), a.unchanged() + b.unchanged(),
                a.flagged() + b.flagged(), a.unmatched() + b.unmatched());
    }
}
