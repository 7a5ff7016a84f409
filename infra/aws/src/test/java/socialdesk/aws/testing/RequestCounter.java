package socialdesk.aws.testing;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import socialdesk.aws.client.Transport;
import socialdesk.aws.client.UrlConnectionTransport;

/**
 * Counts AWS requests by operation (the part of {@code X-Amz-Target} after the dot), every attempt
 * included, for tests and benchmarks that report DynamoDB calls; sends them on unchanged.
 */
public final class RequestCounter implements Transport {
    private final Transport delegate;
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    public RequestCounter() {
        this(UrlConnectionTransport.standard());
    }

    public RequestCounter(Transport delegate) {
        this.delegate = delegate;
    }

    @Override
    public Response send(Request request) throws IOException {
        String target = request.headers().getOrDefault("X-Amz-Target", request.method() + " " + request.uri().getPath());
        counts.computeIfAbsent(target.substring(target.indexOf('.') + 1), k -> new LongAdder()).increment();
        return delegate.send(request);
    }

    /** Counts so far, by operation, sorted by name. */
    public Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((op, n) -> out.put(op, n.sum()));
        return out;
    }

    public long total() {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public void reset() {
        counts.clear();
    }
}
