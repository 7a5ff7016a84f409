package socialdesk.platforms;

import socialdesk.core.engagement.polling.PollResult.StopReason;
import socialdesk.core.engagement.polling.PollResult.Stopped;
import socialdesk.core.publish.PublishOutcome;
import socialdesk.core.publish.PublishOutcome.CredentialsRejected;
import socialdesk.core.publish.PublishOutcome.Permanent;
import socialdesk.core.publish.PublishOutcome.Published;
import socialdesk.core.publish.PublishOutcome.Transient;

/** The publishing outcomes {@link PlatformHttp} builds, read as reasons to stop polling for a run. */
public final class PollFailures {
    private PollFailures() {
    }

    public static Stopped stopped(PublishOutcome outcome) {
        return switch (outcome) {
            case Transient t -> new Stopped(t.reason().contains("rate limited") ? StopReason.RATE_LIMITED : StopReason.UNAVAILABLE,
                    t.reason(), t.notBefore());
            case CredentialsRejected c -> new Stopped(StopReason.CREDENTIALS_REJECTED, c.reason(), null);
            case Permanent p -> new Stopped(StopReason.REFUSED, p.reason(), null);
            case Published p -> new Stopped(StopReason.UNAVAILABLE, "unexpected success outcome", null);
        };
    }

    /** An unsuccessful answer to a polling request. */
    public static Stopped stopped(PlatformHttp http, PlatformHttp.Response response) {
        if (response.statusClass() == PlatformHttp.StatusClass.RATE_LIMITED) {
            String detail = response.detail();
            return new Stopped(StopReason.RATE_LIMITED, http.platform() + ": rate limited (429)"
                    + (detail.isEmpty() ? "" : ": " + detail), http.notBefore(response.headers()));
        }
        return stopped(http.failure(response));
    }

    /** A network failure or an interrupt. */
    public static Stopped transport(PlatformHttp http, Exception e) {
        Transient t = http.transportFailure(e);
        return new Stopped(StopReason.UNAVAILABLE, t.reason(), null);
    }
}
