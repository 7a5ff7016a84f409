package socialdesk.aws;

import java.time.Duration;

/**
 * How long one AWS call may take, retries and backoff included, so that every call on a function's
 * critical path can fail and still leave the function time to answer before Lambda stops it.
 *
 * <p>Derived from the function's timeout: half of it is left for everything that is not an AWS call
 * (platform APIs, triage, JSON), the other half is shared equally by the AWS calls on the critical
 * path, each capped at {@link #MAX_CALL}. A call gets {@link #MAX_ATTEMPTS} attempts of a third of
 * its time each, so a throttled or slow attempt is retried rather than waited out.
 *
 * @param apiCallTimeout        the SDK's overall limit for one call, every attempt and backoff included
 * @param apiCallAttemptTimeout the SDK's limit for one attempt
 * @param maxAttempts           attempts per call, the first included
 */
public record AwsCallBudget(Duration apiCallTimeout, Duration apiCallAttemptTimeout, int maxAttempts) {
    public static final int MAX_ATTEMPTS = 3;
    /** No DynamoDB, EventBridge or Secrets Manager call this project makes should take longer, whatever the function's timeout. */
    public static final Duration MAX_CALL = Duration.ofSeconds(6);
    /** Below this an attempt would time out on an ordinary cold TLS handshake. */
    public static final Duration MIN_ATTEMPT = Duration.ofMillis(300);

    public AwsCallBudget {
        if (maxAttempts < 1 || apiCallAttemptTimeout.compareTo(apiCallTimeout) > 0) {
            throw new IllegalArgumentException("an attempt must fit in its call: " + apiCallAttemptTimeout + " > " + apiCallTimeout);
        }
    }

    /**
     * The budget of a function whose timeout is {@code functionTimeout} and whose longest path makes
     * {@code callsOnCriticalPath} AWS calls one after another.
     *
     * @throws IllegalArgumentException when the calls cannot each get {@link #MIN_ATTEMPT} per attempt
     */
    public static AwsCallBudget within(Duration functionTimeout, int callsOnCriticalPath) {
        if (callsOnCriticalPath < 1) {
            throw new IllegalArgumentException("a function with AWS clients makes at least one call");
        }
        Duration perCall = functionTimeout.dividedBy(2).dividedBy(callsOnCriticalPath);
        if (perCall.compareTo(MAX_CALL) > 0) {
            perCall = MAX_CALL;
        }
        // Whole milliseconds, so the SDK gets exactly what this record says.
        perCall = Duration.ofMillis(perCall.toMillis());
        Duration attempt = Duration.ofMillis(perCall.toMillis() / MAX_ATTEMPTS);
        if (attempt.compareTo(MIN_ATTEMPT) < 0) {
            throw new IllegalArgumentException(callsOnCriticalPath + " AWS calls do not fit in a " + functionTimeout.toSeconds()
                    + " s function: each attempt would get " + attempt.toMillis() + " ms");
        }
        return new AwsCallBudget(perCall, attempt, MAX_ATTEMPTS);
    }

    /** The longest {@code calls} sequential calls can take when every one of them times out. */
    public Duration worstCase(int calls) {
        return apiCallTimeout.multipliedBy(calls);
    }
}
