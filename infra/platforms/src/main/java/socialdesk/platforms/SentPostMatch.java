package socialdesk.platforms;

import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import socialdesk.core.publish.PublishOutcome;
import socialdesk.core.publish.SentPostLookup.Reconciliation;

/**
 * What the platform lookups share: how a found post's text is compared with what was sent, how far
 * before the due time they look, and how a failed lookup is reported.
 *
 * <p>The marker is the exact text, within the window from the post's due time (less
 * {@link #CLOCK_SKEW}) to now, on the desk's own account: texts are compared after Unicode NFC
 * normalisation and with trailing white space ignored, nothing else, so a post that differs by one
 * character is not taken for ours. Two of the desk's own posts with the same text due in one window
 * are the one case this cannot tell apart; where a platform keeps a metadata field (Slack) the
 * post's id is matched instead.
 */
public final class SentPostMatch {
    /** Allowance for the difference between our clock and the platform's. */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    /** Meta's Graph times: {@code 2026-11-26T09:00:01+0000}. */
    private static final DateTimeFormatter GRAPH_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxx");

    private SentPostMatch() {
    }

    /** Whether a found post's text is the sent text. */
    public static boolean sameText(String sent, String found) {
        if (sent == null || found == null) {
            return false;
        }
        return Normalizer.normalize(sent, Normalizer.Form.NFC).stripTrailing()
                .equals(Normalizer.normalize(found, Normalizer.Form.NFC).stripTrailing());
    }

    /** The earliest creation time a lookup considers. */
    public static Instant windowStart(Instant sentSince) {
        return sentSince.minus(CLOCK_SKEW);
    }

    /** A Graph API time, or null when absent or unreadable. */
    public static Instant graphTime(String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text, GRAPH_TIME).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }

    /** A lookup that failed as a send would have: a reason, and the platform's wait when it gave one. */
    public static Reconciliation failed(PublishOutcome outcome) {
        return switch (outcome) {
            case PublishOutcome.Transient t -> new Reconciliation.LookupFailed(t.reason(), t.notBefore());
            case PublishOutcome.Permanent p -> new Reconciliation.LookupFailed(p.reason(), null);
            case PublishOutcome.CredentialsRejected c -> new Reconciliation.LookupFailed(c.reason(), null);
            case PublishOutcome.Published p -> new Reconciliation.LookupFailed("an answer that was not a listing", null);
        };
    }
}
