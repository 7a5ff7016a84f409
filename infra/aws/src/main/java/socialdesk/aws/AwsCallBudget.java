package socialdesk.aws;

import java.time.Duration;

/**
 * How long one AWS call may take, every attempt and backoff included, derived so that all the calls
 * on a function's critical path can time out one after another and still leave the function time to
 * answer before Lambda stops it.
 *
 * <p>{@code window} is the time the function has for that path: its whole timeout for a function
 * that handles one request, or the reserve it keeps after its last remaining-time check for one that
 * loops. A fifth of the window is left for the function's own work between calls (JSON, triage,
 * platform rules); the rest is shared equally by the calls. A call has {@link #MAX_ATTEMPTS} attempts of a third of its time each, so a slow or throttled attempt is
 * retried rather than waited out.
 *
 * @param window              the time the critical path may take
 * @param callsOnCriticalPath the AWS calls made one after another on it
 */
public record AwsCallBudget(Duration window, int callsOnCriticalPath) {
    public static final int MAX_ATTEMPTS = 3;
    /** Below this an attempt would time out on an ordinary cold connection and TLS handshake. */
    public static final Duration MIN_ATTEMPT = Duration.ofMillis(250);

    public AwsCallBudget {
        if (callsOnCriticalPath < 1) {
            throw new IllegalArgumentException("a function with AWS clients makes at least one call");
        }
        long attemptMillis = callMillis(window, callsOnCriticalPath) / MAX_ATTEMPTS;
        if (attemptMillis < MIN_ATTEMPT.toMillis()) {
            throw new IllegalArgumentException(callsOnCriticalPath + " AWS calls do not fit in " + window.toMillis()
                    + " ms: each attempt would get " + attemptMillis + " ms");
        }
    }

    /** The SDK's overall limit for one call, every attempt and backoff included. */
    public Duration apiCallTimeout() {
        return Duration.ofMillis(callMillis(window, callsOnCriticalPath));
    }

    /** The SDK's limit for one attempt. */
    public Duration apiCallAttemptTimeout() {
        return apiCallTimeout().dividedBy(MAX_ATTEMPTS);
    }

    /** Attempts per call, the first included. */
    public int maxAttempts() {
        return MAX_ATTEMPTS;
    }

    /** The longest the critical path's AWS calls can take, every one of them timing out. */
    public Duration worstCase() {
        return apiCallTimeout().multipliedBy(callsOnCriticalPath);
    }

    private static long callMillis(Duration window, int calls) {
        return window.toMillis() * 4 / 5 / calls;
    }
}
