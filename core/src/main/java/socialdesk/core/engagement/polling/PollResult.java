package socialdesk.core.engagement.polling;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import socialdesk.core.engagement.EngagementEvent;

/** What one request for a page of notifications gave. */
public sealed interface PollResult {

    /**
     * A page read.
     *
     * @param events what the page carries, in the order to ingest them (oldest first where the
     *               platform allows)
     * @param next   the cursor to store once {@code events} are ingested; may equal the cursor read
     *               (nothing new)
     * @param more   true when the platform has more to read right now
     */
    record Page(List<EngagementEvent> events, PollCursor next, boolean more) implements PollResult {
        public Page {
            events = List.copyOf(events);
            Objects.requireNonNull(next, "next");
        }
    }

    /** Why a platform stops for this run; the cursor stays where it is. */
    enum StopReason {
        /** 429 or a rate-limit answer: try again next run. */
        RATE_LIMITED,
        /** A timeout, a 5xx, a network failure: try again next run. */
        UNAVAILABLE,
        /** The account's credentials were refused (the publisher raises the account alert). */
        CREDENTIALS_REJECTED,
        /** Any other refusal (a 4xx): logged, tried again next run. */
        REFUSED
    }

    /**
     * The platform could not be read now.
     *
     * @param notBefore when the platform wants to hear from us again, or null
     */
    record Stopped(StopReason reason, String detail, Instant notBefore) implements PollResult {
        public Stopped {
            Objects.requireNonNull(reason, "reason");
            detail = detail == null ? "" : detail;
        }
    }
}
