package socialdesk.aws.bedrock;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;

/**
 * How much wall time model calls may take within a sliding window, so that a delivery of many
 * comments cannot spend the function's timeout on the model: each call is already capped by the
 * client's API-call timeout; this caps their sum. A call starts only while the time spent in the
 * window is under the allowance, so the window never holds more than the allowance plus one call.
 * Past that, comments get the local triage until older calls leave the window.
 */
final class CallBudget {
    private record Spent(long endNanos, long nanos) {
    }

    private final long windowNanos;
    private final long allowanceNanos;
    private final LongSupplier nanoTime;
    private final Deque<Spent> spent = new ArrayDeque<>();
    private long total;

    CallBudget(Duration window, Duration allowance, LongSupplier nanoTime) {
        this.windowNanos = window.toNanos();
        this.allowanceNanos = allowance.toNanos();
        this.nanoTime = nanoTime;
    }

    long now() {
        return nanoTime.getAsLong();
    }

    /** True when a call may start now. */
    synchronized boolean available() {
        long now = now();
        while (!spent.isEmpty() && now - spent.peekFirst().endNanos() >= windowNanos) {
            total -= spent.removeFirst().nanos();
        }
        return total < allowanceNanos;
    }

    /** Records a call that started at {@code startNanos} (from {@link #now()}) and has just ended. */
    synchronized void spend(long startNanos) {
        long end = now();
        long nanos = Math.max(0, end - startNanos);
        spent.addLast(new Spent(end, nanos));
        total += nanos;
    }
}
